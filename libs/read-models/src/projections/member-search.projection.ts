import { seventyFifthBirthday, type MemberEvent, type MemberStatus } from '@kenpo/membership';
import type { RangeFilter } from '../document-store.js';
import type { Projection } from '../projection.js';
import { MEMBER_STREAM_PREFIX, memberIdOf } from './member-events.js';

/** One row of the clerks' member search (the insured person; dependants are found through their member). */
export interface MemberSearchDoc {
  id: string;
  memberId: string;
  name: string;
  nameKana: string;
  /** nameKana without spaces and middle dots, so that ヤマダタ finds ヤマダ タロウ. */
  nameKanaKey: string;
  dateOfBirth: string;
  officeCode: string;
  symbol: string;
  number: string;
  acquisitionDate: string;
  /** The recorded loss date (a future one included); null while none is recorded or after continuation started. */
  lossDate: string | null;
  /**
   * Dates, not a status: "today" moves, so the query derives the status (`searchStatusOn`). `coverageUntil` is the
   * first day not covered, statutory ends included (75th birthday, 2 years of continuation); `continuationFrom` the
   * start of voluntary continuation, or NEVER.
   */
  statutoryEnd: string;
  coverageUntil: string;
  continuationFrom: string;
  /** The day after the 2 years of voluntary continuation, while it lasts (to reopen it if its end is cancelled). */
  continuationLatestEnd?: string | null;
  /** The enrollment was cancelled (取消). */
  cancelled?: boolean;
}

/** Sorts after every real date, so that range filters need no null handling. */
export const NEVER = '9999-12-31';

export const MEMBER_SEARCH = 'member_search';
export const MEMBER_SEARCH_FIELDS = [
  'nameKanaKey',
  'symbol',
  'number',
  'officeCode',
  'coverageUntil',
  'continuationFrom',
  'dateOfBirth',
] as const;

export type SearchStatus = Exclude<MemberStatus, 'not-enrolled'>;
/** Statuses a search can filter on (a cancelled enrollment is listed among the lost ones, marked 'cancelled'). */
export type SearchStatusFilter = Exclude<SearchStatus, 'cancelled'>;

/** The member's status on `today`, as GET /eligibility would answer for the insured (a future loss is not a loss yet). */
export function searchStatusOn(doc: MemberSearchDoc, today: string): SearchStatus {
  if (doc.cancelled) return 'cancelled';
  if (doc.coverageUntil <= today) return 'lost';
  return doc.continuationFrom <= today ? 'voluntary-continuation' : 'active';
}

/** The filter that finds the members whose `searchStatusOn(today)` is `status`. */
export function searchStatusFilter(status: SearchStatusFilter, today: string): Record<string, RangeFilter> {
  switch (status) {
    case 'lost':
      return { coverageUntil: { lte: today } };
    case 'voluntary-continuation':
      return { coverageUntil: { gt: today }, continuationFrom: { lte: today } };
    case 'active':
      return { coverageUntil: { gt: today }, continuationFrom: { gt: today } };
  }
}

const earlier = (a: string, b: string) => (a < b ? a : b);

/** The search key of a kana name or prefix: separators are not typed the same way by everyone. */
export function kanaKey(kana: string): string {
  return kana.replace(/[\s\u3000・･]/gu, '');
}

const SEARCH_EVENTS = [
  'MemberEnrolled',
  'MemberTransferred',
  'MemberEligibilityLost',
  'VoluntaryContinuationStarted',
  'VoluntaryContinuationEnded',
  'PersonNameChanged',
  'EnrollmentCancelled',
  'EligibilityLossCancelled',
  'JobChangeCancelled',
] as const satisfies readonly MemberEvent['type'][];

function next(view: MemberSearchDoc | null, event: MemberEvent, memberId: string): MemberSearchDoc | null {
  if (event.type === 'MemberEnrolled') {
    const d = event.data;
    return {
      id: memberId,
      memberId,
      name: d.name,
      nameKana: d.nameKana,
      nameKanaKey: kanaKey(d.nameKana),
      dateOfBirth: d.dateOfBirth,
      officeCode: d.officeCode,
      symbol: d.symbol,
      number: d.number,
      acquisitionDate: d.acquisitionDate,
      lossDate: null,
      statutoryEnd: seventyFifthBirthday(d.dateOfBirth),
      coverageUntil: seventyFifthBirthday(d.dateOfBirth),
      continuationFrom: NEVER,
    };
  }
  if (view === null) return null;
  switch (event.type) {
    case 'MemberTransferred':
      return { ...view, officeCode: event.data.officeCode, symbol: event.data.symbol, number: event.data.number };
    case 'MemberEligibilityLost':
    case 'VoluntaryContinuationEnded':
      return { ...view, lossDate: event.data.lossDate, coverageUntil: earlier(event.data.lossDate, view.statutoryEnd) };
    case 'VoluntaryContinuationStarted':
      return {
        ...view,
        symbol: event.data.symbol,
        number: event.data.number,
        lossDate: null,
        continuationFrom: event.data.startDate,
        continuationLatestEnd: event.data.latestLossDate,
        coverageUntil: earlier(event.data.latestLossDate, view.statutoryEnd),
      };
    case 'PersonNameChanged':
      if (event.data.personId !== 'insured') return view;
      return {
        ...view,
        name: event.data.name,
        nameKana: event.data.nameKana,
        nameKanaKey: kanaKey(event.data.nameKana),
      };
    case 'EnrollmentCancelled':
      return { ...view, cancelled: true, coverageUntil: view.acquisitionDate, continuationFrom: NEVER };
    case 'EligibilityLossCancelled': {
      const latest = event.data.voluntaryContinuation ? (view.continuationLatestEnd ?? view.statutoryEnd) : null;
      return {
        ...view,
        lossDate: null,
        coverageUntil: latest ? earlier(latest, view.statutoryEnd) : view.statutoryEnd,
      };
    }
    case 'JobChangeCancelled':
      return { ...view, officeCode: event.data.officeCode, symbol: event.data.symbol, number: event.data.number };
    default:
      return view;
  }
}

/** Only the fields the search filters on or lists; the derived status follows `memberStatusOn` (checked by a test). */
export const memberSearchProjection: Projection<MemberSearchDoc> = {
  name: MEMBER_SEARCH,
  collection: { name: MEMBER_SEARCH, indexes: MEMBER_SEARCH_FIELDS },
  eventTypes: SEARCH_EVENTS,
  streamPrefixes: [MEMBER_STREAM_PREFIX],
  idsFor: (event) => [memberIdOf(event)],
  apply: (view, event) => next(view, { type: event.type, data: event.data } as MemberEvent, memberIdOf(event)),
};
