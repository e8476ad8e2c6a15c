import type { PersonState } from '@kenpo/membership';
import type { MemberSummaryDoc } from '@kenpo/read-models';

const maskNumber = (last4: string) => `********${last4}`;
const maskAccount = (accountNumber: string) => `***${accountNumber.slice(-4)}`;

function personView(person: PersonState) {
  const { individualNumber, ...rest } = person;
  return { ...rest, individualNumber: maskNumber(individualNumber.last4) };
}

export type MemberSummaryView = ReturnType<typeof memberSummaryOf>;

/**
 * What a clerk sees of a member, from the member_summary read model: the Individual Number and the account number
 * only masked (the view holds nothing more of them anyway).
 */
export function memberSummaryOf(doc: MemberSummaryDoc) {
  const { insured, dependants, account, refusals: _refusals, ...rest } = doc.state;
  const currentGrade = doc.state.remunerationHistory.at(-1) ?? null;
  return {
    ...rest,
    revision: doc.revision,
    currentGrade,
    identifierHistory: doc.identifierHistory,
    insured: insured ? personView(insured) : null,
    dependants: dependants.map((d) => personView(d)),
    account: account ? { ...account, accountNumber: maskAccount(account.accountNumber) } : null,
  };
}
