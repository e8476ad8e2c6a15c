import { addMonths, businessDate, daysBetween, ValidationError, type BusinessDate } from '@kenpo/kernel';
import { ALLOWANCE_RULES } from '../reference/allowance-rules.js';
import type { SocietySettings } from '../reference/society-settings.js';
import { Trace, type Calculation } from './breakdown.js';
import { dailyAllowanceAmount, type MonthlySmr } from './daily-allowance.js';
import { dailyAmounts, dateRange, daySet, eachDay, type DateRange } from './days.js';
import { payDays } from './pay-days.js';

export interface DailyAmountRange extends DateRange {
  dailyAmount: number;
}

/** 傷病手当金 claim facts (domain.md 4.1). */
export interface SicknessAllowanceInput {
  remunerationHistory: MonthlySmr[];
  /** Every day unable to work (労務不能) for this illness so far, earlier claims included: the 待期 is found here. */
  daysUnableToWork: DateRange[];
  /** The days this claim asks to be paid. */
  claimPeriod: DateRange;
  /** Fixed by the first paid claim of this illness; required once days were paid. */
  firstPaymentDay?: string | null;
  /** Days of this illness already paid by earlier claims (通算 limit). */
  previouslyPaidDays: number;
  /** Salary (or pay in lieu) received per day: the allowance pays only what exceeds it. */
  salaryPaid?: DailyAmountRange[];
  /** 出産手当金 paid per day on overlapping days: it has priority, only the excess is paid. */
  maternityAllowancePaid?: DailyAmountRange[];
}

/** Days before this one are time-barred (domain.md 4.9); set by the claim decider. */
export interface LimitationCut {
  firstClaimableDay?: BusinessDate;
}

/** The 3rd of the first 3 consecutive days off (待期, domain.md 4.1 [P46]), or null. */
export function waitingCompletedOn(daysOff: ReadonlySet<BusinessDate>): BusinessDate | null {
  const sorted = [...daysOff].sort();
  let run = 0;
  let previous: BusinessDate | null = null;
  for (const day of sorted) {
    run = previous !== null && daysBetween(previous, day) === 1 ? run + 1 : 1;
    if (run === ALLOWANCE_RULES.waitingDays) return day;
    previous = day;
  }
  return null;
}

export function calculateSicknessAllowance(
  input: SicknessAllowanceInput,
  settings: SocietySettings,
  cut: LimitationCut = {},
): Calculation {
  const trace = new Trace('sickness-allowance', { ...input });
  const daysOff = daySet(input.daysUnableToWork, 'daysUnableToWork');
  const claim = dateRange(input.claimPeriod, 'claimPeriod');
  if (!Number.isSafeInteger(input.previouslyPaidDays) || input.previouslyPaidDays < 0) {
    throw ValidationError.of('previouslyPaidDays', 'non_negative_integer', 'must be a whole number of days, 0 or more');
  }
  const firstPaymentDay = input.firstPaymentDay ? businessDate(input.firstPaymentDay, 'firstPaymentDay') : null;
  if (input.previouslyPaidDays > 0 && !firstPaymentDay) {
    throw ValidationError.of('firstPaymentDay', 'required', 'is required once days of this illness were paid');
  }
  const waitingDone = waitingCompletedOn(daysOff);
  trace.step('waiting period (3 consecutive days) completed on', waitingDone ?? 'not completed');
  if (!waitingDone) {
    trace.note('待期 not completed: 3 consecutive days unable to work are needed before payment (domain.md 4.1)');
    return trace.done(0);
  }
  const candidates = eachDay(claim.from, claim.to).filter((d) => d > waitingDone && daysOff.has(d));
  const salary = dailyAmounts(input.salaryPaid ?? [], 'salaryPaid');
  const maternity = dailyAmounts(input.maternityAllowancePaid ?? [], 'maternityAllowancePaid');
  const deductions = (d: BusinessDate) => [
    { kind: 'salary', amount: salary.get(d) ?? 0 },
    { kind: 'maternity-allowance', amount: maternity.get(d) ?? 0 },
  ];
  return payDays(trace, {
    candidates,
    cut,
    deductions,
    previouslyPaidDays: input.previouslyPaidDays,
    firstPaymentDay,
    daily: (first, t) => dailyAllowanceAmount(input.remunerationHistory, first, settings, t),
    limit: (first) => daysBetween(first, addMonths(first, ALLOWANCE_RULES.maxPeriodMonths)),
  });
}
