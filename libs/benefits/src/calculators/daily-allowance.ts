import { addMonthsToYearMonth, monthOf, ValidationError, yearMonth, type BusinessDate } from '@kenpo/kernel';
import { ALLOWANCE_RULES } from '../reference/allowance-rules.js';
import { lookup } from '../reference/lookup.js';
import { smrGradeOf } from '../reference/standard-remuneration-grades.js';
import type { SocietySettings } from '../reference/society-settings.js';
import type { Trace } from './breakdown.js';

/** The standard monthly remuneration (SMR) of the insured in one month of coverage. */
export interface MonthlySmr {
  month: string;
  standardMonthlyRemuneration: number;
}

/**
 * 支給日額 of 傷病手当金 / 出産手当金 (domain.md 4.1, 4.2): average SMR of the 12 months up to and including the
 * month of the first payment day, ÷ 30 rounded, × 2/3 rounded. With fewer than 12 months, the lower of the own
 * average and the all-insured average of the society.
 */
export function dailyAllowanceAmount(
  history: readonly MonthlySmr[],
  firstPaymentDay: BusinessDate,
  settings: SocietySettings,
  trace: Trace,
): number {
  const last = monthOf(firstPaymentDay);
  const first = addMonthsToYearMonth(last, -(ALLOWANCE_RULES.averagingMonths - 1));
  const byMonth = new Map<string, number>();
  history.forEach((h, i) => {
    const month = yearMonth(h.month, `remunerationHistory[${i}].month`);
    smrGradeOf(
      h.standardMonthlyRemuneration,
      `${month}-01` as BusinessDate,
      `remunerationHistory[${i}].standardMonthlyRemuneration`,
    );
    if (byMonth.has(month))
      throw ValidationError.of(`remunerationHistory[${i}].month`, 'duplicate_month', 'each month may appear once');
    if (month >= first && month <= last) byMonth.set(month, h.standardMonthlyRemuneration);
  });
  if (byMonth.size === 0) {
    throw ValidationError.of(
      'remunerationHistory',
      'no_months',
      `must hold the SMR of at least one month from ${first} to ${last}`,
    );
  }
  const months = [...byMonth.keys()].sort();
  trace.ref('remunerationHistory', null, { from: months[0], to: months.at(-1), months: months.length });
  const total = [...byMonth.values()].reduce((a, b) => a + b, 0);
  let averageTimes30Divisor = byMonth.size;
  let sum = total;
  trace.step('average SMR of the months held', total / byMonth.size, `sum ${total} / ${byMonth.size} months`);
  if (byMonth.size < ALLOWANCE_RULES.averagingMonths) {
    const all = lookup(settings.allInsuredAverageSmr, firstPaymentDay, 'all-insured average SMR');
    trace.ref('society.allInsuredAverageSmr', all.from, { value: all.value });
    if (all.value < total / byMonth.size) {
      trace.note('fewer than 12 months: the all-insured average is lower and is used (domain.md 4.1)');
      sum = all.value;
      averageTimes30Divisor = 1;
    } else {
      trace.note(
        'fewer than 12 months: the own average is not higher than the all-insured average and is used (domain.md 4.1)',
      );
    }
  }
  const { perDay, twoThirds } = settings.dailyAllowanceRounding;
  // Divide the sum once so that no fraction is lost before the statutory rounding.
  const perDayAmount = trace.round('average ÷ 30', sum / (averageTimes30Divisor * 30), perDay.unit, perDay.mode);
  return trace.round('daily amount = ÷30 amount × 2/3', (perDayAmount * 2) / 3, twoThirds.unit, twoThirds.mode);
}
