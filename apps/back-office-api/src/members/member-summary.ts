import { coverageOn, effectiveCoverage, memberStatusOn, type MemberState, type PersonState } from '@kenpo/membership';
import type { MemberSummaryDoc } from '@kenpo/read-models';

const maskNumber = (last4: string) => `********${last4}`;
const maskAccount = (accountNumber: string) => `***${accountNumber.slice(-4)}`;

function personView(state: MemberState, person: PersonState, today: string) {
  const { individualNumber, coverage: _recorded, ...rest } = person;
  const { covered, document } = coverageOn(state, person.personId, today);
  return {
    ...rest,
    individualNumber: maskNumber(individualNumber.last4),
    coverage: effectiveCoverage(state, person),
    coveredToday: covered,
    documentToday: document,
  };
}

export type MemberSummaryView = ReturnType<typeof memberSummaryOf>;

/**
 * What a clerk sees of a member, from the member_summary read model: the Individual Number and the account number
 * only masked (the view holds nothing more of them anyway). Status and coverage are derived for `today` when asked,
 * never frozen in the view, so they agree with GET /eligibility for the same day (statutory ends applied).
 */
export function memberSummaryOf(doc: MemberSummaryDoc, today: string) {
  const { insured, dependants, account, refusals: _refusals, status: recordedStatus, ...rest } = doc.state;
  const currentGrade = doc.state.remunerationHistory.at(-1) ?? null;
  return {
    ...rest,
    status: memberStatusOn(doc.state, today),
    recordedStatus,
    today,
    revision: doc.revision,
    currentGrade,
    identifierHistory: doc.identifierHistory,
    insured: insured ? personView(doc.state, insured, today) : null,
    dependants: dependants.map((d) => personView(doc.state, d, today)),
    account: account ? { ...account, accountNumber: maskAccount(account.accountNumber) } : null,
  };
}
