import { describe, expect, it } from '@jest/globals';
import { ConflictError, RuleViolation } from '@kenpo/kernel';
import { coverageOn, insuredMonths, type MemberCommand, type RecordLossOfEligibility } from './index.js';
import { command, dependantData, enrollData, eventsOf, given } from './testing.js';

const setup: MemberCommand[] = [
  command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01', dateOfBirth: '1951-06-15' })),
  command('RecognizeDependant', dependantData({ recognizedFrom: '2025-04-01' })),
];
const history = eventsOf(setup);
const lose = (data: RecordLossOfEligibility['data']) =>
  command<RecordLossOfEligibility>('RecordLossOfEligibility', data, '2026-04-03T01:00:00.000Z');

describe('RecordLossOfEligibility (資格喪失)', () => {
  it('domain.md 3.1, 6.4: retirement — loss the day after the last working day; dependants lose too; documents to be returned', () => {
    given(history)
      .when(lose({ reason: 'retirement', lastWorkingDay: '2026-03-31' }))
      .then([
        // The documents ran only to the day before the 75th birthday (2026-06-15): no document outlasts coverage.
        {
          type: 'MemberEligibilityLost',
          data: { personId: 'insured', reason: 'retirement', lossDate: '2026-04-01', dependantIds: ['d-1'] },
        },
        {
          type: 'EligibilityConfirmationDocumentReturnRequested',
          data: {
            personId: 'insured',
            requestedOn: '2026-04-03',
            validUntil: '2026-06-14',
            lossDate: '2026-04-01',
            reason: 'eligibility-lost',
          },
        },
        {
          type: 'EligibilityConfirmationDocumentReturnRequested',
          data: {
            personId: 'd-1',
            requestedOn: '2026-04-03',
            validUntil: '2026-06-14',
            lossDate: '2026-04-01',
            reason: 'eligibility-lost',
          },
        },
      ]);
  });

  it('domain.md 3.1: death — loss the day after death', () => {
    expect(
      given(history)
        .when(lose({ reason: 'death', dateOfDeath: '2026-05-10' }))
        .events()[0]!.data,
    ).toMatchObject({ lossDate: '2026-05-11' });
  });

  it('domain.md 3.1: age 75 — loss on the 75th birthday even while employed', () => {
    expect(
      given(history)
        .when(lose({ reason: 'age-75' }))
        .events()[0]!.data,
    ).toMatchObject({ lossDate: '2026-06-15' });
  });

  it('domain.md 3.1: employment under another insurer or another reason — loss on the given date', () => {
    expect(
      given(history)
        .when(lose({ reason: 'other-insurer', lossDate: '2026-02-01' }))
        .events()[0]!.data,
    ).toMatchObject({ lossDate: '2026-02-01' });
  });

  it('conventions.md 5: the same loss re-sent records nothing; a different one conflicts', () => {
    const lost = eventsOf([...setup, lose({ reason: 'retirement', lastWorkingDay: '2026-03-31' })]);
    given(lost)
      .when(lose({ reason: 'retirement', lastWorkingDay: '2026-03-31' }))
      .then([]);
    given(lost)
      .when(lose({ reason: 'death', dateOfDeath: '2026-03-31' }))
      .then(ConflictError);
  });

  it('refuses a loss on or before the acquisition date', () => {
    given(history)
      .when(lose({ reason: 'other', lossDate: '2025-04-01' }))
      .then(RuleViolation);
  });
});

describe('voluntary continuation (任意継続, domain.md 3.2)', () => {
  const retiredCommands = [
    command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01' })),
    command('RecognizeDependant', dependantData({ recognizedFrom: '2025-04-01' })),
    command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2026-03-31' }),
  ] as MemberCommand[];
  const retired = eventsOf(retiredCommands);
  const start = (applicationDate: string) =>
    command('StartVoluntaryContinuation', { applicationDate }, `${applicationDate}T01:00:00.000Z`);

  it('counts insured months from the month of acquisition to the month before the loss', () => {
    expect(insuredMonths('2026-02-15', '2026-04-01')).toBe(2);
    expect(insuredMonths('2026-02-15', '2026-03-31')).toBe(1);
  });

  it('domain.md 3.2: applying on day 20 starts coverage on the loss date for at most 2 years, with a notification and a document', () => {
    given(retired)
      .when(start('2026-04-20'))
      .then([
        {
          type: 'VoluntaryContinuationStarted',
          data: {
            personId: 'insured',
            applicationDate: '2026-04-20',
            startDate: '2026-04-01',
            latestLossDate: '2028-04-01',
            symbol: '1001',
            number: '25',
          },
        },
        {
          type: 'EligibilityNotificationIssued',
          data: {
            personId: 'insured',
            issuedOn: '2026-04-20',
            reason: 'voluntary-continuation',
            symbol: '1001',
            number: '25',
            branch: '00',
            acquisitionDate: '2026-04-01',
          },
        },
        {
          type: 'EligibilityConfirmationDocumentIssued',
          data: {
            personId: 'insured',
            issuedOn: '2026-04-20',
            // Valid from the day it is issued, and not past the 2 years (issue 12.4).
            validFrom: '2026-04-20',
            validUntil: '2028-03-31',
            reason: 'voluntary-continuation',
            symbol: '1001',
            number: '25',
            branch: '00',
          },
        },
      ]);
  });

  it('domain.md 3.2: day 21 after the loss is too late', () => {
    expect(given(retired).when(start('2026-04-21')).then(RuleViolation).code).toBe('application_deadline');
  });

  it('domain.md 3.2: fewer than 2 months insured is refused', () => {
    const short = eventsOf([
      command('EnrollMember', enrollData({ acquisitionDate: '2026-02-15' })),
      command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2026-03-30' }),
    ]);
    expect(given(short).when(start('2026-04-01')).then(RuleViolation).code).toBe('minimum_insured_period');
  });

  it('domain.md 3.2: not after death, and only after a loss', () => {
    const dead = eventsOf([
      command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01' })),
      command('RecordLossOfEligibility', { reason: 'death', dateOfDeath: '2026-03-31' }),
    ]);
    given(dead).when(start('2026-04-02')).then(RuleViolation);
    given(history).when(start('2026-04-02')).then(RuleViolation);
  });

  it('domain.md 3.2: covered again from the loss date; dependants can be recognised again', () => {
    const continuing = eventsOf([...retiredCommands, start('2026-04-10')]);
    const state = given(continuing).state;
    expect(state.status).toBe('voluntary-continuation');
    expect(coverageOn(state, 'insured', '2026-04-01')).toEqual({ covered: true, document: null });
    expect(coverageOn(state, 'insured', '2026-04-10')).toEqual({
      covered: true,
      document: 'eligibility-confirmation-document',
    });
    const events = given(continuing)
      .when(command('RecognizeDependant', dependantData({ dependantId: 'd-2', recognizedFrom: '2026-04-01' })))
      .events();
    expect(events[0]).toMatchObject({ type: 'DependantRecognized', data: { branch: '02' } });
  });

  const ended = (end: MemberCommand['data']) => {
    const continuing = eventsOf([...retiredCommands, start('2026-04-10')]);
    return given(continuing).when(command('EndVoluntaryContinuation', end as never, '2026-09-20T01:00:00.000Z'));
  };

  it.each([
    [{ reason: 'two-years-elapsed' }, '2028-04-01'],
    [{ reason: 'death', dateOfDeath: '2026-08-01' }, '2026-08-02'],
    [{ reason: 'premium-unpaid', dueDate: '2026-06-10' }, '2026-06-11'],
    [{ reason: 'insured-elsewhere', insuredFrom: '2026-07-01' }, '2026-07-01'],
    [{ reason: 'own-request', requestReceivedOn: '2026-09-15' }, '2026-10-01'],
  ])('domain.md 3.2: ends for %o with loss on %s', (end, lossDate) => {
    const [event] = ended(end as MemberCommand['data']).events();
    expect(event).toMatchObject({
      type: 'VoluntaryContinuationEnded',
      data: { reason: (end as { reason: string }).reason, lossDate },
    });
  });

  it('domain.md 3.2: the end asks for the document back; after 2 years it must be recorded as two-years-elapsed', () => {
    const events = ended({ reason: 'own-request', requestReceivedOn: '2026-09-15' }).events();
    expect(events.map((e) => e.type)).toEqual([
      'VoluntaryContinuationEnded',
      'EligibilityConfirmationDocumentReturnRequested',
    ]);
    ended({ reason: 'death', dateOfDeath: '2028-05-01' }).then(RuleViolation);
  });

  it('conventions.md 5: the same start or end re-sent records nothing', () => {
    const continuing = eventsOf([...retiredCommands, start('2026-04-10')]);
    given(continuing).when(start('2026-04-10')).then([]);
    const end = command('EndVoluntaryContinuation', { reason: 'two-years-elapsed' });
    const over = eventsOf([...retiredCommands, start('2026-04-10'), end]);
    given(over).when(end).then([]);
    expect(given(over).state.status).toBe('lost');
  });
});
