import { describe, expect, it } from '@jest/globals';
import { RuleViolation } from '@kenpo/kernel';
import { coverageOn, type ChangeJob } from './index.js';
import { command, dependantData, enrollData, eventsOf, given } from './testing.js';

const setup = [
  command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01', cardLinkage: { linkedOn: '2025-01-10' } })),
  command('RecognizeDependant', dependantData({ recognizedFrom: '2025-04-01' })),
];
const history = eventsOf(setup);
const changeJob = (overrides: Partial<ChangeJob['data']> = {}) =>
  command<ChangeJob>(
    'ChangeJob',
    {
      withinSociety: true,
      officeCode: 'OF-002',
      symbol: '2002',
      number: '7',
      effectiveDate: '2026-04-01',
      ...overrides,
    },
    '2026-03-25T01:00:00.000Z',
  );

describe('ChangeJob (transfer within the society)', () => {
  it('domain.md 3.1, 6.5: new 記号/番号, same member; notifications for everyone and a new 資格確認書 for whoever relies on one', () => {
    given(history)
      .when(changeJob())
      .then([
        {
          type: 'MemberTransferred',
          data: {
            personId: 'insured',
            officeCode: 'OF-002',
            symbol: '2002',
            number: '7',
            effectiveDate: '2026-04-01',
            previous: { officeCode: 'OF-001', symbol: '1001', number: '25' },
          },
        },
        {
          type: 'EligibilityNotificationIssued',
          data: {
            personId: 'insured',
            issuedOn: '2026-03-25',
            reason: 'identifiers-changed',
            symbol: '2002',
            number: '7',
            branch: '00',
            acquisitionDate: '2025-04-01',
          },
        },
        {
          type: 'EligibilityNotificationIssued',
          data: {
            personId: 'd-1',
            issuedOn: '2026-03-25',
            reason: 'identifiers-changed',
            symbol: '2002',
            number: '7',
            branch: '01',
            acquisitionDate: '2025-04-01',
          },
        },
        {
          type: 'EligibilityConfirmationDocumentIssued',
          data: {
            personId: 'd-1',
            issuedOn: '2026-03-25',
            validFrom: '2026-04-01',
            validUntil: '2031-03-31',
            reason: 'identifiers-changed',
            symbol: '2002',
            number: '7',
            branch: '01',
          },
        },
      ]);
  });

  it('domain.md 3.1: coverage stays continuous and the linked card keeps working', () => {
    const state = given([...history, ...given(history).when(changeJob()).events()]).state;
    expect(state.identifiers).toEqual({ officeCode: 'OF-002', symbol: '2002', number: '7' });
    expect(state.insured!.coverage).toEqual([{ from: '2025-04-01', until: null }]);
    expect(coverageOn(state, 'insured', '2026-03-31')).toEqual({ covered: true, document: 'linked-card' });
    expect(coverageOn(state, 'insured', '2026-04-01')).toEqual({ covered: true, document: 'linked-card' });
  });

  it('domain.md 3.1: a move to an employer outside the society is refused: record a loss of eligibility', () => {
    const error = given(history)
      .when(changeJob({ withinSociety: false }))
      .then(RuleViolation);
    expect(error.code).toBe('employer_outside_society');
    expect(error.message).toContain('loss of eligibility');
  });

  it('domain.md 6.5: a new office under the same 記号/番号 issues no notification', () => {
    const events = given(history)
      .when(changeJob({ symbol: '1001', number: '25' }))
      .events();
    expect(events.map((e) => e.type)).toEqual(['MemberTransferred']);
  });

  it('conventions.md 5: re-sending the same transfer records nothing', () => {
    const moved = [...history, ...given(history).when(changeJob()).events()];
    given(moved).when(changeJob()).then([]);
  });

  it('refuses a transfer after the loss of eligibility', () => {
    const lost = eventsOf([
      ...setup,
      command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2025-12-31' }),
    ]);
    expect(given(lost).when(changeJob()).then(RuleViolation).code).toBe('not_active');
  });
});
