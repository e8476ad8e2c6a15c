import { describe, expect, it } from '@jest/globals';
import { ConflictError } from '@kenpo/kernel';
import type { PayoutRunCommand } from './payout-run.commands.js';
import { payoutRunDecider } from './payout-run.decide.js';
import type { PayoutRunEvent } from './payout-run.events.js';
import { given, metadata } from './testing.js';

const runId = 'run-20250307-0900';
const operator = { id: 'operator-1', role: 'payment-operator' as const };
const request = (requestedBy = operator): PayoutRunCommand => ({
  type: 'RequestPayoutRun',
  data: { runId, trigger: 'operator', requestedBy, transferDate: '2025-03-07' },
  metadata: metadata(),
});
const requested: PayoutRunEvent = {
  type: 'PayoutRunRequested',
  data: { runId, trigger: 'operator', requestedBy: operator, transferDate: '2025-03-07' },
};
const voidRun: PayoutRunCommand = {
  type: 'VoidPayoutRun',
  data: { runId, reason: 'transfer_date_passed', detail: 'not taken up before its date', on: '2025-03-08' },
  metadata: metadata(),
};
const nothing: PayoutRunCommand = {
  type: 'RecordNothingToPay',
  data: { runId, transferDate: '2025-03-07', held: 0 },
  metadata: metadata(),
};

describe('payout run record (issue 13.8: the worker takes its actor from here; issue 18: explicit ends)', () => {
  it('records who requested the run; the same request again is a no-op, another requester a conflict', () => {
    expect(given(payoutRunDecider, []).when(request())).toEqual({ events: [requested] });
    expect(given(payoutRunDecider, [requested]).when(request())).toEqual({ events: [] });
    const other = given(payoutRunDecider, [requested]).when(request({ id: 'someone-else', role: 'payment-operator' }));
    expect((other as { error: ConflictError }).error.code).toBe('run_already_requested');
  });
  it('a requested run that never planned can be voided once; an ended run cannot be resumed', () => {
    const voided = given(payoutRunDecider, [requested]).when(voidRun);
    expect(voided).toMatchObject({ events: [{ type: 'PayoutRunVoided', data: { reason: 'transfer_date_passed' } }] });
    const history = [requested, ...(voided as { events: PayoutRunEvent[] }).events];
    expect(given(payoutRunDecider, history).when(voidRun)).toEqual({ events: [] });
    const resume = given(payoutRunDecider, history).when({
      type: 'ResumePayoutRun',
      data: { runId, trigger: 'start-up', detail: 'x' },
      metadata: metadata(),
    });
    expect((resume as { error: ConflictError }).error.code).toBe('run_finished');
    expect((given(payoutRunDecider, history).when(nothing) as { error: ConflictError }).error.code).toBe('run_voided');
  });
});
