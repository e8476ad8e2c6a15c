import { coverageOn, effectiveCoverage, memberStatusOn, type MemberState, type PersonState } from '@kenpo/membership';
import type { MemberSummaryDoc } from '@kenpo/read-models';
import { maskedNumberOf } from '@kenpo/security';

const maskAccount = (accountNumber: string) => `***${accountNumber.slice(-4)}`;

function personView<P extends PersonState>(
  state: MemberState,
  person: P,
  today: string,
  masks: ReadonlyMap<string, string>,
) {
  const { individualNumber, coverage: _recorded, ...rest } = person;
  const { covered, document } = coverageOn(state, person.personId, today);
  return {
    ...rest,
    individualNumber: maskedNumberOf(masks, individualNumber.ref),
    coverage: effectiveCoverage(state, person),
    coveredToday: covered,
    documentToday: document,
  };
}

/** The vault references of the member's numbers, to ask the vault for their masked forms. */
export function numberRefsOf(doc: MemberSummaryDoc): string[] {
  const { insured, dependants } = doc.state;
  return [...(insured ? [insured] : []), ...dependants].flatMap((p) => p.individualNumber.ref ?? []);
}

export type MemberSummaryView = ReturnType<typeof memberSummaryOf>;

/**
 * What a clerk sees of a member, from the member_summary read model: the Individual Number masked by the vault
 * (`[erased]` once its key is destroyed; the view holds only its reference) and the account number masked. Status
 * and coverage are derived for `today` when asked, never frozen in the view, so they agree with GET /eligibility for
 * the same day (statutory ends applied).
 */
export function memberSummaryOf(doc: MemberSummaryDoc, today: string, masks: ReadonlyMap<string, string>) {
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
    insured: insured ? personView(doc.state, insured, today, masks) : null,
    dependants: dependants.map((d) => personView(doc.state, d, today, masks)),
    account: account ? { ...account, accountNumber: maskAccount(account.accountNumber) } : null,
  };
}
