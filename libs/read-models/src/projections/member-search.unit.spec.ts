import { describe, expect, it } from '@jest/globals';
import { evolve, initialState, type MemberEvent } from '@kenpo/membership';
import { command, enrollData, eventsOf } from '../../../membership/src/testing.js';
import { projectAll } from '../projection.js';
import { recordedMemberEvents } from '../testing/synthetic-member-history.js';
import { kanaKey, memberSearchProjection } from './member-search.projection.js';

const lifecycle = [
  command('EnrollMember', enrollData({ memberId: 'm-2', acquisitionDate: '2024-04-01', nameKana: 'サトウ　ハナコ' })),
  command('ChangeJob', {
    withinSociety: true,
    officeCode: 'OF-002',
    symbol: '2002',
    number: '7',
    effectiveDate: '2025-01-01',
  }),
  command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2025-06-30' }),
  command('StartVoluntaryContinuation', { applicationDate: '2025-07-10', symbol: '8000', number: '3' }),
  command('EndVoluntaryContinuation', { reason: 'own-request', requestReceivedOn: '2025-09-10' }),
];

describe('member search projection (issue 4)', () => {
  it('follows the decider through a whole lifecycle: status, office and 記号/番号 after every command', () => {
    let events: MemberEvent[] = [];
    for (let step = 1; step <= lifecycle.length; step++) {
      events = eventsOf(lifecycle.slice(0, step));
      const state = events.reduce(evolve, initialState());
      const view = projectAll(memberSearchProjection, recordedMemberEvents('m-2', events)).get('m-2')!;
      expect({ status: view.status, ...state.identifiers }).toEqual({
        status: state.status,
        officeCode: view.officeCode,
        symbol: view.symbol,
        number: view.number,
      });
      const lossDate =
        state.status === 'lost' ? (state.voluntaryContinuation?.end?.lossDate ?? state.loss!.lossDate) : null;
      expect(view.lossDate).toBe(lossDate);
    }
    const final = projectAll(memberSearchProjection, recordedMemberEvents('m-2', events)).get('m-2')!;
    expect(final).toMatchObject({
      status: 'lost',
      symbol: '8000',
      number: '3',
      lossDate: '2025-10-01',
      nameKanaKey: 'サトウハナコ',
    });
  });

  it('the kana key ignores full- and half-width spaces and middle dots, so a typed prefix matches', () => {
    expect(kanaKey('ヤマダ タロウ')).toBe('ヤマダタロウ');
    expect(kanaKey('スミス・ジョン')).toBe('スミスジョン');
    expect(kanaKey('サトウ　ハナコ').startsWith(kanaKey('サトウ　ハ'))).toBe(true);
  });

  it('a duplicate delivery changes nothing', () => {
    const events = recordedMemberEvents('m-2', eventsOf(lifecycle.slice(0, 3)));
    expect(projectAll(memberSearchProjection, [...events, ...events.slice(0, 2)])).toEqual(
      projectAll(memberSearchProjection, events),
    );
  });
});
