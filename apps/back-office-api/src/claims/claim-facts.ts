import {
  addDays,
  addMonthsToYearMonth,
  businessDate,
  monthOf,
  RuleViolation,
  type BusinessDate,
  type YearMonth,
} from '@kenpo/kernel';
import {
  INSURED_PERSON,
  insuredEventDate,
  maternityPeriod,
  waitingCompletedOn,
  type AfterLoss,
  type BenefitInput,
  type Coverage,
  type DateRange,
  type MonthlySmr,
} from '@kenpo/benefits';
import { coveredOn, effectiveCoverage, gradeInForce, type MemberState, type PersonState } from '@kenpo/membership';
import type { BenefitFactsDto } from './benefit-facts.dto.js';

/**
 * The outside facts a claim decision needs, taken from the member's stream (pure): the clerk gives what is on the
 * claim form, the society supplies what it already knows, and the breakdown shows both.
 */

export function personOf(state: MemberState, personId: string): PersonState | null {
  if (personId === INSURED_PERSON) return state.insured;
  return state.dependants.find((d) => d.personId === personId) ?? null;
}

// The insured's date of death is the member's fact: shared with the payout run's check (issue 13.3).
export { insuredDeathDate } from '@kenpo/membership';

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));

/**
 * Months of 被保険者期間 (acquisition month up to the month before the loss), as the law counts them, outside any
 * voluntary continuation: such an insured gets no new allowance, so allowances rest on the employed months.
 */
export function insuredInMonth(state: MemberState, month: string): boolean {
  const vcStart = state.voluntaryContinuation?.startDate;
  const insured = state.insured;
  return (insured ? effectiveCoverage(state, insured) : []).some(
    (c) =>
      c.from !== vcStart &&
      monthOf(c.from as BusinessDate) <= month &&
      (c.until === null || month < monthOf(c.until as BusinessDate)),
  );
}

/** The SMR in force in each insured month from `first` to `last` (domain.md 4.1: the averaging window is chosen by the calculator). */
export function remunerationHistory(state: MemberState, first: YearMonth, last: YearMonth): MonthlySmr[] {
  const count = Math.min(120, Math.max(1, monthIndex(last) - monthIndex(first) + 1));
  return Array.from({ length: count }, (_, i) => addMonthsToYearMonth(first, i)).flatMap((month) => {
    const entry = gradeInForce(state, month);
    return entry && insuredInMonth(state, month)
      ? [{ month, standardMonthlyRemuneration: entry.standardMonthlyRemuneration }]
      : [];
  });
}

function allowanceHistory(
  state: MemberState,
  claimPeriod: DateRange,
  firstPaymentDay: string | undefined,
): MonthlySmr[] {
  const from = firstPaymentDay && firstPaymentDay < claimPeriod.from ? firstPaymentDay : claimPeriod.from;
  return remunerationHistory(
    state,
    addMonthsToYearMonth(monthOf(from as BusinessDate), -11),
    monthOf(claimPeriod.to as BusinessDate),
  );
}

/** The claim's facts completed with what the society holds: remuneration history, date of birth, loss of continuation. */
export function completeBenefit(facts: BenefitFactsDto, state: MemberState, person: PersonState): BenefitInput {
  switch (facts.kind) {
    case 'sickness-allowance':
    case 'maternity-allowance':
      return {
        ...facts,
        remunerationHistory: allowanceHistory(state, facts.claimPeriod, facts.firstPaymentDay),
      } as BenefitInput;
    case 'medical-expense-reimbursement':
    case 'home-visit-nursing':
      return { ...facts, patientBirthDate: person.dateOfBirth };
    case 'premium-refund': {
      const end = state.voluntaryContinuation?.end;
      if (!end) {
        throw RuleViolation.of(
          'benefit.kind',
          'voluntary_continuation_not_ended',
          'prepaid premiums are refunded once the voluntary continuation has ended (domain.md 3.2)',
        );
      }
      return { ...facts, lossDate: end.lossDate, reason: end.reason };
    }
    default:
      return { ...facts } as BenefitInput;
  }
}

function daysIn(ranges: readonly DateRange[]): Set<string> {
  const days = new Set<string>();
  for (const r of ranges) {
    for (let d = businessDate(r.from); d <= r.to && days.size < 5_000; d = addDays(d, 1)) days.add(d);
  }
  return days;
}

/** Receiving (or entitled to, with the waiting period done) the allowance on the last insured day (domain.md 4.1, 4.2). */
function receivingAllowanceOn(benefit: BenefitInput, lastDay: BusinessDate): boolean {
  if (benefit.kind === 'sickness-allowance') {
    const off = daysIn(benefit.daysUnableToWork);
    const waited = waitingCompletedOn(new Set([...off].map((d) => businessDate(d))));
    return waited !== null && waited <= lastDay && off.has(lastDay);
  }
  if (benefit.kind === 'maternity-allowance') {
    const period = maternityPeriod(
      businessDate(benefit.expectedBirthDate),
      benefit.actualBirthDate ? businessDate(benefit.actualBirthDate) : null,
      benefit.multiplePregnancy,
    );
    return daysIn(benefit.daysOffWork).has(lastDay) && lastDay >= period.from && lastDay <= period.to;
  }
  return false;
}

/** Start of the continuous insured period that ended on the loss (voluntary continuation starts on it, so is excluded). */
function continuouslyInsuredSince(insured: PersonState, lossDate: string): string | null {
  let current = insured.coverage.find((c) => c.until === lossDate);
  if (!current) return null;
  for (
    let previous = insured.coverage.find((c) => c.until === current!.from);
    previous;
    previous = insured.coverage.find((c) => c.until === current!.from)
  ) {
    current = previous;
  }
  return current.from;
}

/**
 * Coverage on the date of the insured event (`insuredEventDate`): covered, covered as a voluntarily continuing
 * insured, and for the insured after the loss the facts of the continuation benefits. `continuationBenefitLastDay`
 * is the last day of an allowance paid after the loss, from the member's approved claims.
 */
export function coverageFor(
  benefit: BenefitInput,
  state: MemberState,
  person: PersonState,
  continuationBenefitLastDay: string | null,
): Coverage {
  const eventDate = insuredEventDate(benefit);
  // Statutory ends (75th birthday, end of voluntary continuation) count even before the lifecycle run records them.
  const covered = coveredOn(effectiveCoverage(state, person), eventDate);
  if (person !== state.insured) return { covered };
  const vc = state.voluntaryContinuation;
  const voluntaryContinuation =
    covered && vc !== null && eventDate >= vc.startDate && (vc.end === null || eventDate < vc.end.lossDate);
  // A cancelled enrollment (取消) never covered anyone: nothing continues after its loss either.
  const loss = state.status === 'cancelled' ? null : state.loss;
  if (!loss || eventDate < loss.lossDate || (covered && !voluntaryContinuation))
    return { covered, voluntaryContinuation };
  const since = continuouslyInsuredSince(person, loss.lossDate);
  const afterLoss: AfterLoss = {
    lossDate: loss.lossDate,
    continuouslyInsuredSince: since ?? loss.lossDate,
    receivingAllowanceAtLoss: receivingAllowanceOn(benefit, addDays(businessDate(loss.lossDate), -1)),
    receivingContinuationBenefit: false,
    continuationBenefitLastDay,
  };
  return { covered, voluntaryContinuation, afterLoss };
}
