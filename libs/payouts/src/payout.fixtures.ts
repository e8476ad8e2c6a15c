import { expect } from '@jest/globals';
import type { DomainError } from '@kenpo/kernel';
import type { PayoutCommand } from './payout.commands.js';
import type { PayoutAccount, PayoutEvent } from './payout.events.js';
import { metadata } from './testing.js';
import type { DeciderOutcome } from './testing.js';

/** Shared given/when fixtures of the payout decider specs. */
export const claimId = '01956e3a-1111-7000-8000-000000000001';
export const account: PayoutAccount = {
  bankCode: '0005',
  branchCode: '123',
  accountType: 'ordinary',
  accountNumber: '1234567',
  holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
};

export const cmd = <T extends PayoutCommand['type']>(type: T, data: Extract<PayoutCommand, { type: T }>['data']) =>
  ({ type, data, metadata: metadata() }) as PayoutCommand;

export const schedule = cmd('SchedulePayout', {
  claimId,
  memberId: 'm-1',
  amount: 98_765,
  accountSource: 'claim',
  account,
  dueDate: '2025-03-05',
});
export const scheduled: PayoutEvent = {
  type: 'PayoutScheduled',
  data: {
    payoutId: claimId,
    claimId,
    memberId: 'm-1',
    amount: 98_765,
    accountSource: 'claim',
    account,
    dueDate: '2025-03-05',
  },
};
export const instruct = (runId: string, transferDate = '2025-03-07') =>
  cmd('InstructPayout', { runId, recordIndex: 0, transferDate, accountSource: 'claim', account });
export const instructed = (runId: string): PayoutEvent => ({
  type: 'PayoutInstructed',
  data: {
    payoutId: claimId,
    runId,
    recordIndex: 0,
    amount: 98_765,
    transferDate: '2025-03-07',
    accountSource: 'claim',
    account,
  },
});
export const held = (
  reason: 'no_account' | 'invalid_account' | 'returned',
  detail = 'no account on the claim',
  heldOn = '2025-03-07',
): PayoutEvent => ({ type: 'PayoutHeld', data: { payoutId: claimId, reason, detail, heldOn } });
export const released: PayoutEvent = {
  type: 'PayoutReleased',
  data: { payoutId: claimId, detail: 'account registered', releasedOn: '2025-03-10' },
};

export function thenEvents(outcome: DeciderOutcome<PayoutEvent>, events: PayoutEvent[]): void {
  expect(outcome).toEqual({ events });
}
export function thenError(
  outcome: DeciderOutcome<PayoutEvent>,
  kind: abstract new (...args: never[]) => DomainError,
  code: string,
): void {
  expect('error' in outcome).toBe(true);
  const { error } = outcome as { error: DomainError };
  expect(error).toBeInstanceOf(kind);
  expect(error.code).toBe(code);
}
