import type { MemberState, PersonState } from '@kenpo/membership';

const maskNumber = (last4: string) => `********${last4}`;
const maskAccount = (accountNumber: string) => `***${accountNumber.slice(-4)}`;

function personView(person: PersonState) {
  const { individualNumber, ...rest } = person;
  return { ...rest, individualNumber: maskNumber(individualNumber.last4) };
}

export type MemberSummaryView = ReturnType<typeof memberSummaryOf>;

/** What a clerk sees of a member: the Individual Number and the account number only masked. */
export function memberSummaryOf(state: MemberState, revision: number) {
  const { insured, dependants, account, refusals: _refusals, ...rest } = state;
  const currentGrade = state.remunerationHistory.at(-1) ?? null;
  return {
    ...rest,
    revision,
    currentGrade,
    insured: insured ? personView(insured) : null,
    dependants: dependants.map((d) => personView(d)),
    account: account ? { ...account, accountNumber: maskAccount(account.accountNumber) } : null,
  };
}
