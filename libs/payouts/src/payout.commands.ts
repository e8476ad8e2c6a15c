import type { Command } from '@kenpo/kernel';
import type { MemberAccount } from './payout-account.js';
import type {
  PayoutAccount,
  PayoutAccountSource,
  PayoutHoldReason,
  PayoutOffsetLine,
  PayoutPayee,
} from './payout.events.js';

/** Sent by the payout reactor when a claim is approved; `payoutId` is the claim id (architecture.md 6). */
export type SchedulePayout = Command<
  'SchedulePayout',
  {
    claimId: string;
    memberId: string;
    amount: number;
    accountSource: PayoutAccountSource;
    /** The account fixed at application (issue 13.2). */
    account?: PayoutAccount;
    /** Before issue 13: the account on the claim form. */
    claimAccount?: PayoutAccount;
    payee?: PayoutPayee;
    payeeKey?: string;
    pending?: { reason: PayoutHoldReason; detail: string };
    dueDate: string;
  }
>;

/** A run found no usable account; `detail` names the rule, not the account. `on` is the business date. */
export type HoldPayout = Command<'HoldPayout', { reason: PayoutHoldReason; detail: string; on: string }>;

/** A clerk gives the account of a held payout (PUT /payouts/{id}/account); it is released with it. */
export type ReplacePayoutAccount = Command<
  'ReplacePayoutAccount',
  { account: MemberAccount; reason: string; on: string }
>;

/** A hold cleared without a new account. */
export type ReleasePayout = Command<'ReleasePayout', { detail: string; on: string }>;

export type InstructPayout = Command<
  'InstructPayout',
  {
    runId: string;
    recordIndex: number;
    transferDate: string;
    accountSource: PayoutAccountSource;
    account: PayoutAccount;
    /** Recoveries from the same payee kept back (issue 13.6); the transfer pays the rest, at least 1 yen. */
    offsets?: PayoutOffsetLine[];
  }
>;

/** Recoveries take the whole payout in run `runId`: settled without a transfer. */
export type SettlePayoutByOffset = Command<
  'SettlePayoutByOffset',
  { runId: string; transferDate: string; offsets: PayoutOffsetLine[] }
>;

/** The run will not finish: release the payout from it (sent for every payout the voided run planned). */
export type VoidPayoutInstruction = Command<'VoidPayoutInstruction', { runId: string; reason: string }>;

export type SettlePayout = Command<'SettlePayout', { runId: string; settledOn: string }>;

/** `reasonCode` is the bank's 不能 / return code as it appears in the results. */
export type ReturnPayout = Command<'ReturnPayout', { runId: string; reasonCode: string; returnedOn: string }>;

export type PayoutCommand =
  | SchedulePayout
  | HoldPayout
  | ReplacePayoutAccount
  | ReleasePayout
  | InstructPayout
  | SettlePayoutByOffset
  | VoidPayoutInstruction
  | SettlePayout
  | ReturnPayout;
