import { describe, expect, it } from '@jest/globals';
import { evolve, initialState, memberStatusOn, type MemberEvent } from '@kenpo/membership';
import { command, enrollData, eventsOf } from '../../../membership/src/testing.js';
import { projectAll } from '../projection.js';
import { recordedMemberEvents } from '../testing/synthetic-member-history.js';
import { kanaKey, memberSearchProjection, searchStatusOn } from './member-search.projection.js';

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
      for (const date of ['2024-03-31', '2024-04-01', '2025-06-30', '2025-07-01', '2025-09-30', '2025-10-01']) {
        expect([date, searchStatusOn(view, date)]).toEqual([date, memberStatusOn(state, date)]);
      }
      expect({ ...state.identifiers }).toEqual({
        officeCode: view.officeCode,
        symbol: view.symbol,
        number: view.number,
      });
      const lossDate =
        state.status === 'lost' ? (state.voluntaryContinuation?.end?.lossDate ?? state.loss!.lossDate) : null;
      expect(view.lossDate).toBe(lossDate);
    }
    const final = projectAll(memberSearchProjection, recordedMemberEvents('m-2', events)).get('m-2')!;
    expect(searchStatusOn(final, '2025-10-01')).toBe('lost');
    expect(final).toMatchObject({
      symbol: '8000',
      number: '3',
      lossDate: '2025-10-01',
      nameKanaKey: 'サトウハナコ',
    });
  });

  it('derives the status for the day asked: a future loss is not a loss yet, the 75th birthday is one (domain.md 3.1)', () => {
    const events = eventsOf([
      command(
        'EnrollMember',
        enrollData({ memberId: 'm-3', acquisitionDate: '2020-04-01', dateOfBirth: '1951-06-15' }),
      ),
    ]);
    const view = projectAll(memberSearchProjection, recordedMemberEvents('m-3', events)).get('m-3')!;
    expect(searchStatusOn(view, '2026-06-14')).toBe('active');
    expect(searchStatusOn(view, '2026-06-15')).toBe('lost');
    expect(memberStatusOn(events.reduce(evolve, initialState()), '2026-06-15')).toBe('lost');
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
