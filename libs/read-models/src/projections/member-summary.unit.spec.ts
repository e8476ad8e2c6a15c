import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@kenpo/kernel';
import { evolve, initialState } from '@kenpo/membership';
import { command, dependantData, enrollData, eventsOf } from '../../../membership/src/testing.js';
import { applyEvents, projectAll, type StoredView } from '../projection.js';
import { recordedMemberEvents } from '../testing/synthetic-member-history.js';
import { ProjectionGapError } from './member-events.js';
import { memberSummaryProjection, type MemberSummaryDoc } from './member-summary.projection.js';

const recorded = recordedMemberEvents;

const history = eventsOf([
  command('EnrollMember', enrollData({ memberId: 'm-1', acquisitionDate: '2025-04-01' })),
  command('RecognizeDependant', dependantData({ recognizedFrom: '2025-04-01' })),
  command('LinkCard', { personId: 'insured', linkedOn: '2025-05-01' }),
  command('RegisterPublicFundsAccount', {
    bankCode: '0001',
    branchCode: '001',
    accountType: 'ordinary',
    accountNumber: '1234567',
    holderName: 'ヤマダ タロウ',
  }),
  command('ChangeJob', {
    withinSociety: true,
    officeCode: 'OF-002',
    symbol: '2002',
    number: '7',
    effectiveDate: '2026-01-01',
  }),
]);
const summaryOf = (events: readonly RecordedEvent[]) => projectAll(memberSummaryProjection, events).get('m-1');

describe('member summary projection (issue 4)', () => {
  it('folds the stream with the domain evolve, with only the vault reference of an Individual Number and the account masked', () => {
    const events = recorded('m-1', history);
    const view = summaryOf(events)!;
    const domain = history.reduce(evolve, initialState());
    expect(view.revision).toBe(history.length - 1);
    expect(view._position).toBe(events.at(-1)!.position);
    expect(view.state.status).toBe(domain.status);
    expect(view.state.identifiers).toEqual(domain.identifiers);
    expect(view.state.dependants.map((d) => d.coverage)).toEqual(domain.dependants.map((d) => d.coverage));
    expect(view.state.insured!.individualNumber).toEqual({ ref: 'ref-insured', ciphertext: '' });
    expect(view.state.dependants[0]!.individualNumber).toEqual({ ref: 'ref-spouse', ciphertext: '' });
    expect(view.state.account!.accountNumber).toBe('***4567');
    const json = JSON.stringify(view);
    expect(json).not.toContain('ciphertext-');
    expect(json).not.toContain('hash-');
    expect(json).not.toContain('1234567');
  });

  it('keeps the identifiers history: enrollment, then the job change (domain.md 2.3, 3.1)', () => {
    expect(summaryOf(recorded('m-1', history))!.identifierHistory).toEqual([
      { officeCode: 'OF-001', symbol: '1001', number: '25', from: '2025-04-01' },
      { officeCode: 'OF-002', symbol: '2002', number: '7', from: '2026-01-01' },
    ]);
  });

  it('a duplicate delivery changes nothing', () => {
    const events = recorded('m-1', history);
    expect(summaryOf([...events, ...events])).toEqual(summaryOf(events));
    expect(summaryOf([...events, events[2]!, events[1]!])).toEqual(summaryOf(events));
  });

  it('out of order: an older event delivered after a newer one is skipped; a hole in the revisions stops the projection', () => {
    const events = recorded('m-1', history);
    const views = new Map<string, StoredView<MemberSummaryDoc> | null>();
    applyEvents(memberSummaryProjection, views, [events[0]!]);
    expect(() => applyEvents(memberSummaryProjection, views, [events[2]!])).toThrow(ProjectionGapError);
    applyEvents(memberSummaryProjection, views, events.slice(1));
    const result = applyEvents(memberSummaryProjection, views, [events[1]!]);
    expect(result).toMatchObject({ applied: 0, skipped: 1 });
    expect(views.get('m-1')).toEqual(summaryOf(events));
  });

  it('the same revision re-delivered at a later position (a re-import) leaves the state as it was', () => {
    const events = recorded('m-1', history);
    const again = { ...events[3]!, position: events.at(-1)!.position + 100 };
    expect(summaryOf([...events, again])!.state).toEqual(summaryOf(events)!.state);
  });
});
