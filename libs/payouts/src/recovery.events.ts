import type { Command, Event } from '@kenpo/kernel';
import type { PayoutPayee } from './payout.events.js';

/**
 * Stream `recovery-<recoveryId>`: 返納金 (issue 13.6), the money a claim paid too much, owed by its payee. Opened from
 * the claim's ClaimRecoveryRecorded (amount, reason, who found it), then reduced by offsets against later payouts
 * to the same payee (`payeeKey`) and by repayments, until nothing is outstanding. Every event names the member, so
 * the member's history shows it.
 */
export type RecoveryOpened = Event<
  'RecoveryOpened',
  {
    recoveryId: string;
    claimId: string;
    memberId: string;
    payee: PayoutPayee;
    payeeKey: string;
    amount: number;
    reason: string;
    detail: string;
    recordedBy: string;
    recordedOn: string;
  }
>;

/** Part of the recovery kept back from payout `payoutId` in run `runId`: that transfer is smaller by `amount`. */
export type RecoveryOffset = Event<
  'RecoveryOffset',
  { recoveryId: string; memberId: string; runId: string; payoutId: string; amount: number }
>;

/** The run of an offset was voided (its file never paid), so the amount is owed again. */
export type RecoveryOffsetReversed = Event<
  'RecoveryOffsetReversed',
  { recoveryId: string; memberId: string; runId: string; payoutId: string; amount: number }
>;

/** The payee paid (part of) it back directly. */
export type RecoveryRepaid = Event<
  'RecoveryRepaid',
  { recoveryId: string; memberId: string; amount: number; receivedOn: string; note: string }
>;

export type RecoveryEvent = RecoveryOpened | RecoveryOffset | RecoveryOffsetReversed | RecoveryRepaid;

export type OpenRecovery = Command<'OpenRecovery', RecoveryOpened['data']>;
export type ApplyRecoveryOffsets = Command<
  'ApplyRecoveryOffsets',
  { runId: string; offsets: { payoutId: string; amount: number }[] }
>;
export type ReverseRecoveryOffsets = Command<'ReverseRecoveryOffsets', { runId: string }>;
export type RecordRecoveryRepayment = Command<
  'RecordRecoveryRepayment',
  { amount: number; receivedOn: string; note: string }
>;
export type RecoveryCommand = OpenRecovery | ApplyRecoveryOffsets | ReverseRecoveryOffsets | RecordRecoveryRepayment;

export const recoveryStreamId = (recoveryId: string): string => `recovery-${recoveryId}`;
