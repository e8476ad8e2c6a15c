import { coverageOn, gradeInForce, memberStatusOn, type MemberState, personsOf } from '@kenpo/membership';
import { identifiersOn, type MemberKnownAt } from './member-as-of.js';
import { maskedNumberOf } from '@kenpo/security';
import { maskAccountNumber } from './masking.js';

/** The member's status on a business date, as far as the folded events tell. */
export type StatusOn = 'unknown' | 'not-yet-enrolled' | 'active' | 'voluntary-continuation' | 'lost' | 'cancelled';

function statusOn(state: MemberState, date: string): StatusOn {
  if (state.insured === null || state.acquisitionDate === null) return 'unknown';
  if (state.status !== 'cancelled' && date < state.acquisitionDate) return 'not-yet-enrolled';
  return memberStatusOn(state, date) as Exclude<StatusOn, 'unknown' | 'not-yet-enrolled'>;
}

/**
 * The two-axis answer: the member as known at `asOf` (recording time), read on `effectiveOn` (business date).
 * Individual Numbers only as the vault masks them (`[erased]` once the key is destroyed); the account number masked.
 */
export function memberStateView(
  known: MemberKnownAt,
  asOf: Date,
  effectiveOn: string,
  masks: ReadonlyMap<string, string>,
) {
  const { state } = known;
  const persons = personsOf(state).map(({ individualNumberRef, current: _current, ...person }) => {
    const coverage = coverageOn(state, person.personId, effectiveOn);
    return {
      ...person,
      individualNumber: maskedNumberOf(masks, individualNumberRef),
      coveredOn: coverage.covered,
      document: coverage.document,
    };
  });
  return {
    memberId: known.memberId,
    asOf: asOf.toISOString(),
    effectiveOn,
    known: known.revision !== null,
    revision: known.revision,
    lastRecordedAt: known.lastRecordedAt,
    /** Status on effectiveOn; `recordedStatus` is the latest status known at asOf, whatever the date. */
    status: statusOn(state, effectiveOn),
    recordedStatus: state.status,
    identifiers: identifiersOn(known.identifierHistory, effectiveOn),
    acquisitionDate: state.acquisitionDate,
    loss: state.loss,
    voluntaryContinuation: state.voluntaryContinuation,
    standardRemuneration: gradeInForce(state, effectiveOn.slice(0, 7)),
    persons,
    activeDependants: persons.filter((p) => p.role === 'dependant' && p.coveredOn).map((p) => p.personId),
    account: state.account ? { ...state.account, accountNumber: maskAccountNumber(state.account.accountNumber) } : null,
  };
}

export type MemberStateView = ReturnType<typeof memberStateView>;

/** "Was this person covered on `date`, as known at `asOf`?" */
export function eligibilityView(known: MemberKnownAt, personId: string, date: string, asOf: Date) {
  const coverage = coverageOn(known.state, personId, date);
  return {
    memberId: known.memberId,
    personId,
    date,
    asOf: asOf.toISOString(),
    known: known.revision !== null,
    revision: known.revision,
    covered: coverage.covered,
    document: coverage.document,
    personKnown: personsOf(known.state).some((p) => p.personId === personId),
  };
}

/** The vault references of the member's numbers, to ask the vault for their masked forms. */
export function numberRefsOfMember(known: MemberKnownAt): string[] {
  return personsOf(known.state).map((p) => p.individualNumberRef);
}
