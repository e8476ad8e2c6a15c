import { describe, expect, it } from '@jest/globals';
import { fold, type DomainError } from '@kenpo/kernel';
import { outstandingOf, recoveryDecider } from './recovery.decide.js';
import type { RecoveryCommand, RecoveryEvent } from './recovery.events.js';
import { given, metadata } from './testing.js';

const recoveryId = 'r-1';
const opened: RecoveryEvent = {
  type: 'RecoveryOpened',
  data: {
    recoveryId,
    claimId: 'c-1',
    memberId: 'm-1',
    payee: { kind: 'insured', name: null, relationship: null },
    payeeKey: 'm-1:insured',
    amount: 100_000,
    reason: 'found-wrong',
    detail: '',
    recordedBy: 'approver-1',
    recordedOn: '2025-03-01',
  },
};
const cmd = (command: Omit<RecoveryCommand, 'metadata'>) => ({ ...command, metadata: metadata() }) as RecoveryCommand;
const offsets = (runId: string, ...pairs: [string, number][]) =>
  cmd({
    type: 'ApplyRecoveryOffsets',
    data: { runId, offsets: pairs.map(([payoutId, amount]) => ({ payoutId, amount })) },
  });
const eventsOf = (outcome: unknown) => (outcome as { events: RecoveryEvent[] }).events;

describe('recovery ledger (返納金, issue 13.6)', () => {
  it('offsets of a run are recorded once per payout; a resumed run that sends them again records nothing more', () => {
    const first = eventsOf(given(recoveryDecider, [opened]).when(offsets('run-1', ['p-1', 30_000])));
    expect(first).toEqual([
      {
        type: 'RecoveryOffset',
        data: { recoveryId, memberId: 'm-1', runId: 'run-1', payoutId: 'p-1', amount: 30_000 },
      },
    ]);
    const again = given(recoveryDecider, [opened, ...first]).when(offsets('run-1', ['p-1', 30_000], ['p-2', 5_000]));
    expect(eventsOf(again).map((e) => e.data)).toEqual([expect.objectContaining({ payoutId: 'p-2', amount: 5_000 })]);
    expect(outstandingOf(fold(recoveryDecider, [opened, ...first, ...eventsOf(again)]))).toBe(65_000);
  });

  it('a voided run’s offsets are reversed: the amount is owed again', () => {
    const history = [opened, ...eventsOf(given(recoveryDecider, [opened]).when(offsets('run-1', ['p-1', 30_000])))];
    const reversed = eventsOf(
      given(recoveryDecider, history).when(cmd({ type: 'ReverseRecoveryOffsets', data: { runId: 'run-1' } })),
    );
    expect(reversed).toMatchObject([{ type: 'RecoveryOffsetReversed', data: { payoutId: 'p-1', amount: 30_000 } }]);
    expect(outstandingOf(fold(recoveryDecider, [...history, ...reversed]))).toBe(100_000);
  });

  it('repayments are positive and at most what is outstanding', () => {
    const repay = (amount: number) =>
      given(recoveryDecider, [opened]).when(
        cmd({ type: 'RecordRecoveryRepayment', data: { amount, receivedOn: '2025-03-05', note: '' } }),
      );
    expect(eventsOf(repay(100_000))).toMatchObject([{ type: 'RecoveryRepaid', data: { amount: 100_000 } }]);
    expect((repay(100_001) as { error: DomainError }).error.code).toBe('within_outstanding');
    expect((repay(0) as { error: DomainError }).error.code).toBe('validation_failed');
    const none = given(recoveryDecider, []).when(
      cmd({ type: 'RecordRecoveryRepayment', data: { amount: 1, receivedOn: '2025-03-05', note: '' } }),
    );
    expect((none as { error: DomainError }).error.code).toBe('recovery_not_found');
  });
});
