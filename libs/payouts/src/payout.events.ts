import type { Event } from '@kenpo/kernel';
import type { BankAccountType } from './zengin/zengin-layout.js';

/** Where the money goes: the member's registered 公金受取口座 (domain.md 7) or the account written on the claim. */
export type PayoutAccountSource = 'public-funds' | 'claim';

/** A bank account as a payout needs it. Structurally compatible with membership's PublicFundsAccount. */
export interface PayoutAccount {
  bankCode: string;
  branchCode: string;
  accountType: BankAccountType;
  accountNumber: string;
  holderName: string;
}

export type PayoutHoldReason = 'no_account' | 'invalid_account' | 'returned';

/** Stream `payout-<claimId>`: one payout per claim, so a claim can never be paid twice (architecture.md 6). */
export type PayoutScheduled = Event<
  'PayoutScheduled',
  {
    payoutId: string;
    claimId: string;
    memberId: string;
    amount: number;
    accountSource: PayoutAccountSource;
    claimAccount?: PayoutAccount;
    dueDate: string;
  }
>;

/** `detail` is a short operator note (which rule failed), never the account or personal data. */
export type PayoutHeld = Event<
  'PayoutHeld',
  { payoutId: string; reason: PayoutHoldReason; detail: string; heldOn: string }
>;

export type PayoutReleased = Event<'PayoutReleased', { payoutId: string; detail: string; releasedOn: string }>;

/**
 * The payout went into run `runId` as data record `recordIndex` (0-based). The account actually used is stored
 * (holder name in its Zengin form) so the instruction can be explained and the same file rebuilt after a crash.
 */
export type PayoutInstructed = Event<
  'PayoutInstructed',
  {
    payoutId: string;
    runId: string;
    recordIndex: number;
    amount: number;
    transferDate: string;
    accountSource: PayoutAccountSource;
    account: PayoutAccount;
  }
>;

export type PayoutSettled = Event<'PayoutSettled', { payoutId: string; runId: string; settledOn: string }>;

/** The bank could not credit the account; a `PayoutHeld` with reason `returned` follows in the same append. */
export type PayoutReturned = Event<
  'PayoutReturned',
  { payoutId: string; runId: string; reasonCode: string; returnedOn: string }
>;

/**
 * Run `runId` was voided before it finished (issue 18): its file is never paid from. A payout it had instructed
 * (`wasInstructed`) is due again; either way no instruction of that run is accepted for this payout any more.
 */
export type PayoutInstructionVoided = Event<
  'PayoutInstructionVoided',
  { payoutId: string; runId: string; reason: string; wasInstructed: boolean }
>;

export type PayoutEvent =
  | PayoutScheduled
  | PayoutHeld
  | PayoutReleased
  | PayoutInstructed
  | PayoutInstructionVoided
  | PayoutSettled
  | PayoutReturned;

export const payoutStreamId = (claimId: string): string => `payout-${claimId}`;
