import type { RecordedEvent } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';
import { evolve, type Identifiers, initialState, type MemberEvent, type MemberState } from '@kenpo/membership';
import type { MemberSnapshots } from './member-snapshots.js';

/** 記号/番号 in force from `from` (a business date) until the next period's `from`. */
export interface IdentifierPeriod extends Identifiers {
  from: string;
}

/** A member as known at one instant: the fold of the events recorded up to then. */
export interface MemberKnownAt {
  memberId: string;
  /** Revision of the last event folded, null when nothing was recorded yet at that instant. */
  revision: number | null;
  lastRecordedAt: string | null;
  state: MemberState;
  identifierHistory: IdentifierPeriod[];
}

/** The business date from which an event's identifiers apply. */
function identifiersFrom(event: RecordedEvent): string | null {
  const d = event.data as { acquisitionDate?: string; effectiveDate?: string; startDate?: string };
  const date =
    event.type === 'MemberEnrolled'
      ? d.acquisitionDate
      : event.type === 'MemberTransferred'
        ? d.effectiveDate
        : event.type === 'VoluntaryContinuationStarted'
          ? d.startDate
          : event.metadata.effectiveDate;
  return typeof date === 'string' ? date : null;
}

const sameIdentifiers = (a: Identifiers | null, b: Identifiers | null) =>
  a?.officeCode === b?.officeCode && a?.symbol === b?.symbol && a?.number === b?.number;

/**
 * Folds the member stream with the membership decider's own `evolve`, up to the last event recorded at or before
 * `asOf` (the "as known at T" axis). The stream is append-only, so what was known at T is a prefix of it; the
 * fold stops at the first later recording. Returns null when the member's stream does not exist at all.
 * With `snapshots`, the fold starts from the latest snapshot that holds at `asOf` and reads only the events after
 * it, and leaves snapshots behind for the next question; the answer is the same (member-as-of.int.spec.ts).
 */
export async function memberKnownAt(
  store: EventStore,
  memberId: string,
  asOf: Date,
  snapshots?: MemberSnapshots,
): Promise<MemberKnownAt | null> {
  const at = asOf.getTime();
  const snapshot = snapshots?.best(memberId, at);
  let state = snapshot?.state ?? initialState();
  let revision: number | null = snapshot?.revision ?? null;
  let lastRecordedAt: string | null = snapshot?.lastRecordedAt ?? null;
  // The latest recording time folded so far: a snapshot holds for every instant at or after it.
  let knownSince = snapshot?.knownSince ?? Number.NEGATIVE_INFINITY;
  const identifierHistory: IdentifierPeriod[] = [...(snapshot?.identifierHistory ?? [])];
  // With snapshots, the stream is read in chunks of the snapshot interval: the fold seldom needs more than one.
  const chunk = snapshots?.every;
  for (let next = (revision ?? -1) + 1; ;) {
    const events = await store.readStreamOrEmpty(
      `member-${memberId}`,
      chunk ? { fromRevision: next, maxCount: chunk } : {},
    );
    // Nothing from the start and no snapshot: the stream does not exist (one that exists has its first event).
    if (events.length === 0 && revision === null) return null;
    for (const event of events) {
      const recordedAt = Date.parse(event.metadata.recordedAt);
      if (recordedAt > at) return { memberId, revision, lastRecordedAt, state, identifierHistory };
      const before = state.identifiers;
      state = evolve(state, { type: event.type, data: event.data } as MemberEvent);
      revision = event.revision;
      lastRecordedAt = event.metadata.recordedAt;
      knownSince = Math.max(knownSince, recordedAt);
      const from = identifiersFrom(event);
      if (
        state.identifiers &&
        from &&
        (!sameIdentifiers(before, state.identifiers) || event.type === 'MemberEnrolled')
      ) {
        identifierHistory.push({ ...state.identifiers, from });
      }
      if (snapshots?.wants(revision))
        snapshots.record(memberId, {
          revision,
          knownSince,
          lastRecordedAt,
          state,
          identifierHistory: [...identifierHistory],
        });
    }
    if (!chunk || events.length < chunk) break;
    next = events.at(-1)!.revision + 1;
  }
  return { memberId, revision, lastRecordedAt, state, identifierHistory };
}

export function identifiersOn(history: readonly IdentifierPeriod[], date: string): Identifiers | null {
  let found: IdentifierPeriod | null = null;
  for (const period of history) if (period.from <= date) found = period;
  if (!found) return null;
  const { officeCode, symbol, number } = found;
  return { officeCode, symbol, number };
}
