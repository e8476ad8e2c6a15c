import { addMonthsToYearMonth, ConflictError, type YearMonth } from '@kenpo/kernel';
import {
  automaticBenefitKey,
  deriveAutomaticBenefits,
  receiptKey,
  type AutomaticBenefitClaim,
  type HouseholdContext,
  type MedicalCostRecord,
} from '../automatic-benefits.js';
import type { AutomaticBenefitKind } from '../claim.types.js';
import { MANY_TIMES } from '../reference/high-cost-brackets.js';
import type { SocietySettings } from '../reference/society-settings.js';
import { receiptIdentity, type LedgerState } from './ledger.js';

/** A benefit key whose due amount this recording sets, with the derived benefit when something is due. */
export interface DueAmount {
  key: string;
  month: string;
  kind: AutomaticBenefitKind;
  from: number;
  to: number;
  benefit: AutomaticBenefitClaim | null;
}

export interface Reevaluation {
  /** The batch's receipts not yet in the ledger (re-sent identical ones are left out). */
  receipts: MedicalCostRecord[];
  /** Only keys whose amount changes; empty when the batch brings nothing new. */
  dues: DueAmount[];
  /** The batch's month as derived now (for the answer). */
  monthBenefits: AutomaticBenefitClaim[];
}

export interface ReevaluationInput {
  month: string;
  records: readonly MedicalCostRecord[];
  /** The household facts of a month for these persons (SMR in force, age groups), without the 多数回 history. */
  household: (month: string, personIds: readonly string[]) => Omit<HouseholdContext, 'highCostMonths'>;
  /** Months with 高額療養費 recorded outside the ledger (before it existed); the ledger decides its own months. */
  priorHighCostMonths: readonly string[];
  settings: SocietySettings;
}

const receiptBenefitKeys = (r: MedicalCostRecord) =>
  (['high-cost-medical', 'additional-benefit'] as const).map((kind) =>
    automaticBenefitKey(r.memberId, r.personId, r.month, receiptKey(r), kind),
  );

const sameFigures = (a: MedicalCostRecord, b: MedicalCostRecord) =>
  a.totalMedicalCost === b.totalMedicalCost &&
  a.copaymentPaid === b.copaymentPaid &&
  a.ceilingAppliedAtCounter === b.ceilingAppliedAtCounter;

/** Receipts new to the ledger; the same receipt with other figures is a 409 naming the claims it already has. */
function newReceipts(
  ledger: LedgerState,
  month: string,
  records: readonly MedicalCostRecord[],
  index: readonly number[],
) {
  const known = new Map((ledger.receipts[month] ?? []).map((r) => [receiptIdentity(r), r]));
  return records.filter((r, i) => {
    const earlier = known.get(receiptIdentity(r));
    if (!earlier) return true;
    if (sameFigures(earlier, r)) return false;
    const claims = receiptBenefitKeys(r).flatMap((key) => ledger.keys[key]?.claims.map((c) => c.claimId) ?? []);
    throw new ConflictError(
      'duplicate_receipt',
      `records.${index[i]}: this receipt of ${month} was already recorded with other figures` +
        (claims.length > 0 ? ` and paid by claim ${claims.join(', ')}` : ''),
      [{ field: `records.${index[i]}`, rule: 'duplicate_receipt', message: 'already recorded with other figures' }],
    );
  });
}

/**
 * 多数回該当 re-evaluation (issue 13.1): the batch's month and every later month of the ledger are derived again in
 * month order, each with the 多数回 history as it now stands (the ledger's own months as just derived, earlier
 * months from before the ledger as given), so a late-recorded earlier month changes the later ones. Pure.
 */
export function reevaluate(
  ledger: LedgerState,
  input: ReevaluationInput,
  recordIndex: readonly number[],
): Reevaluation {
  const receipts = newReceipts(ledger, input.month, input.records, recordIndex);
  const byMonth: Record<string, MedicalCostRecord[]> = { ...ledger.receipts };
  byMonth[input.month] = [...(byMonth[input.month] ?? []), ...receipts];
  // Nothing new: only the batch's month is derived again, to answer with what it has.
  const months = Object.keys(byMonth)
    .filter((m) => (receipts.length === 0 ? m === input.month : m >= input.month))
    .sort();
  const highCost = new Map<string, boolean>();
  for (const entry of Object.values(ledger.keys))
    if (entry.kind === 'high-cost-medical' && entry.due > 0) highCost.set(entry.month, true);
  const dues: DueAmount[] = [];
  let monthBenefits: AutomaticBenefitClaim[] = [];
  for (const month of months) {
    const earliest = addMonthsToYearMonth(month as YearMonth, -MANY_TIMES.previousMonths);
    const history = [
      ...input.priorHighCostMonths.filter((m) => !byMonth[m]),
      ...[...highCost].filter(([, paid]) => paid).map(([m]) => m),
    ].filter((m) => m >= earliest && m < month);
    const records = byMonth[month]!;
    const persons = [...new Set(records.map((r) => r.personId))].sort();
    const household = { ...input.household(month, persons), highCostMonths: [...new Set(history)].sort() };
    const derived = deriveAutomaticBenefits(records, { households: [household], settings: input.settings });
    if (month === input.month) monthBenefits = derived;
    highCost.set(
      month,
      derived.some((b) => b.kind === 'high-cost-medical' && b.amount > 0),
    );
    if (receipts.length === 0) break;
    const derivedKeys = new Set(derived.map((b) => b.key));
    for (const benefit of derived) {
      const from = ledger.keys[benefit.key]?.due ?? 0;
      if (benefit.amount !== from)
        dues.push({ key: benefit.key, month, kind: benefit.kind, from, to: benefit.amount, benefit });
    }
    // Keys of the month no longer due at all (e.g. a receipt's add-on replaced by the household's).
    for (const [key, entry] of Object.entries(ledger.keys)) {
      if (entry.month === month && entry.due > 0 && !derivedKeys.has(key))
        dues.push({ key, month, kind: entry.kind, from: entry.due, to: 0, benefit: null });
    }
  }
  return { receipts, dues, monthBenefits };
}
