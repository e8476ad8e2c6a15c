import { addDays, addYears, businessDate, ValidationError, type BusinessDate } from '@kenpo/kernel';
import { dateRange } from '../calculators/days.js';
import type { BenefitInput } from '../claim.types.js';
import { LIMITATION_YEARS } from '../reference/allowance-rules.js';

/** The day the right can first be exercised (起算日, domain.md 4.9), and the last fact day it rests on. */
export function limitationStart(benefit: BenefitInput): { startsOn: BusinessDate; lastFactDay: BusinessDate } {
  const dayAfter = (value: unknown, field: string) => {
    const day = businessDate(value, field);
    return { startsOn: addDays(day, 1), lastFactDay: day };
  };
  switch (benefit.kind) {
    // Rolling day by day: each day's right starts the day after it; this is the last day's.
    case 'sickness-allowance':
    case 'maternity-allowance':
      return dayAfter(dateRange(benefit.claimPeriod, 'claimPeriod').to, 'claimPeriod.to');
    case 'childbirth-grant':
    case 'family-childbirth-grant':
      return dayAfter(benefit.birthDate, 'birthDate');
    case 'burial-allowance':
    case 'family-burial-allowance':
      return dayAfter(benefit.dateOfDeath, 'dateOfDeath');
    case 'burial-expenses':
      return dayAfter(benefit.burialDate, 'burialDate');
    case 'medical-expense-reimbursement':
    case 'home-visit-nursing':
    case 'inpatient-meal-expenses':
      return dayAfter(benefit.paidOn, 'paidOn');
    // domain.md 4.9: the 移送費 start is UNCONFIRMED; the day after paying, as for 療養費.
    case 'transport-expenses':
      return dayAfter(benefit.paidOn, 'paidOn');
    // A refund claim is taken to start the day after the loss, when the prepaid months stop being owed (domain.md
    // 4.9 says "day after payment" for refunds, which would bar refunds of long prepayments: a documented choice).
    case 'premium-refund':
      return dayAfter(benefit.lossDate, 'lossDate');
    default: {
      const unexpected: never = benefit;
      throw ValidationError.of(
        'benefit.kind',
        'unknown_kind',
        `unknown benefit kind ${String((unexpected as { kind: unknown }).kind)}`,
      );
    }
  }
}

/** A right that started on `startsOn` is lost once two years have elapsed: from this day on. */
export const limitationExpiresOn = (startsOn: BusinessDate): BusinessDate => addYears(startsOn, LIMITATION_YEARS);

export function isTimeBarred(startsOn: BusinessDate, submittedOn: BusinessDate): boolean {
  return submittedOn >= limitationExpiresOn(startsOn);
}

/** The first day of incapacity whose allowance can still be claimed on `submittedOn` (rolling limitation). */
export function firstClaimableDay(submittedOn: BusinessDate): BusinessDate {
  let day = addYears(submittedOn, -LIMITATION_YEARS);
  // addYears clamps 29 February, so settle the boundary by the rule itself.
  while (isTimeBarred(addDays(day, 1), submittedOn)) day = addDays(day, 1);
  while (!isTimeBarred(day, submittedOn)) day = addDays(day, -1);
  return day;
}
