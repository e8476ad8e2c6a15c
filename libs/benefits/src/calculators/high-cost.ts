import { addMonthsToYearMonth, ValidationError, yearMonth, type BusinessDate, type RoundingMode } from '@kenpo/kernel';
import {
  HOUSEHOLD_AGGREGATION_THRESHOLD,
  MANY_TIMES,
  OVER_70_BRACKETS,
  UNDER_70_BRACKETS,
  type BracketRow,
  type HighCostBracket,
} from '../reference/high-cost-brackets.js';
import { lookup } from '../reference/lookup.js';
import { smrGradeOf } from '../reference/standard-remuneration-grades.js';
import { Trace, type Calculation } from './breakdown.js';

export type HighCostAgeGroup = 'under-70' | '70-74';
/** 住民税非課税 facts the SMR cannot tell: 'low-income' is オ under 70 / 低所得Ⅱ at 70-74; 'low-income-1' is 低所得Ⅰ. */
export type LowIncome = 'low-income' | 'low-income-1' | null;

export interface BracketFacts {
  ageGroup: HighCostAgeGroup;
  /** The insured's standard monthly remuneration in the treatment month (dependants use the insured's). */
  insuredSmr: number;
  lowIncome: LowIncome;
}

/** A receipt (レセプト): one person, one month, one institution, in- or outpatient (domain.md 4.5 [P57]). */
export interface ReceiptCost {
  totalMedicalCost: number;
  copayment: number;
}

/** The bracket row from the insured's SMR (domain.md 4.5 [P53] [P54] [P56]). */
export function highCostBracket(facts: BracketFacts, on: BusinessDate, trace: Trace): BracketRow<HighCostBracket> {
  smrGradeOf(facts.insuredSmr, on, 'insuredSmr');
  const table = facts.ageGroup === 'under-70' ? UNDER_70_BRACKETS : OVER_70_BRACKETS;
  const { from, value: rows } = lookup<readonly BracketRow<HighCostBracket>[]>(
    table,
    on,
    `high-cost brackets ${facts.ageGroup}`,
  );
  const row = facts.lowIncome
    ? rows.find(
        (r) =>
          r.bracket ===
          (facts.ageGroup === 'under-70' ? 'オ' : facts.lowIncome === 'low-income' ? '低所得Ⅱ' : '低所得Ⅰ'),
      )
    : rows.find((r) => r.minSmr !== null && facts.insuredSmr >= r.minSmr);
  if (!row) throw ValidationError.of('lowIncome', 'bracket', 'no high-cost bracket matches');
  trace.ref(facts.ageGroup === 'under-70' ? 'UNDER_70_BRACKETS' : 'OVER_70_BRACKETS', from, { ...row });
  return row;
}

/** 多数回該当: the household had the benefit in at least 3 of the 11 months before `month` (see MANY_TIMES). */
export function isManyTimes(month: string, monthsWithBenefit: readonly string[]): boolean {
  const earliest = addMonthsToYearMonth(yearMonth(month), -MANY_TIMES.previousMonths);
  const counted = new Set(monthsWithBenefit.filter((m) => m >= earliest && m < month));
  return counted.size >= MANY_TIMES.minMonthsWithBenefit;
}

/** The monthly limit: 多数回 flat amount, or base + 1 % of the cost above the threshold. */
export function monthlyLimit(
  row: BracketRow<HighCostBracket>,
  totalCost: number,
  manyTimes: boolean,
  rounding: RoundingMode,
  trace: Trace,
): number {
  if (manyTimes && row.manyTimes !== null) return trace.step(`limit (${row.bracket}, 多数回該当)`, row.manyTimes);
  const { base, costThreshold } = row.limit;
  if (costThreshold === null) return trace.step(`limit (${row.bracket})`, base);
  const onePercent = trace.round(
    '1 % of the cost above the threshold',
    Math.max(0, totalCost - costThreshold) / 100,
    1,
    rounding,
    `(${totalCost} − ${costThreshold}) × 1%`,
  );
  return trace.step(`limit (${row.bracket})`, base + onePercent, `${base} + ${onePercent}`);
}

function checkReceipt(r: ReceiptCost, field: string): void {
  for (const key of ['totalMedicalCost', 'copayment'] as const) {
    if (!Number.isSafeInteger(r[key]) || r[key] < 0)
      throw ValidationError.of(`${field}.${key}`, 'non_negative_yen', 'must be a whole number of yen, 0 or more');
  }
  if (r.copayment > r.totalMedicalCost)
    throw ValidationError.of(`${field}.copayment`, 'copayment_exceeds_cost', 'must not exceed the total medical cost');
}

export interface HighCostContext {
  month: string;
  bracket: BracketFacts;
  manyTimes: boolean;
  onePercentRounding: RoundingMode;
}

const firstDay = (month: string) => `${month}-01` as BusinessDate;

/** Under 70, one receipt: co-payment above the limit (domain.md 4.5). */
export function calculateHighCostForReceipt(receipt: ReceiptCost, ctx: HighCostContext): Calculation {
  checkReceipt(receipt, 'receipt');
  const trace = new Trace('high-cost-medical', {
    ...receipt,
    month: ctx.month,
    ...ctx.bracket,
    manyTimes: ctx.manyTimes,
  });
  const row = highCostBracket(ctx.bracket, firstDay(ctx.month), trace);
  const limit = monthlyLimit(row, receipt.totalMedicalCost, ctx.manyTimes, ctx.onePercentRounding, trace);
  return trace.done(
    trace.step(
      'benefit = co-payment − limit',
      Math.max(0, receipt.copayment - limit),
      `${receipt.copayment} − ${limit}`,
    ),
  );
}

export interface HouseholdReceipt extends ReceiptCost {
  /** 高額療養費 already due on this receipt by itself. */
  individualBenefit: number;
}

/**
 * 世帯合算 under 70: co-payments of at least 21,000 yen per receipt are added up across the household; the limit is
 * taken on their total cost; what exceeds it, less the individual benefits already due, is paid (domain.md 4.5).
 */
export function calculateHouseholdHighCost(receipts: readonly HouseholdReceipt[], ctx: HighCostContext): Calculation {
  receipts.forEach((r, i) => checkReceipt(r, `receipts[${i}]`));
  const trace = new Trace('household-high-cost-medical', {
    month: ctx.month,
    ...ctx.bracket,
    manyTimes: ctx.manyTimes,
    receipts: receipts.length,
  });
  const { from, value: threshold } = lookup(
    HOUSEHOLD_AGGREGATION_THRESHOLD,
    firstDay(ctx.month),
    'household aggregation threshold',
  );
  trace.ref('HOUSEHOLD_AGGREGATION_THRESHOLD', from, { threshold });
  const counted = receipts.filter((r) => r.copayment >= threshold);
  trace.step('receipts with a co-payment ≥ threshold', counted.length);
  if (counted.length < 2) {
    trace.note('fewer than two receipts reach the threshold: nothing to aggregate');
    return trace.done(0);
  }
  const copay = trace.step(
    'aggregated co-payment',
    counted.reduce((a, r) => a + r.copayment, 0),
  );
  const cost = trace.step(
    'aggregated total medical cost',
    counted.reduce((a, r) => a + r.totalMedicalCost, 0),
  );
  const already = trace.step(
    'individual benefits already due',
    counted.reduce((a, r) => a + r.individualBenefit, 0),
  );
  const row = highCostBracket(ctx.bracket, firstDay(ctx.month), trace);
  const limit = monthlyLimit(row, cost, ctx.manyTimes, ctx.onePercentRounding, trace);
  const total = trace.step('household benefit = co-payment − limit', Math.max(0, copay - limit));
  return trace.done(
    trace.step('additional benefit = household benefit − individual benefits', Math.max(0, total - already)),
  );
}

export interface OutpatientInpatientReceipt extends ReceiptCost {
  setting: 'inpatient' | 'outpatient';
}

/**
 * 70-74, one person's month: outpatient co-payments of all institutions above the individual outpatient limit,
 * then everything left above the (household) limit. Aggregation with other household members is not done here.
 */
export function calculateHighCost70to74(
  receipts: readonly OutpatientInpatientReceipt[],
  ctx: HighCostContext,
): Calculation {
  receipts.forEach((r, i) => checkReceipt(r, `receipts[${i}]`));
  const trace = new Trace('high-cost-medical-70-74', {
    month: ctx.month,
    ...ctx.bracket,
    manyTimes: ctx.manyTimes,
    receipts: receipts.length,
  });
  const row = highCostBracket(ctx.bracket, firstDay(ctx.month), trace);
  const outpatient = receipts.filter((r) => r.setting === 'outpatient').reduce((a, r) => a + r.copayment, 0);
  let outpatientBenefit = 0;
  if (row.outpatientIndividual !== null) {
    trace.step('outpatient co-payments', outpatient);
    outpatientBenefit = trace.step(
      'outpatient benefit = co-payments − individual outpatient limit',
      Math.max(0, outpatient - row.outpatientIndividual),
      `${outpatient} − ${row.outpatientIndividual}`,
    );
  }
  const copay = receipts.reduce((a, r) => a + r.copayment, 0) - outpatientBenefit;
  const cost = receipts.reduce((a, r) => a + r.totalMedicalCost, 0);
  const limit = monthlyLimit(row, cost, ctx.manyTimes, ctx.onePercentRounding, trace);
  const rest = trace.step('benefit above the limit', Math.max(0, copay - limit), `${copay} − ${limit}`);
  return trace.done(trace.step('benefit', outpatientBenefit + rest));
}
