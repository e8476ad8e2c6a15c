import { addDays, addMonthsToYearMonth, businessDate, type YearMonth } from '@kenpo/kernel';
import { coveredOn, effectiveCoverage, findPersonState } from './coverage.js';
import { canUseOnlineConfirmation, documentValidOn } from './decide/documents.js';
import type { PersonId, Relationship, StandardRemuneration } from './member.events.js';
import type { MemberState, PersonState } from './member.state.js';

/** Every standard monthly remuneration decision, oldest first. */
export function standardRemunerationHistory(state: MemberState): readonly StandardRemuneration[] {
  return state.remunerationHistory;
}

/** The decision in force in a month (YYYY-MM), or null before the first one. */
export function gradeInForce(state: MemberState, month: string): StandardRemuneration | null {
  let found: StandardRemuneration | null = null;
  for (const entry of state.remunerationHistory) if (entry.effectiveFrom <= month) found = entry;
  return found;
}

/**
 * The grade in force in each of the `count` months up to and including `lastMonth`, oldest first; months before
 * the first decision are left out (benefits average the available months, domain.md 4.1).
 */
export function standardRemunerationsForMonths(
  state: MemberState,
  lastMonth: string,
  count = 12,
): { month: string; standardMonthlyRemuneration: number; grade: number }[] {
  const months = Array.from({ length: count }, (_, i) => addMonthsToYearMonth(lastMonth as YearMonth, i - count + 1));
  return months.flatMap((month) => {
    const entry = gradeInForce(state, month);
    return entry ? [{ month, standardMonthlyRemuneration: entry.standardMonthlyRemuneration, grade: entry.grade }] : [];
  });
}

export interface Coverage {
  covered: boolean;
  document: 'linked-card' | 'eligibility-confirmation-document' | null;
}

/**
 * Eligibility verification: is the person covered on `date`, and what proves it (domain.md 6). Statutory ends (75th
 * birthday, the 2 years of voluntary continuation) apply whether or not they have been recorded yet.
 */
export function coverageOn(state: MemberState, personId: PersonId, date: string): Coverage {
  const person = findPersonState(state, personId);
  if (!person || !coveredOn(effectiveCoverage(state, person), date)) {
    return { covered: false, document: null };
  }
  if (canUseOnlineConfirmation(person, date)) return { covered: true, document: 'linked-card' };
  if (documentValidOn(person, date)) return { covered: true, document: 'eligibility-confirmation-document' };
  return { covered: true, document: null };
}

export interface PersonSummary {
  personId: PersonId;
  role: 'insured' | 'dependant';
  relationship: Relationship | null;
  branch: string;
  name: string;
  nameKana: string;
  dateOfBirth: string;
  /** The vault reference of the person's number (its masked form comes from the vault while the key lives). */
  individualNumberRef: string;
  /** Covered now or later, as far as recorded facts tell (a statutory end still to come does not count). */
  current: boolean;
  /** Recorded periods cut at the statutory ends. */
  coverage: PersonState['coverage'];
}

/** The insured and every dependant ever recognised, in that order. */
export function personsOf(state: MemberState): PersonSummary[] {
  return allPersons(state).map((p) => {
    const dependant = state.dependants.find((d) => d.personId === p.personId);
    return {
      personId: p.personId,
      role: dependant ? 'dependant' : 'insured',
      relationship: dependant?.relationship ?? null,
      branch: p.branch,
      name: p.name,
      nameKana: p.nameKana,
      dateOfBirth: p.dateOfBirth,
      individualNumberRef: p.individualNumber.ref,
      current: p.coverage.some((c) => c.until === null),
      coverage: effectiveCoverage(state, p),
    };
  });
}

function allPersons(state: MemberState): PersonState[] {
  return state.insured ? [state.insured, ...state.dependants] : [];
}

/** The insured's date of death when recorded: 資格喪失 for death falls on the next day (domain.md 3.1). */
export function insuredDeathDate(state: MemberState): string | null {
  const lossByDeath =
    state.loss?.reason === 'death'
      ? state.loss.lossDate
      : state.voluntaryContinuation?.end?.reason === 'death'
        ? state.voluntaryContinuation.end.lossDate
        : null;
  return lossByDeath ? addDays(businessDate(lossByDeath), -1) : null;
}
