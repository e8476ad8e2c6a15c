import { addDays, businessDate, ValidationError, type BusinessDate } from '@kenpo/kernel';

export interface DateRange {
  from: string;
  to: string;
}

/** Validates a range (from ≤ to); `field` names it in the error. */
export function dateRange(range: DateRange, field: string): { from: BusinessDate; to: BusinessDate } {
  const from = businessDate(range.from, `${field}.from`);
  const to = businessDate(range.to, `${field}.to`);
  if (to < from) throw ValidationError.of(`${field}.to`, 'range_order', 'must not be before from');
  return { from, to };
}

export function eachDay(from: BusinessDate, to: BusinessDate): BusinessDate[] {
  const days: BusinessDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The set of days covered by a list of ranges. */
export function daySet(ranges: readonly DateRange[], field: string): Set<BusinessDate> {
  const days = new Set<BusinessDate>();
  ranges.forEach((r, i) => {
    const { from, to } = dateRange(r, `${field}[${i}]`);
    for (const d of eachDay(from, to)) days.add(d);
  });
  return days;
}

/** Per-day yen amounts from ranges with a daily figure (salary paid, other benefits paid). */
export function dailyAmounts(
  ranges: readonly (DateRange & { dailyAmount: number })[],
  field: string,
): Map<BusinessDate, number> {
  const amounts = new Map<BusinessDate, number>();
  ranges.forEach((r, i) => {
    if (!Number.isSafeInteger(r.dailyAmount) || r.dailyAmount < 0) {
      throw ValidationError.of(
        `${field}[${i}].dailyAmount`,
        'non_negative_yen',
        'must be a whole number of yen, 0 or more',
      );
    }
    const { from, to } = dateRange(r, `${field}[${i}]`);
    for (const d of eachDay(from, to)) amounts.set(d, (amounts.get(d) ?? 0) + r.dailyAmount);
  });
  return amounts;
}
