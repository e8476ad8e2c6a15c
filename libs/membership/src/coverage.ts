import { addYears, businessDate, type BusinessDate } from '@kenpo/kernel';
import type { PersonId } from './member.events.js';
import type { CoveragePeriod, MemberState, MemberStatus, PersonState } from './member.state.js';
import { LATE_STAGE_ELDERLY_AGE } from './reference/eligibility.js';

/** Why coverage ends on a date the law fixes, whether or not anyone has recorded it yet. */
export type StatutoryEndReason = 'age-75' | 'insured-age-75' | 'voluntary-continuation-two-years';

export interface StatutoryEnd {
  /** The first day not covered. */
  date: string;
  reason: StatutoryEndReason;
}

/** The 75th birthday: eligibility ends that day, for the insured and for dependants (domain.md 3.1, 3.3). */
export function seventyFifthBirthday(dateOfBirth: string): BusinessDate {
  return addYears(businessDate(dateOfBirth), LATE_STAGE_ELDERLY_AGE);
}

function earliest(ends: StatutoryEnd[]): StatutoryEnd | null {
  return ends.reduce<StatutoryEnd | null>((min, e) => (min === null || e.date < min.date ? e : min), null);
}

/**
 * The earliest end the law sets for the person's coverage (domain.md 3.1–3.3): the person's own 75th birthday; for
 * dependants also the insured's, since a dependant is covered only through an insured person; and the day after the
 * 2 years of voluntary continuation, for the insured and the dependants alike.
 */
export function statutoryEndOf(state: MemberState, person: PersonState): StatutoryEnd | null {
  const ends: StatutoryEnd[] = [{ date: seventyFifthBirthday(person.dateOfBirth), reason: 'age-75' }];
  const insured = state.insured;
  if (insured && insured.personId !== person.personId) {
    ends.push({ date: seventyFifthBirthday(insured.dateOfBirth), reason: 'insured-age-75' });
  }
  const vc = state.voluntaryContinuation;
  if (vc) ends.push({ date: vc.latestLossDate, reason: 'voluntary-continuation-two-years' });
  return earliest(ends);
}

/**
 * The person's coverage periods as the law has them: the recorded periods, each cut at the statutory end.
 * Time is an input: every coverage answer reads this, so an answer never waits for the lifecycle run.
 */
export function effectiveCoverage(state: MemberState, person: PersonState): CoveragePeriod[] {
  const end = statutoryEndOf(state, person);
  if (end === null) return person.coverage;
  return person.coverage.flatMap((c) => {
    if (c.from >= end.date) return [];
    if (c.until !== null && c.until <= end.date) return [c];
    return [{ from: c.from, until: end.date }];
  });
}

export function coveredOn(periods: readonly CoveragePeriod[], date: string): boolean {
  return periods.some((c) => c.from <= date && (c.until === null || date < c.until));
}

/** The first day the person is no longer covered (recorded or statutory), or null while no end is known. */
export function coverageEndOf(state: MemberState, person: PersonState): string | null {
  return effectiveCoverage(state, person).at(-1)?.until ?? null;
}

/** The member's status on a business date: what a clerk should see for that day, loss dates applied. */
export function memberStatusOn(state: MemberState, date: string): MemberStatus {
  const insured = state.insured;
  if (!insured || state.acquisitionDate === null) return 'not-enrolled';
  if (state.status === 'cancelled') return 'cancelled';
  if (!coveredOn(effectiveCoverage(state, insured), date)) {
    return date < state.acquisitionDate ? 'active' : 'lost';
  }
  const vc = state.voluntaryContinuation;
  return vc !== null && vc.startDate <= date ? 'voluntary-continuation' : 'active';
}

export function findPersonState(state: MemberState, personId: PersonId): PersonState | null {
  if (state.insured?.personId === personId) return state.insured;
  return state.dependants.find((d) => d.personId === personId) ?? null;
}
