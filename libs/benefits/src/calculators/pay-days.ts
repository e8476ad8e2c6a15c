import { addDays, type BusinessDate } from '@kenpo/kernel';
import { Trace, type Calculation } from './breakdown.js';

type DailyAmountRange = { from: string; to: string; dailyAmount: number };

export interface PayDaysPlan {
  /** Days that would be paid but for deductions, limits and limitation, in order. */
  candidates: BusinessDate[];
  cut: { firstClaimableDay?: BusinessDate };
  /** What is already received on a day and reduces the allowance (salary, a benefit with priority). */
  deductions: (day: BusinessDate) => { kind: string; amount: number }[];
  previouslyPaidDays: number;
  firstPaymentDay: BusinessDate | null;
  daily: (firstPaymentDay: BusinessDate, trace: Trace) => number;
  /** The total number of days payable, counted from the first payment day; null for no limit. */
  limit: ((firstPaymentDay: BusinessDate) => number) | null;
}

/** Pays each candidate day the daily amount less what was received that day, within the limits. */
export function payDays(trace: Trace, plan: PayDaysPlan): Calculation {
  const expired = plan.candidates.filter((d) => plan.cut.firstClaimableDay && d < plan.cut.firstClaimableDay);
  const days = plan.candidates.filter((d) => !expired.includes(d));
  trace.step('days claimed and payable before deductions', plan.candidates.length);
  if (expired.length > 0) {
    trace.step('days time-barred (2 years, domain.md 4.9)', expired.length, `${expired[0]} to ${expired.at(-1)}`);
  }
  const deducted = (d: BusinessDate) => plan.deductions(d).reduce((a, x) => a + x.amount, 0);
  let first = plan.firstPaymentDay;
  if (!first) {
    // The first payment day is the first day actually paid; the daily amount depends only on its month.
    const scratch = new Trace('scratch', {});
    first = days.find((d) => plan.daily(d, scratch) > deducted(d)) ?? null;
  }
  if (!first) {
    trace.note('no day is payable after deductions');
    return trace.done(0);
  }
  trace.step('first payment day', first);
  const daily = plan.daily(first, trace);
  const limit = plan.limit ? plan.limit(first) : null;
  if (limit !== null) trace.step('days payable in total (1 year 6 months from the first payment day)', limit);
  let paidDays = 0;
  let reducedDays = 0;
  let unpaidDays = 0;
  let overLimit = 0;
  let amount = 0;
  const paid: { day: BusinessDate; pay: number }[] = [];
  for (const d of days) {
    const pay = Math.max(0, daily - deducted(d));
    if (pay === 0) {
      unpaidDays++;
      continue;
    }
    if (limit !== null && plan.previouslyPaidDays + paidDays >= limit) {
      overLimit++;
      continue;
    }
    paidDays++;
    if (pay < daily) reducedDays++;
    amount += pay;
    paid.push({ day: d, pay });
  }
  trace.step('days paid', paidDays);
  trace.step('of which reduced to the difference (salary or a benefit with priority)', reducedDays);
  trace.step('days not paid: received at least the daily amount', unpaidDays);
  if (overLimit > 0) trace.step('days beyond the cumulative limit', overLimit);
  trace.step('amount = Σ (daily amount − received that day)', amount);
  return { ...trace.done(amount), paidDays: asRanges(paid) };
}

/** Consecutive days paid the same amount, as ranges. */
function asRanges(paid: readonly { day: BusinessDate; pay: number }[]): DailyAmountRange[] {
  const ranges: DailyAmountRange[] = [];
  for (const { day, pay } of paid) {
    const last = ranges.at(-1);
    if (last && last.dailyAmount === pay && addDays(last.to as BusinessDate, 1) === day) last.to = day;
    else ranges.push({ from: day, to: day, dailyAmount: pay });
  }
  return ranges;
}
