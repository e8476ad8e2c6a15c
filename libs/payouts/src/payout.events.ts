import type { Event } from '@kenpo/kernel';
import type { BankAccountType } from './zengin/zengin-layout.js';

/**
 * Where the paying account came from (issue 13.2): the 公金受取口座 registered at application (domain.md 7), the account
 * written on the claim, the member's benefit account for automatic benefits, or a clerk's replacement of a held
 * payout's account.
 */
export type PayoutAccountSource = 'public-funds' | 'claim' | 'benefit-account' | 'clerk';

/** Who is paid (issue 13.3); `name` null for the insured (the member names them). */
export interface PayoutPayee {
  kind: 'insured' | 'burial-performer' | 'heir' | 'receiving-agent';
  name: string | null;
  relationship: string | null;
}

/** A bank account as a payout needs it. Structurally compatible with membership's PublicFundsAccount. */
export interface PayoutAccount {
  bankCode: string;
  branchCode: string;
  accountType: BankAccountType;
  accountNumber: string;
  holderName: string;
}

/** Why a payout waits; each is cleared by a clerk giving an account (PUT /payouts/{id}/account). */
export type PayoutHoldReason =
  | 'no_account'
  | 'invalid_account'
  | 'returned'
  /** The account is the 公金受取口座 of an insured who died before the transfer date (never used after death). */
  | 'payee_deceased'
  /** From the claim: no account could be fixed at application (issue 13.4's pending reasons). */
  | 'no_payment_preference'
  | 'public_funds_account_missing';

/**
 * Stream `payout-<claimId>`: one payout per claim, so a claim can never be paid twice (architecture.md 6).
 * `account` is the account fixed at application (holder name in Zengin form) and is paid exactly (issue 13.2);
 * `pending` says why none could be fixed (the payout is held at once). Payouts scheduled before issue 13 carry
 * `claimAccount` (source claim) or nothing (source public-funds: the account registered at application is read
 * from the member's stream at the claim's submission).
 */
export type PayoutScheduled = Event<
  'PayoutScheduled',
  {
    payoutId: string;
    claimId: string;
    memberId: string;
    amount: number;
    accountSource: PayoutAccountSource;
    account?: PayoutAccount;
    claimAccount?: PayoutAccount;
    payee?: PayoutPayee;
    /** Recoveries from the same payee are offset against this payout (issue 13.6). */
    payeeKey?: string;
    pending?: { reason: PayoutHoldReason; detail: string };
    dueDate: string;
  }
>;

/** `detail` is a short operator note (which rule failed), never the account or personal data. */
export type PayoutHeld = Event<
  'PayoutHeld',
  { payoutId: string; reason: PayoutHoldReason; detail: string; heldOn: string }
>;

/** A clerk gave the account of a held payout (issue 13.2); a PayoutReleased follows in the same append. */
export type PayoutAccountReplaced = Event<
  'PayoutAccountReplaced',
  { payoutId: string; account: PayoutAccount; previousSource: PayoutAccountSource; reason: string; replacedOn: string }
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
    /** What the transfer pays: the payout's amount less `offsets`. */
    amount: number;
    transferDate: string;
    accountSource: PayoutAccountSource;
    account: PayoutAccount;
    /** Recoveries (返納金) from the same payee kept back from this payout (issue 13.6); absent when none. */
    offsets?: PayoutOffsetLine[];
  }
>;

/** Part of a recovery kept back from a payout (issue 13.6). */
export interface PayoutOffsetLine {
  recoveryId: string;
  amount: number;
}

/** Recoveries took the whole payout: nothing is transferred, the payout is settled by the offsets in run `runId`. */
export type PayoutSettledByOffset = Event<
  'PayoutSettledByOffset',
  { payoutId: string; runId: string; offsets: PayoutOffsetLine[]; settledOn: string }
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
  | PayoutAccountReplaced
  | PayoutReleased
  | PayoutInstructed
  | PayoutSettledByOffset
  | PayoutInstructionVoided
  | PayoutSettled
  | PayoutReturned;

export const payoutStreamId = (claimId: string): string => `payout-${claimId}`;
