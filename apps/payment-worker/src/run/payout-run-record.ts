import type { Command, Decider, Event } from '@kenpo/kernel';

/**
 * Stream `payout-run-<runId>`: the record of a run that had nothing to pay, so an empty run leaves a trace for the
 * operators and compliance (a run with transfers is recorded by its transfer batch instead). Kept in the worker
 * because the payouts library's transfer-batch decider requires at least one payout per batch.
 */
export type PayoutRunFoundNothingToPay = Event<
  'PayoutRunFoundNothingToPay',
  { runId: string; transferDate: string; held: number }
>;
export type RecordNothingToPay = Command<'RecordNothingToPay', { runId: string; transferDate: string; held: number }>;

export const payoutRunStreamId = (runId: string): string => `payout-run-${runId}`;

interface RunRecordState {
  recorded: boolean;
}

export const payoutRunRecordDecider: Decider<RunRecordState, RecordNothingToPay, PayoutRunFoundNothingToPay> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  // Recorded once: a retried run finds it and records nothing more.
  decide: (command, state) =>
    state.recorded ? [] : [{ type: 'PayoutRunFoundNothingToPay', data: { ...command.data } }],
};
