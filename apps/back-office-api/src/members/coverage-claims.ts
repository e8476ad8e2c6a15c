import { ConflictError } from '@kenpo/kernel';
import { type EventStore, readOrEmpty } from '@kenpo/event-store';
import { effectiveCoverage, findPersonState, INSURED } from '@kenpo/membership';
import type { MemberCommands } from './member-commands.service.js';

/**
 * The registry stream of an Individual Number, named after the vault's random registry id for it: nothing derived
 * from the number (architecture.md 11; the keyed-hash index lives in the vault only).
 */
export const numberClaimStream = (registryId: string) => `individual-number-${registryId}`;

/** A membership that claimed the number: as its insured, or as one of its dependants. */
export interface NumberClaim {
  memberId: string;
  personId: string;
}

export interface CoverageConflict {
  memberId: string;
  /** The first day that membership no longer covers the person (null: no end known). */
  lossDate: string | null;
}

/**
 * One coverage per person (issue 12.3): the membership, other than `self`, whose coverage of the same Individual
 * Number reaches `from` or later, by that membership's own coverage answer (statutory ends and cancellations
 * included). The claims come from the number's registry stream; the caller appends its own claim there in the same
 * transaction as its member events, at the revision read here, so two concurrent claims cannot both pass.
 */
export async function coverageConflict(
  claims: readonly NumberClaim[],
  members: MemberCommands,
  self: NumberClaim,
  from: string,
): Promise<CoverageConflict | null> {
  const others = new Map(
    claims
      .filter((c) => !(c.memberId === self.memberId && c.personId === self.personId))
      .map((c) => [`${c.memberId}|${c.personId}`, c]),
  );
  for (const claim of others.values()) {
    const loaded = await members.load(claim.memberId);
    const person = loaded && findPersonState(loaded.state, claim.personId);
    if (!loaded || !person) continue;
    const periods = effectiveCoverage(loaded.state, person).filter((p) => p.until === null || p.until > from);
    if (periods.length > 0) return { memberId: claim.memberId, lossDate: periods.at(-1)!.until };
  }
  return null;
}

export async function readClaims(store: EventStore, registryId: string) {
  const events = await readOrEmpty(store, numberClaimStream(registryId));
  const claims = events.map((e) => {
    const data = e.data as { memberId: string; personId?: string };
    return { memberId: data.memberId, personId: data.personId ?? INSURED };
  });
  return { claims, revision: events.at(-1)?.revision ?? null, events };
}

export function coveredElsewhere(conflict: CoverageConflict): ConflictError {
  const until = conflict.lossDate ? `until ${conflict.lossDate} (its loss date)` : 'with no loss date recorded';
  return new ConflictError(
    'individual_number_covered',
    `the person is covered by member ${conflict.memberId} ${until}: one coverage per person`,
    [
      {
        field: 'individualNumber',
        rule: 'one_coverage_per_person',
        message: `is covered by member ${conflict.memberId} ${until}`,
      },
    ],
  );
}
