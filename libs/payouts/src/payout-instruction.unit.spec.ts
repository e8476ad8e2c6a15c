import { describe, expect, it } from '@jest/globals';
import { ConflictError, RuleViolation, ValidationError } from '@kenpo/kernel';
import { payoutDecider } from './payout.decide.js';
import type { PayoutEvent } from './payout.events.js';
import {
  account,
  claimId,
  cmd,
  held,
  instruct,
  instructed,
  scheduled,
  thenError,
  thenEvents,
} from './payout.fixtures.js';
import { given } from './testing.js';

describe('payout decider: pending claims and accounts given by clerks (issue 13.2, 13.4)', () => {
  const pendingSchedule = cmd('SchedulePayout', {
    claimId,
    memberId: 'm-1',
    amount: 98_765,
    accountSource: 'claim',
    pending: { reason: 'no_payment_preference', detail: 'no preference for automatic benefits' },
    dueDate: '2025-03-05',
  });
  const replace = (over: Partial<{ reason: string; accountNumber: string }> = {}) =>
    cmd('ReplacePayoutAccount', {
      account: { ...account, accountNumber: over.accountNumber ?? '7777777', holderName: 'ヤマダ ハナコ' },
      reason: over.reason ?? 'the heir gave her account',
      on: '2025-03-10',
    });

  it('a claim without a fixed account schedules its payout held, with the claim’s reason', () => {
    expect(given(payoutDecider, []).when(pendingSchedule)).toMatchObject({
      events: [
        { type: 'PayoutScheduled', data: { pending: { reason: 'no_payment_preference' } } },
        { type: 'PayoutHeld', data: { reason: 'no_payment_preference', heldOn: '2025-03-05' } },
      ],
    });
  });
  it('a clerk replaces the account of a held payout, with a reason, which releases it; the account is then the one paid', () => {
    const history = (given(payoutDecider, []).when(pendingSchedule) as { events: PayoutEvent[] }).events;
    const outcome = given(payoutDecider, history).when(replace());
    expect(outcome).toMatchObject({
      events: [
        {
          type: 'PayoutAccountReplaced',
          data: { account: { accountNumber: '7777777', holderName: 'ﾔﾏﾀﾞ ﾊﾅｺ' }, reason: 'the heir gave her account' },
        },
        { type: 'PayoutReleased', data: { releasedOn: '2025-03-10' } },
      ],
    });
    const after = [...history, ...(outcome as { events: PayoutEvent[] }).events];
    expect(given(payoutDecider, after).when(instruct('run-1'))).toMatchObject({
      events: [{ type: 'PayoutInstructed' }],
    });
  });
  it('a due or instructed payout keeps its account; a bad account or a missing reason is refused naming the field', () => {
    thenError(given(payoutDecider, [scheduled]).when(replace()), RuleViolation, 'payout_not_held');
    const history = [scheduled, held('no_account')];
    const bad = given(payoutDecider, history).when(replace({ accountNumber: '12345678' }));
    expect((bad as { error: ValidationError }).error.violations[0]!.field).toBe('account.accountNumber');
    thenError(given(payoutDecider, history).when(replace({ reason: ' ' })), ValidationError, 'validation_failed');
  });
});

describe('payout decider: a voided run releases its payouts (issue 18)', () => {
  const voidRun = (runId: string) => cmd('VoidPayoutInstruction', { runId, reason: 'transfer_date_passed' });
  const voidedEvent = (runId: string, wasInstructed: boolean): PayoutEvent => ({
    type: 'PayoutInstructionVoided',
    data: { payoutId: claimId, runId, reason: 'transfer_date_passed', wasInstructed },
  });

  it('an instruction of the voided run is undone: the payout is due again and goes into the next run', () => {
    thenEvents(given(payoutDecider, [scheduled, instructed('run-1')]).when(voidRun('run-1')), [
      voidedEvent('run-1', true),
    ]);
    const history = [scheduled, instructed('run-1'), voidedEvent('run-1', true)];
    thenEvents(given(payoutDecider, history).when(voidRun('run-1')), []);
    thenEvents(given(payoutDecider, history).when(instruct('run-2')), [instructed('run-2')]);
  });
  it('a payout the run had not instructed yet refuses that run from now on', () => {
    thenEvents(given(payoutDecider, [scheduled]).when(voidRun('run-1')), [voidedEvent('run-1', false)]);
    thenError(
      given(payoutDecider, [scheduled, voidedEvent('run-1', false)]).when(instruct('run-1')),
      ConflictError,
      'run_voided',
    );
    thenError(
      given(payoutDecider, [scheduled, instructed('run-1'), voidedEvent('run-1', true)]).when(instruct('run-1')),
      ConflictError,
      'run_voided',
    );
  });
  it('voiding another run leaves an instruction in place', () => {
    thenEvents(given(payoutDecider, [scheduled, instructed('run-2')]).when(voidRun('run-1')), [
      voidedEvent('run-1', false),
    ]);
    expect(
      given(payoutDecider, [scheduled, instructed('run-2'), voidedEvent('run-1', false)]).when(instruct('run-2')),
    ).toEqual({ events: [] });
  });
});

describe('payout decider: recoveries kept back (issue 13.6)', () => {
  const offsets = [{ recoveryId: 'r-1', amount: 8_765 }];
  it('an instruction with offsets transfers the rest and records what was kept back', () => {
    expect(
      given(payoutDecider, [scheduled]).when(
        cmd('InstructPayout', {
          runId: 'run-1',
          recordIndex: 0,
          transferDate: '2025-03-07',
          accountSource: 'claim',
          account,
          offsets,
        }),
      ),
    ).toMatchObject({ events: [{ type: 'PayoutInstructed', data: { amount: 90_000, offsets } }] });
  });
  it('offsets taking the whole payout settle it without a transfer; a voided run undoes that too', () => {
    const whole = [{ recoveryId: 'r-1', amount: 98_765 }];
    const settle = cmd('SettlePayoutByOffset', { runId: 'run-1', transferDate: '2025-03-07', offsets: whole });
    const outcome = given(payoutDecider, [scheduled]).when(settle);
    expect(outcome).toMatchObject({
      events: [{ type: 'PayoutSettledByOffset', data: { runId: 'run-1', offsets: whole } }],
    });
    const history = [scheduled, ...(outcome as { events: PayoutEvent[] }).events];
    expect(given(payoutDecider, history).when(settle)).toEqual({ events: [] });
    expect(
      given(payoutDecider, history).when(cmd('VoidPayoutInstruction', { runId: 'run-1', reason: 'x' })),
    ).toMatchObject({
      events: [{ type: 'PayoutInstructionVoided', data: { wasInstructed: true } }],
    });
    thenError(
      given(payoutDecider, [scheduled]).when(
        cmd('InstructPayout', {
          runId: 'run-1',
          recordIndex: 0,
          transferDate: '2025-03-07',
          accountSource: 'claim',
          account,
          offsets: whole,
        }),
      ),
      RuleViolation,
      'nothing_to_transfer',
    );
    thenError(
      given(payoutDecider, [scheduled]).when(
        cmd('SettlePayoutByOffset', { runId: 'run-1', transferDate: '2025-03-07', offsets }),
      ),
      RuleViolation,
      'offsets_not_whole',
    );
  });
});
