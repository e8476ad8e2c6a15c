import { japanDateOf, NotFoundError, type BusinessDate, type Command } from '@kenpo/kernel';
import type { PersonId } from '../member.events.js';
export { seventyFifthBirthday } from '../coverage.js';
import type { DependantState, MemberState, PersonState } from '../member.state.js';

/** The date in Japan the command was received: the issue date of documents and notifications. */
export function today(command: Command): BusinessDate {
  return japanDateOf(new Date(command.metadata.now));
}

export function requireEnrolled(state: MemberState): asserts state is MemberState & {
  memberId: string;
  insured: PersonState;
  acquisitionDate: string;
  identifiers: NonNullable<MemberState['identifiers']>;
} {
  if (state.status === 'not-enrolled')
    throw new NotFoundError('member_not_found', 'no member is enrolled in this stream');
}

export function findPerson(state: MemberState, personId: PersonId): PersonState {
  if (state.insured?.personId === personId) return state.insured;
  const dependant = state.dependants.find((d) => d.personId === personId);
  if (!dependant) {
    throw new NotFoundError('person_not_found', 'no such person in this member', [
      { field: 'personId', rule: 'exists', message: "must be 'insured' or the id of one of the member's dependants" },
    ]);
  }
  return dependant;
}

export function activeDependants(state: MemberState): DependantState[] {
  return state.dependants.filter((d) => d.status === 'active');
}

export function isCoveredOn(person: PersonState, on: string): boolean {
  return person.coverage.some((c) => c.from <= on && (c.until === null || on < c.until));
}

/** Whether the person is covered now or later (a dependant recognised from a future date counts). */
export function isCurrentlyEnrolled(person: PersonState): boolean {
  return person.coverage.some((c) => c.until === null);
}
