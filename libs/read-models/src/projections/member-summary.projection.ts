import type { RecordedEvent } from '@kenpo/kernel';
import { evolve, initialState, type MemberState } from '@kenpo/membership';
import type { Projection } from '../projection.js';
import { MEMBER_EVENT_TYPES, MEMBER_STREAM_PREFIX, memberIdOf, ProjectionGapError } from './member-events.js';
import { redactMemberEvent } from './redact.js';

/** 記号/番号 (and office) in force from `from` until the next entry's `from`. */
export interface IdentifierPeriod {
  officeCode: string;
  symbol: string;
  number: string;
  from: string;
}

/**
 * One member as the decider sees it, minus secrets: the state folded with the domain's own `evolve` over redacted
 * events (no Individual Number ciphertext or keyed hash, account number masked), plus the history of identifiers
 * that eligibility verification needs for dates before a job change.
 */
export interface MemberSummaryDoc {
  id: string;
  memberId: string;
  /** Revision of the last member event folded in (the stream's revision, usable as If-Match). */
  revision: number;
  state: MemberState;
  identifierHistory: IdentifierPeriod[];
}

export const MEMBER_SUMMARY = 'member_summary';

function identifierHistory(previous: IdentifierPeriod[], state: MemberState, event: RecordedEvent): IdentifierPeriod[] {
  const from =
    event.type === 'MemberEnrolled'
      ? state.acquisitionDate
      : event.type === 'MemberTransferred'
        ? (event.data as { effectiveDate: string }).effectiveDate
        : event.type === 'VoluntaryContinuationStarted'
          ? (event.data as { startDate: string }).startDate
          : null;
  if (event.type === 'JobChangeCancelled') return previous.slice(0, -1);
  if (from === null || state.identifiers === null) return previous;
  const base = event.type === 'MemberEnrolled' ? [] : previous;
  return [...base, { ...state.identifiers, from }];
}

export const memberSummaryProjection: Projection<MemberSummaryDoc> = {
  name: MEMBER_SUMMARY,
  collection: { name: MEMBER_SUMMARY, indexes: ['state.status'] },
  eventTypes: MEMBER_EVENT_TYPES,
  streamPrefixes: [MEMBER_STREAM_PREFIX],
  idsFor: (event) => [memberIdOf(event)],
  apply(view, event) {
    const revision = view?.revision ?? -1;
    if (event.revision <= revision) return view; // re-delivered under another position (e.g. after an import)
    if (event.revision !== revision + 1)
      throw new ProjectionGapError(MEMBER_SUMMARY, event.streamId, revision + 1, event.revision);
    const state = evolve(view?.state ?? initialState(), redactMemberEvent(event));
    const memberId = memberIdOf(event);
    return {
      id: memberId,
      memberId,
      revision: event.revision,
      state,
      identifierHistory: identifierHistory(view?.identifierHistory ?? [], state, event),
    };
  },
};
