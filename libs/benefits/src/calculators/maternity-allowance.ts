import { addDays, businessDate, daysBetween, type BusinessDate } from '@kenpo/kernel';
import { ALLOWANCE_RULES } from '../reference/allowance-rules.js';
import type { SocietySettings } from '../reference/society-settings.js';
import { Trace, type Calculation } from './breakdown.js';
import { dailyAllowanceAmount, type MonthlySmr } from './daily-allowance.js';
import { dailyAmounts, dateRange, daySet, eachDay, type DateRange } from './days.js';
import { payDays } from './pay-days.js';
import type { DailyAmountRange, LimitationCut } from './sickness-allowance.js';

/** 出産手当金 claim facts (domain.md 4.2); the insured woman only. */
export interface MaternityAllowanceInput {
  remunerationHistory: MonthlySmr[];
  expectedBirthDate: string;
  /** Null while the claim covers only days before a birth that has not happened yet. */
  actualBirthDate?: string | null;
  multiplePregnancy: boolean;
  daysOffWork: DateRange[];
  claimPeriod: DateRange;
  firstPaymentDay?: string | null;
  salaryPaid?: DailyAmountRange[];
  /**
   * 傷病手当金 already paid for days of this period (from the member's approved claims, never typed by a clerk): the
   * maternity allowance has priority, so what was paid counts as paid on account of it (健康保険法103条2項).
   */
  sicknessAllowancePaid?: DailyAmountRange[];
}

/**
 * The protected period: 42 (98) days up to and including the birth, or the expected date when the birth is late
 * (the days in between are added), then 56 days after the birth; an early birth does not extend it.
 */
export function maternityPeriod(
  expected: BusinessDate,
  actual: BusinessDate | null,
  multiple: boolean,
): { from: BusinessDate; to: BusinessDate } {
  const before = multiple ? ALLOWANCE_RULES.maternityDaysBeforeMultiple : ALLOWANCE_RULES.maternityDaysBefore;
  const base = actual && actual < expected ? actual : expected;
  return {
    from: addDays(base, -(before - 1)),
    to: actual ? addDays(actual, ALLOWANCE_RULES.maternityDaysAfter) : expected,
  };
}

export function calculateMaternityAllowance(
  input: MaternityAllowanceInput,
  settings: SocietySettings,
  cut: LimitationCut = {},
): Calculation {
  const trace = new Trace('maternity-allowance', { ...input });
  const expected = businessDate(input.expectedBirthDate, 'expectedBirthDate');
  const actual = input.actualBirthDate ? businessDate(input.actualBirthDate, 'actualBirthDate') : null;
  const period = maternityPeriod(expected, actual, input.multiplePregnancy);
  trace.step(
    'protected period from',
    period.from,
    `${input.multiplePregnancy ? 98 : 42} days up to the birth (or the expected date if later)`,
  );
  trace.step(
    'protected period to',
    period.to,
    actual ? '56 days after the birth' : 'expected date: birth not yet recorded',
  );
  if (actual && actual > expected)
    trace.step('late birth: days added between the expected and actual dates', daysBetween(expected, actual));
  const claim = dateRange(input.claimPeriod, 'claimPeriod');
  const off = daySet(input.daysOffWork, 'daysOffWork');
  const candidates = eachDay(claim.from, claim.to).filter((d) => off.has(d) && d >= period.from && d <= period.to);
  const salary = dailyAmounts(input.salaryPaid ?? [], 'salaryPaid');
  const sickness = dailyAmounts(input.sicknessAllowancePaid ?? [], 'sicknessAllowancePaid');
  return payDays(trace, {
    candidates,
    cut,
    previouslyPaidDays: 0,
    firstPaymentDay: input.firstPaymentDay ? businessDate(input.firstPaymentDay, 'firstPaymentDay') : null,
    deductions: (d) => [
      { kind: 'salary', amount: salary.get(d) ?? 0 },
      { kind: 'sickness-allowance-paid', amount: sickness.get(d) ?? 0 },
    ],
    daily: (first, t) => dailyAllowanceAmount(input.remunerationHistory, first, settings, t),
    limit: null,
  });
}
