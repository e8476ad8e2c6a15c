import { type BusinessDate, compareDates } from '@kenpo/kernel';
import {
  MAX_FILE_TOTAL,
  type MemberFacts,
  type PayoutAccount,
  type PayoutAccountSource,
  type PayoutOffsetLine,
  type PayoutState,
  resolvePayoutAccount,
} from '@kenpo/payouts';

/** A payout as it stood at the run's snapshot position, with what the run needs to know of its member then. */
export interface PayoutSnapshot {
  payout: PayoutState;
  facts: MemberFacts;
}

/** What a recovery (返納金) still claims from its payee at the snapshot (issue 13.6). */
export interface RecoveryBalance {
  recoveryId: string;
  payeeKey: string;
  outstanding: number;
}

export interface PlannedTransfer {
  payoutId: string;
  /** What the data record pays: the payout's amount less its offsets. */
  amount: number;
  accountSource: PayoutAccountSource;
  account: PayoutAccount;
  offsets: PayoutOffsetLine[];
}

/** A payout the payee's recoveries take wholly: settled without a data record. */
export interface PlannedSettlement {
  payoutId: string;
  offsets: PayoutOffsetLine[];
}

export interface PlannedHold {
  payoutId: string;
  reason: 'no_account' | 'invalid_account' | 'payee_deceased';
  detail: string;
}

export interface RunPlan {
  /** Sorted by payout id: data record i of the file is transfers[i]. */
  transfers: PlannedTransfer[];
  settlements: PlannedSettlement[];
  holds: PlannedHold[];
  /** Due payouts left for a later run because the file's 合計件数/合計金額 fields are full (domain.md 8.3, 8.4). */
  deferred: number;
}

/** 合計件数 is N(6) (domain.md 8.3). */
export const MAX_RECORDS_PER_FILE = 999_999;

const byId =
  <T>(id: (t: T) => string) =>
  (a: T, b: T) =>
    id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;

/** Takes up to `amount` from the payee's recoveries, oldest id first; `commit` makes the take final. */
function offsetsFrom(balances: RecoveryBalance[] | undefined, amount: number) {
  const offsets: PayoutOffsetLine[] = [];
  let left = amount;
  for (const balance of balances ?? []) {
    if (left === 0) break;
    const take = Math.min(balance.outstanding, left);
    if (take > 0) offsets.push({ recoveryId: balance.recoveryId, amount: take });
    left -= take;
  }
  const commit = () => {
    for (const { recoveryId, amount: taken } of offsets)
      balances!.find((b) => b.recoveryId === recoveryId)!.outstanding -= taken;
  };
  return { offsets, net: left, commit };
}

/**
 * What a run pays (architecture.md 6), decided only from its snapshot so that a retried run decides the same:
 * every payout due on or before the transfer date, in payout-id order, paid to the account it recorded
 * (resolvePayoutAccount); a payout with no usable account is held instead. Recoveries owed by the same payee are
 * kept back from it (issue 13.6), oldest first; a payout they take wholly is settled without a data record.
 *
 * Fed page by page in payout-id order (issue 16.5: a run of 100,000 payouts never holds them all), it decides
 * exactly what one call with every snapshot would: the recoveries' balances, the record count and the file total
 * carry over from page to page.
 */
export class RunPlanning {
  private readonly owed = new Map<string, RecoveryBalance[]>();
  private transfers = 0;
  private total = 0;
  private lastId = '';

  constructor(
    private readonly transferDate: BusinessDate,
    recoveries: readonly RecoveryBalance[] = [],
    private readonly maxRecords = MAX_RECORDS_PER_FILE,
  ) {
    for (const balance of [...recoveries].sort(byId((b) => b.recoveryId)))
      this.owed.set(balance.payeeKey, [...(this.owed.get(balance.payeeKey) ?? []), { ...balance }]);
  }

  /** The next page's decisions; its payouts must all come after the previous pages' in id order. */
  add(snapshots: readonly PayoutSnapshot[]): RunPlan {
    const due = snapshots
      .filter(
        ({ payout }) => payout.status === 'due' && compareDates(payout.dueDate as BusinessDate, this.transferDate) <= 0,
      )
      .sort(byId((s) => s.payout.payoutId));
    if (due.length > 0 && due[0]!.payout.payoutId <= this.lastId)
      throw new Error('a run is planned in payout-id order, page after page');
    this.lastId = due.at(-1)?.payout.payoutId ?? this.lastId;
    const plan: RunPlan = { transfers: [], settlements: [], holds: [], deferred: 0 };
    for (const { payout, facts } of due) {
      const resolved = resolvePayoutAccount(payout, facts, this.transferDate);
      if (resolved.kind === 'hold') {
        plan.holds.push({ payoutId: payout.payoutId, reason: resolved.reason, detail: resolved.detail });
        continue;
      }
      const { offsets, net, commit } = offsetsFrom(this.owed.get(payout.payeeKey), payout.amount);
      if (net === 0) {
        commit();
        plan.settlements.push({ payoutId: payout.payoutId, offsets });
      } else if (this.transfers >= this.maxRecords || this.total + net > MAX_FILE_TOTAL) {
        plan.deferred++;
      } else {
        commit();
        this.transfers++;
        this.total += net;
        const { source: accountSource, account } = resolved;
        plan.transfers.push({ payoutId: payout.payoutId, amount: net, accountSource, account, offsets });
      }
    }
    return plan;
  }
}

/** The whole plan in one call (RunPlanning over a single page). */
export function planRun(
  snapshots: readonly PayoutSnapshot[],
  transferDate: BusinessDate,
  recoveries: readonly RecoveryBalance[] = [],
  maxRecords = MAX_RECORDS_PER_FILE,
): RunPlan {
  return new RunPlanning(transferDate, recoveries, maxRecords).add(snapshots);
}
