import { type BusinessDate, compareDates } from '@kenpo/kernel';
import {
  MAX_FILE_TOTAL,
  type MemberFacts,
  type PayoutAccount,
  type PayoutAccountSource,
  type PayoutState,
  resolvePayoutAccount,
} from '@kenpo/payouts';

/** A payout as it stood at the run's snapshot position, with what the run needs to know of its member then. */
export interface PayoutSnapshot {
  payout: PayoutState;
  facts: MemberFacts;
}

export interface PlannedTransfer {
  payoutId: string;
  amount: number;
  accountSource: PayoutAccountSource;
  account: PayoutAccount;
}

export interface PlannedHold {
  payoutId: string;
  reason: 'no_account' | 'invalid_account' | 'payee_deceased';
  detail: string;
}

export interface RunPlan {
  /** Sorted by payout id: data record i of the file is transfers[i]. */
  transfers: PlannedTransfer[];
  holds: PlannedHold[];
  /** Due payouts left for a later run because the file's 合計件数/合計金額 fields are full (domain.md 8.3, 8.4). */
  deferred: number;
}

/** 合計件数 is N(6) (domain.md 8.3). */
export const MAX_RECORDS_PER_FILE = 999_999;

/**
 * What a run pays (architecture.md 6), decided only from its snapshot so that a retried run decides the same:
 * every payout due on or before the transfer date, in payout-id order, paid to the account it recorded
 * (resolvePayoutAccount); a payout with no usable account is held instead.
 */
export function planRun(
  snapshots: readonly PayoutSnapshot[],
  transferDate: BusinessDate,
  maxRecords = MAX_RECORDS_PER_FILE,
): RunPlan {
  const due = snapshots
    .filter(({ payout }) => payout.status === 'due' && compareDates(payout.dueDate as BusinessDate, transferDate) <= 0)
    .sort((a, b) => (a.payout.payoutId < b.payout.payoutId ? -1 : a.payout.payoutId > b.payout.payoutId ? 1 : 0));
  const plan: RunPlan = { transfers: [], holds: [], deferred: 0 };
  let total = 0;
  for (const { payout, facts } of due) {
    const resolved = resolvePayoutAccount(payout, facts, transferDate);
    if (resolved.kind === 'hold') {
      plan.holds.push({ payoutId: payout.payoutId, reason: resolved.reason, detail: resolved.detail });
    } else if (plan.transfers.length >= maxRecords || total + payout.amount > MAX_FILE_TOTAL) {
      plan.deferred++;
    } else {
      total += payout.amount;
      plan.transfers.push({
        payoutId: payout.payoutId,
        amount: payout.amount,
        accountSource: resolved.source,
        account: resolved.account,
      });
    }
  }
  return plan;
}
