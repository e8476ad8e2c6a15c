import { describe, expect, it } from '@jest/globals';
import type { MemberCommand } from '@kenpo/membership';
import { command, dependantData, enrollData, eventsOf } from '../../../membership/src/testing.js';
import { projectAll } from '../projection.js';
import { recordedMemberEvents } from '../testing/synthetic-member-history.js';
import { eligibilityProjection } from './eligibility.projection.js';
import { memberSummaryProjection } from './member-summary.projection.js';
import { verifyEligibility } from './verify-eligibility.js';

/** Views of one member after `commands`, then the verification answer for 記号/番号/枝番 on a date. */
function verifier(memberId: string, commands: MemberCommand[]) {
  const events = recordedMemberEvents(memberId, eventsOf(commands));
  const index = projectAll(eligibilityProjection, events);
  const summaries = [...projectAll(memberSummaryProjection, events).values()];
  return {
    index,
    verify: (symbol: string, number: string, branch: string, date: string) =>
      verifyEligibility(index.get(`${symbol}:${number}`) ?? null, summaries, { symbol, number, branch, date }),
  };
}

const enrolled = command(
  'EnrollMember',
  enrollData({ memberId: 'm-3', acquisitionDate: '2025-04-01', cardLinkage: { linkedOn: '2025-01-10' } }),
);
// Recognised on the day it takes effect: a document is never valid before the day it is issued (issue 12.4).
const spouse = command(
  'RecognizeDependant',
  dependantData({ recognizedFrom: '2025-06-01' }),
  '2025-06-01T01:00:00.000Z',
);
const retired = command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2026-03-31' });

describe('eligibility verification (issue 4, domain.md 2.3, 3.1, 6)', () => {
  it('domain.md 3.1: covered the day before the loss date, not on the loss date itself', () => {
    const { verify } = verifier('m-3', [enrolled, retired]);
    expect(verify('1001', '25', '00', '2026-03-31')).toMatchObject({
      covered: true,
      document: 'linked-card',
      personId: 'insured',
      reason: null,
    });
    expect(verify('1001', '25', '00', '2026-04-01')).toMatchObject({
      covered: false,
      document: null,
      reason: 'not-covered',
    });
    expect(verify('1001', '25', '00', '2025-03-31')).toMatchObject({
      covered: false,
      reason: 'identifiers-not-in-force',
    });
  });

  it('dependants: the 枝番 designates the dependant, covered from recognition until the insured loses eligibility', () => {
    const { verify } = verifier('m-3', [enrolled, spouse, retired]);
    expect(verify('1001', '25', '01', '2025-05-31')).toMatchObject({
      covered: false,
      role: 'dependant',
      personId: 'd-1',
      reason: 'not-covered',
    });
    expect(verify('1001', '25', '01', '2025-06-01')).toMatchObject({
      covered: true,
      role: 'dependant',
      document: 'eligibility-confirmation-document',
    });
    expect(verify('1001', '25', '01', '2026-03-31')).toMatchObject({ covered: true });
    expect(verify('1001', '25', '01', '2026-04-01')).toMatchObject({ covered: false, reason: 'not-covered' });
  });

  it('a removed dependant is covered until the day before their own loss date', () => {
    const { verify } = verifier('m-3', [
      enrolled,
      spouse,
      command('RemoveDependant', { dependantId: 'd-1', reason: 'employment', lossDate: '2025-10-01' }),
    ]);
    expect(verify('1001', '25', '01', '2025-09-30')).toMatchObject({ covered: true });
    expect(verify('1001', '25', '01', '2025-10-01')).toMatchObject({ covered: false, reason: 'not-covered' });
    expect(verify('1001', '25', '00', '2025-10-01')).toMatchObject({ covered: true });
  });

  it('domain.md 3.1: after a job change the old identifiers answer for dates before it, the new ones from it', () => {
    const moved = command('ChangeJob', {
      withinSociety: true,
      officeCode: 'OF-002',
      symbol: '2002',
      number: '7',
      effectiveDate: '2026-01-01',
    });
    const { verify, index } = verifier('m-3', [enrolled, spouse, moved]);
    expect(verify('1001', '25', '00', '2025-12-31')).toMatchObject({
      covered: true,
      identifiersInForce: { from: '2025-04-01', until: '2026-01-01' },
    });
    expect(verify('1001', '25', '00', '2026-01-01')).toMatchObject({
      covered: false,
      reason: 'identifiers-not-in-force',
    });
    expect(verify('2002', '7', '00', '2026-01-01')).toMatchObject({
      covered: true,
      identifiersInForce: { from: '2026-01-01', until: null },
    });
    expect(verify('2002', '7', '01', '2026-01-01')).toMatchObject({ covered: true, personId: 'd-1' });
    expect(verify('2002', '7', '00', '2025-12-31')).toMatchObject({
      covered: false,
      reason: 'identifiers-not-in-force',
    });
    expect(index.get('1001:25')!.designations).toEqual([{ memberId: 'm-3', from: '2025-04-01', until: '2026-01-01' }]);
  });

  it('domain.md 3.2: voluntary continuation under new identifiers covers from the loss date', () => {
    const vc = command('StartVoluntaryContinuation', { applicationDate: '2026-04-10', symbol: '8000', number: '3' });
    const { verify } = verifier('m-3', [enrolled, retired, vc]);
    expect(verify('8000', '3', '00', '2026-04-01')).toMatchObject({ covered: true });
    expect(verify('1001', '25', '00', '2026-04-01')).toMatchObject({
      covered: false,
      reason: 'identifiers-not-in-force',
    });
    expect(verify('1001', '25', '00', '2026-03-31')).toMatchObject({ covered: true });
  });

  it('unknown persons: no such 記号/番号, or no such 枝番, answer null (404)', () => {
    const { verify } = verifier('m-3', [enrolled]);
    expect(verify('1001', '26', '00', '2025-06-01')).toBeNull();
    expect(verify('1001', '25', '07', '2025-06-01')).toBeNull();
  });

  it('a duplicate delivery changes nothing', () => {
    const events = recordedMemberEvents(
      'm-4',
      eventsOf([
        command('EnrollMember', enrollData({ memberId: 'm-4' })),
        command('ChangeJob', {
          withinSociety: true,
          officeCode: 'OF-002',
          symbol: '2002',
          number: '8',
          effectiveDate: '2026-06-01',
        }),
      ]),
    );
    expect(projectAll(eligibilityProjection, [...events, ...events])).toEqual(
      projectAll(eligibilityProjection, events),
    );
  });
});
