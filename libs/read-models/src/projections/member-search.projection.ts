import type { MemberEvent, MemberStatus } from '@kenpo/membership';
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
  status: MemberStatus;
  acquisitionDate: string;
  lossDate: string | null;
}

export const MEMBER_SEARCH = 'member_search';
export const MEMBER_SEARCH_FIELDS = ['nameKanaKey', 'symbol', 'number', 'officeCode', 'status', 'dateOfBirth'] as const;

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
      status: 'active',
      acquisitionDate: d.acquisitionDate,
      lossDate: null,
    };
  }
  if (view === null) return null;
  switch (event.type) {
    case 'MemberTransferred':
      return { ...view, officeCode: event.data.officeCode, symbol: event.data.symbol, number: event.data.number };
    case 'MemberEligibilityLost':
    case 'VoluntaryContinuationEnded':
      return { ...view, status: 'lost', lossDate: event.data.lossDate };
    case 'VoluntaryContinuationStarted':
      return {
        ...view,
        status: 'voluntary-continuation',
        symbol: event.data.symbol,
        number: event.data.number,
        lossDate: null,
      };
    default:
      return view;
  }
}

/** Only the fields the search filters on or lists; status follows the decider's (checked by a test against `evolve`). */
export const memberSearchProjection: Projection<MemberSearchDoc> = {
  name: MEMBER_SEARCH,
  collection: { name: MEMBER_SEARCH, indexes: MEMBER_SEARCH_FIELDS },
  eventTypes: SEARCH_EVENTS,
  streamPrefixes: [MEMBER_STREAM_PREFIX],
  idsFor: (event) => [memberIdOf(event)],
  apply: (view, event) => next(view, { type: event.type, data: event.data } as MemberEvent, memberIdOf(event)),
};
