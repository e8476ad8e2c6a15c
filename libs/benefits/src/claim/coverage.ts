import { addMonths, addYears, businessDate, type BusinessDate } from '@kenpo/kernel';
import { dateRange } from '../calculators/days.js';
import type { AfterLoss, BenefitInput, Coverage } from '../claim.types.js';
import { AFTER_LOSS_RULES } from '../reference/allowance-rules.js';

export interface Refusal {
  rule: string;
  message: string;
}

/** The date on which the person must have been covered (the caller computes `coverage` for it). */
export function insuredEventDate(benefit: BenefitInput): BusinessDate {
  switch (benefit.kind) {
    case 'sickness-allowance':
    case 'maternity-allowance':
      return dateRange(benefit.claimPeriod, 'claimPeriod').from;
    case 'childbirth-grant':
    case 'family-childbirth-grant':
      return businessDate(benefit.birthDate, 'birthDate');
    case 'burial-allowance':
    case 'burial-expenses':
    case 'family-burial-allowance':
      return businessDate(benefit.dateOfDeath, 'dateOfDeath');
    case 'medical-expense-reimbursement':
    case 'home-visit-nursing':
      return businessDate(benefit.treatmentDate, 'treatmentDate');
    case 'inpatient-meal-expenses':
      return dateRange(benefit.stay, 'stay').from;
    case 'transport-expenses':
      return businessDate(benefit.transportDate, 'transportDate');
    case 'premium-refund':
      return businessDate(benefit.lossDate, 'lossDate');
  }
}

function insuredOneYear(afterLoss: AfterLoss): boolean {
  const since = businessDate(afterLoss.continuouslyInsuredSince, 'coverage.afterLoss.continuouslyInsuredSince');
  return (
    businessDate(afterLoss.lossDate, 'coverage.afterLoss.lossDate') >= addYears(since, AFTER_LOSS_RULES.minInsuredYears)
  );
}

const refuse = (rule: string, message: string): Refusal => ({ rule, message });

/** domain.md 4.1 / 4.2 after-loss rows: ≥ 1 year insured and receiving (or entitled) on the last day. */
function allowanceContinuation(afterLoss: AfterLoss | null | undefined): Refusal | null {
  if (!afterLoss) return refuse('not_covered', 'the person was not covered on the first day claimed');
  if (!insuredOneYear(afterLoss))
    return refuse(
      'after_loss_insured_less_than_one_year',
      'continuation needs at least one year of insurance before the loss (domain.md 4.1)',
    );
  if (!afterLoss.receivingAllowanceAtLoss)
    return refuse(
      'after_loss_not_receiving_at_loss',
      'continuation needs the allowance to be received or due on the day before the loss (domain.md 4.1)',
    );
  return null;
}

/** Whether the person's coverage allows the benefit; a refusal names the rule (recorded, not thrown). */
export function coverageRefusal(benefit: BenefitInput, coverage: Coverage): Refusal | null {
  if (benefit.kind === 'premium-refund') return null; // owed because the coverage ended
  const kind = benefit.kind;
  const allowance = kind === 'sickness-allowance' || kind === 'maternity-allowance';
  if (coverage.covered) {
    if (allowance && coverage.voluntaryContinuation) {
      // A voluntarily continuing insured gets no new allowance, only one continued from before (domain.md 3.2).
      return coverage.afterLoss
        ? allowanceContinuation(coverage.afterLoss)
        : refuse(
            'voluntary_continuation_no_new_allowance',
            'a voluntarily continuing insured receives no new sickness or maternity allowance (domain.md 3.2)',
          );
    }
    return null;
  }
  const afterLoss = coverage.afterLoss;
  if (allowance) return allowanceContinuation(afterLoss);
  if (!afterLoss) return refuse('not_covered', 'the person was not covered on the date of the insured event');
  const lossDate = businessDate(afterLoss.lossDate, 'coverage.afterLoss.lossDate');
  if (kind === 'childbirth-grant') {
    if (!insuredOneYear(afterLoss))
      return refuse(
        'after_loss_insured_less_than_one_year',
        'a birth after the loss needs at least one year of insurance before it (domain.md 4.3)',
      );
    if (insuredEventDate(benefit) >= addMonths(lossDate, AFTER_LOSS_RULES.childbirthWithinMonths)) {
      return refuse('after_loss_too_late', 'the birth was not within 6 months after the loss (domain.md 4.3)');
    }
    return null;
  }
  if (kind === 'burial-allowance' || kind === 'burial-expenses') {
    const death = insuredEventDate(benefit);
    const lastDay = afterLoss.continuationBenefitLastDay
      ? businessDate(afterLoss.continuationBenefitLastDay, 'coverage.afterLoss.continuationBenefitLastDay')
      : null;
    const within =
      death < addMonths(lossDate, AFTER_LOSS_RULES.deathWithinMonths) ||
      afterLoss.receivingContinuationBenefit === true ||
      (lastDay !== null && death <= addMonths(lastDay, AFTER_LOSS_RULES.deathWithinMonths));
    return within
      ? null
      : refuse(
          'after_loss_too_late',
          'the death was not within 3 months after the loss or after continuation benefits ended (domain.md 4.4)',
        );
  }
  return refuse('not_covered', 'the person was not covered on the date of the insured event');
}
