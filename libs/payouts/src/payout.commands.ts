import type { Command } from '@kenpo/kernel';
import type { PayoutAccount, PayoutAccountSource } from './payout.events.js';

/** Sent by the payout reactor when a claim is approved; `payoutId` is the claim id (architecture.md 6). */
export type SchedulePayout = Command<
  'SchedulePayout',
  {
    claimId: string;
    memberId: string;
    amount: number;
    accountSource: PayoutAccountSource;
    claimAccount?: PayoutAccount;
    dueDate: string;
  }
>;

/** A run found no usable account; `detail` names the rule, not the account. `on` is the business date. */
export type HoldPayout = Command<
  'HoldPayout',
  { reason: 'no_account' | 'invalid_account'; detail: string; on: string }
>;

/** A clerk clears a hold (e.g. the member registered or corrected an account). */
export type ReleasePayout = Command<'ReleasePayout', { detail: string; on: string }>;

export type InstructPayout = Command<
  'InstructPayout',
  {
    runId: string;
    recordIndex: number;
    transferDate: string;
    accountSource: PayoutAccountSource;
    account: PayoutAccount;
  }
>;

/** The run will not finish: release the payout from it (sent for every payout the voided run planned). */
export type VoidPayoutInstruction = Command<'VoidPayoutInstruction', { runId: string; reason: string }>;

export type SettlePayout = Command<'SettlePayout', { runId: string; settledOn: string }>;

/** `reasonCode` is the bank's 不能 / return code as it appears in the results. */
export type ReturnPayout = Command<'ReturnPayout', { runId: string; reasonCode: string; returnedOn: string }>;

export type PayoutCommand =
  SchedulePayout | HoldPayout | ReleasePayout | InstructPayout | VoidPayoutInstruction | SettlePayout | ReturnPayout;
