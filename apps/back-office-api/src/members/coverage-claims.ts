import { ConflictError } from '@kenpo/kernel';
import { type EventStore } from '@kenpo/event-store';
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
  /** When the claim was recorded (claims of the registry stream; the vault's index entries have none). */
  recordedAt?: string;
}

export interface CoverageConflict {
  memberId: string;
  /** The first day that membership no longer covers the person (null: no end known). */
  lossDate: string | null;
  /** The claim's own member events are not there yet: another command is still recording them. */
  pending?: boolean;
}

/**
 * How long a claim whose member does not (yet) hold the person still counts. A store without multi-stream transactions
 * (EventStoreDB) appends the claim first and the member's events after it, so a concurrent command can read the claim
 * before its member events exist; taking the claim for nothing there would let both commands pass. After this long
 * the claimer crashed between the two appends (a retry with the same command completes it; it never blocks for good).
 */
export const PENDING_CLAIM_MS = 30_000;

/**
 * One coverage per person (issue 12.3): the membership, other than `self`, whose coverage of the same Individual
 * Number reaches `from` or later, by that membership's own coverage answer (statutory ends and cancellations
 * included). The claims come from the number's registry stream; the caller appends its own claim there in the same
 * transaction as its member events, at the revision read here, so two concurrent claims cannot both pass.
 */
export async function coverageConflict(
  claims: readonly NumberClaim[],
  members: Pick<MemberCommands, 'load'>,
  self: NumberClaim,
  from: string,
  now: Date,
): Promise<CoverageConflict | null> {
  const others = new Map<string, NumberClaim>();
  for (const c of claims) {
    if (c.memberId === self.memberId && c.personId === self.personId) continue;
    const key = `${c.memberId}|${c.personId}`;
    // The registry stream's claim (with its time) wins over the vault's index entry for the same person.
    if (!others.get(key)?.recordedAt) others.set(key, c);
  }
  for (const claim of others.values()) {
    const loaded = await members.load(claim.memberId);
    const person = loaded && findPersonState(loaded.state, claim.personId);
    if (!loaded || !person) {
      const age = claim.recordedAt === undefined ? Infinity : now.getTime() - Date.parse(claim.recordedAt);
      if (age < PENDING_CLAIM_MS) return { memberId: claim.memberId, lossDate: null, pending: true };
      continue;
    }
    const periods = effectiveCoverage(loaded.state, person).filter((p) => p.until === null || p.until > from);
    if (periods.length > 0) return { memberId: claim.memberId, lossDate: periods.at(-1)!.until };
  }
  return null;
}

export async function readClaims(store: EventStore, registryId: string) {
  const events = await store.readStreamOrEmpty(numberClaimStream(registryId));
  const claims = events.map((e) => {
    const data = e.data as { memberId: string; personId?: string };
    return { memberId: data.memberId, personId: data.personId ?? INSURED, recordedAt: e.metadata.recordedAt };
  });
  return { claims, revision: events.at(-1)?.revision ?? null, events };
}

export function coveredElsewhere(conflict: CoverageConflict): ConflictError {
  if (conflict.pending) {
    const message = `is being claimed by member ${conflict.memberId}, whose command is still recording: retry shortly`;
    return new ConflictError('individual_number_covered', `the person ${message}: one coverage per person`, [
      { field: 'individualNumber', rule: 'one_coverage_per_person', message },
    ]);
  }
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
