import { ConflictError } from '@kenpo/kernel';
import {
  coverageRefusal,
  insuredEventDate,
  type AutomaticBenefitRecorded,
  type BenefitClaimSubmitted,
  type BenefitInput,
  type Refusal,
} from '@kenpo/benefits';
import type { MemberState } from '@kenpo/membership';
import { coverageFor, personOf } from './claim-facts.js';
import { coveredInMonth } from './household-context.js';

export const NOT_COVERED_ON_EVENT_DATE = 'not_covered_on_event_date';

/** The body field holding the date `insuredEventDate` reads, to name it in the refusal. */
export function insuredEventDateField(benefit: BenefitInput): string {
  switch (benefit.kind) {
    case 'sickness-allowance':
    case 'maternity-allowance':
      return 'benefit.claimPeriod.from';
    case 'childbirth-grant':
    case 'family-childbirth-grant':
      return 'benefit.birthDate';
    case 'burial-allowance':
    case 'burial-expenses':
    case 'family-burial-allowance':
      return 'benefit.dateOfDeath';
    case 'medical-expense-reimbursement':
    case 'home-visit-nursing':
      return 'benefit.treatmentDate';
    case 'inpatient-meal-expenses':
      return 'benefit.stay.from';
    case 'transport-expenses':
      return 'benefit.transportDate';
    case 'premium-refund':
      return 'benefit.lossDate';
  }
}

/**
 * Coverage judged again at approval (issue 12.5 × 13.5): a 取消 of the acquisition, of a dependant's recognition,
 * of a job change or of a loss recorded after submission may leave the insured event outside any coverage. The same
 * check as at submission, on the member's state now: with unchanged facts the answer is unchanged. A clerk's claim
 * uses `coverageFor`/`coverageRefusal` on its insured-event date; an automatic benefit the recording rule (covered on
 * any day of the month, so a member acquired mid-month keeps the month). `lastDay` is the continuation benefits' last
 * day (burial after the loss), as submission reads it.
 */
export function approvalCoverageRefusal(
  submission: BenefitClaimSubmitted | AutomaticBenefitRecorded,
  state: MemberState,
  lastDay: string | null,
): ConflictError | null {
  const d = submission.data;
  const person = personOf(state, d.personId);
  if (submission.type === 'AutomaticBenefitRecorded') {
    const a = submission.data;
    // A household aggregation is recorded on the insured: it stands while anyone of the household was covered.
    const persons = a.scope === 'household' ? [state.insured, ...state.dependants] : [person];
    if (persons.some((p) => p && coveredInMonth(state, p, a.month))) return null;
    return refusal('month', a.month, { rule: 'covered_in_month', message: 'the person was not covered in that month' });
  }
  const benefit = submission.data.benefit;
  const eventDate = insuredEventDate(benefit);
  const refused = person
    ? coverageRefusal(benefit, coverageFor(benefit, state, person, lastDay))
    : { rule: 'person_exists', message: 'the person is no longer a member of this membership' };
  return refused ? refusal(insuredEventDateField(benefit), eventDate, refused) : null;
}

function refusal(field: string, date: string, why: Refusal): ConflictError {
  const message = `the person is no longer covered on ${date} as the member's record now stands (${why.rule}: ${why.message}); the record changed after submission`;
  return new ConflictError(NOT_COVERED_ON_EVENT_DATE, `the claim cannot be approved: ${message}`, [
    { field, rule: NOT_COVERED_ON_EVENT_DATE, message },
  ]);
}
