import type { MemberEvent } from '@kenpo/membership';
import type { Projection } from '../projection.js';
import { MEMBER_STREAM_PREFIX, memberIdOf } from './member-events.js';

/** A member that a 記号/番号 pair designated, from `from` until `until` (exclusive; null while in force). */
export interface Designation {
  memberId: string;
  from: string;
  until: string | null;
}

/**
 * Eligibility lookup by 記号/番号 (`id` = `${symbol}:${number}`): which member(s) the pair designated and when.
 * Keyed by the pair, not by 記号/番号/枝番, because the events that change a member's pair (job change, voluntary
 * continuation) do not list the persons' 枝番: the 枝番 and the person's coverage come from the member summary.
 */
export interface EligibilityDoc {
  id: string;
  symbol: string;
  number: string;
  designations: Designation[];
}

export const ELIGIBILITY = 'eligibility';
export const eligibilityKey = (symbol: string, number: string): string => `${symbol}:${number}`;

const ELIGIBILITY_EVENTS = [
  'MemberEnrolled',
  'MemberTransferred',
  'VoluntaryContinuationStarted',
  'JobChangeCancelled',
] as const satisfies readonly MemberEvent['type'][];

function open(
  view: EligibilityDoc | null,
  symbol: string,
  number: string,
  memberId: string,
  from: string,
): EligibilityDoc {
  const designations = view?.designations ?? [];
  if (designations.some((d) => d.memberId === memberId && d.until === null)) return view!;
  return {
    id: eligibilityKey(symbol, number),
    symbol,
    number,
    designations: [...designations, { memberId, from, until: null }],
  };
}

function close(view: EligibilityDoc | null, memberId: string, until: string): EligibilityDoc | null {
  if (view === null) return null;
  return {
    ...view,
    designations: view.designations.map((d) => (d.memberId === memberId && d.until === null ? { ...d, until } : d)),
  };
}

export const eligibilityProjection: Projection<EligibilityDoc> = {
  name: ELIGIBILITY,
  collection: { name: ELIGIBILITY, indexes: [] },
  eventTypes: ELIGIBILITY_EVENTS,
  streamPrefixes: [MEMBER_STREAM_PREFIX],
  idsFor(event) {
    const e = event as unknown as MemberEvent;
    if (e.type === 'MemberTransferred') {
      const { symbol, number, previous } = e.data;
      return [eligibilityKey(previous.symbol, previous.number), eligibilityKey(symbol, number)];
    }
    if (e.type === 'JobChangeCancelled') {
      const { symbol, number, cancelled } = e.data;
      return [eligibilityKey(cancelled.symbol, cancelled.number), eligibilityKey(symbol, number)];
    }
    const { symbol, number } = e.data as { symbol: string; number: string };
    return [eligibilityKey(symbol, number)];
  },
  apply(view, event, id) {
    const e = event as unknown as MemberEvent;
    const memberId = memberIdOf(event);
    switch (e.type) {
      case 'MemberEnrolled':
        return open(view, e.data.symbol, e.data.number, memberId, e.data.acquisitionDate);
      case 'VoluntaryContinuationStarted':
        return open(view, e.data.symbol, e.data.number, memberId, e.data.startDate);
      case 'MemberTransferred': {
        const { symbol, number, previous, effectiveDate } = e.data;
        if (previous.symbol === symbol && previous.number === number) return view; // a new office only
        return id === eligibilityKey(previous.symbol, previous.number)
          ? close(view, memberId, effectiveDate)
          : open(view, symbol, number, memberId, effectiveDate);
      }
      case 'JobChangeCancelled': {
        // 取消: the cancelled pair never designated the member; the previous one still does.
        const { symbol, number, cancelled, effectiveDate } = e.data;
        if (cancelled.symbol === symbol && cancelled.number === number) return view;
        if (view === null) return null;
        const designations =
          id === eligibilityKey(symbol, number)
            ? view.designations.map((d) =>
                d.memberId === memberId && d.until === effectiveDate ? { ...d, until: null } : d,
              )
            : view.designations.filter((d) => !(d.memberId === memberId && d.from === effectiveDate));
        return { ...view, designations };
      }
      default:
        return view;
    }
  },
};
