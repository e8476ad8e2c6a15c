import { describe, expect, it } from '@jest/globals';

import { NotFoundError, RuleViolation, ValidationError } from '@kenpo/kernel';
import { coverageOn, createMemberDecider, personsOf } from './index.js';
import { command, dependantData, enrollData, eventsOf, given } from './testing.js';

const linkedMember = eventsOf([
  command('EnrollMember', enrollData({ acquisitionDate: '2026-04-01', cardLinkage: { linkedOn: '2025-01-10' } })),
]);
const unlinkedMember = eventsOf([command('EnrollMember', enrollData({ acquisitionDate: '2026-04-01' }))]);
const at = (now: string) => `${now}T01:00:00.000Z`;

describe('card linkage and 資格確認書', () => {
  it('domain.md 6.2: linking a card later ends the 資格確認書 that day, return requested; re-sending records nothing', () => {
    given(unlinkedMember)
      .when(command('LinkCard', { personId: 'insured', linkedOn: '2026-05-01' }))
      .then([
        { type: 'CardLinked', data: { personId: 'insured', linkedOn: '2026-05-01' } },
        {
          type: 'EligibilityConfirmationDocumentReturnRequested',
          data: {
            personId: 'insured',
            requestedOn: '2026-04-01',
            validUntil: '2031-03-31',
            lossDate: '2026-05-01',
            reason: 'card-linked',
          },
        },
      ]);
    given(linkedMember)
      .when(command('LinkCard', { personId: 'insured', linkedOn: '2026-05-01' }))
      .then([]);
  });

  it('domain.md 6.2: cancellation takes effect at the end of the following month, with a 資格確認書 from then', () => {
    given(linkedMember)
      .when(
        command('RequestCardLinkageCancellation', { personId: 'insured', requestedOn: '2026-05-20' }, at('2026-05-20')),
      )
      .then([
        {
          type: 'CardLinkageCancellationRequested',
          data: { personId: 'insured', requestedOn: '2026-05-20', effectiveOn: '2026-06-30' },
        },
        {
          type: 'EligibilityConfirmationDocumentIssued',
          data: {
            personId: 'insured',
            issuedOn: '2026-05-20',
            validFrom: '2026-06-30',
            validUntil: '2031-06-29',
            reason: 'card-linkage-cancelled',
            symbol: '1001',
            number: '25',
            branch: '00',
          },
        },
      ]);
  });

  it('domain.md 6.2: cancelling needs a linked card; re-sending a cancellation records nothing', () => {
    given(unlinkedMember)
      .when(command('RequestCardLinkageCancellation', { personId: 'insured', requestedOn: '2026-05-20' }))
      .then(RuleViolation);
    const cancelled = [
      ...linkedMember,
      ...given(linkedMember)
        .when(command('RequestCardLinkageCancellation', { personId: 'insured', requestedOn: '2026-05-20' }))
        .events(),
    ];
    given(cancelled)
      .when(command('RequestCardLinkageCancellation', { personId: 'insured', requestedOn: '2026-05-20' }))
      .then([]);
  });

  it('domain.md 6.3: the card works until the end of the 3rd month after the expiry month; the document starts the next day', () => {
    given(linkedMember)
      .when(
        command(
          'RecordElectronicCertificateExpiry',
          { personId: 'insured', expiresOn: '2026-06-15' },
          at('2026-05-01'),
        ),
      )
      .then([
        {
          type: 'ElectronicCertificateExpiryRecorded',
          data: { personId: 'insured', expiresOn: '2026-06-15', usableUntil: '2026-09-30' },
        },
        {
          type: 'EligibilityConfirmationDocumentIssued',
          data: {
            personId: 'insured',
            issuedOn: '2026-05-01',
            validFrom: '2026-10-01',
            validUntil: '2031-09-30',
            reason: 'certificate-expired',
            symbol: '1001',
            number: '25',
            branch: '00',
          },
        },
      ]);
  });

  it('domain.md 6.4: the society configures the validity (here 1 year); more than 5 years is refused', () => {
    const yearly = createMemberDecider({ eligibilityDocumentValidityMonths: 12 });
    const events = given([], yearly)
      .when(command('EnrollMember', enrollData({ acquisitionDate: '2026-04-01' })))
      .events();
    expect(events.at(-1)!.data).toMatchObject({ validFrom: '2026-04-01', validUntil: '2027-03-31' });
    expect(() => createMemberDecider({ eligibilityDocumentValidityMonths: 61 })).toThrow(ValidationError);
  });

  it('an unknown person is 404', () => {
    given(linkedMember)
      .when(command('LinkCard', { personId: 'd-9', linkedOn: '2026-05-01' }))
      .then(NotFoundError);
  });
});

describe('coverageOn and personsOf (eligibility verification)', () => {
  const history = eventsOf([
    command('EnrollMember', enrollData({ acquisitionDate: '2026-04-01', cardLinkage: { linkedOn: '2025-01-10' } })),
    command('RecognizeDependant', dependantData({ recognizedFrom: '2026-05-01' })),
    command('RequestCardLinkageCancellation', { personId: 'insured', requestedOn: '2026-05-20' }),
    command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2026-12-31' }),
  ]);
  const state = given(history).state;

  it('domain.md 6: the insured proves eligibility by the linked card until the cancellation, then by the document', () => {
    expect(coverageOn(state, 'insured', '2026-03-31')).toEqual({ covered: false, document: null });
    expect(coverageOn(state, 'insured', '2026-06-29')).toEqual({ covered: true, document: 'linked-card' });
    expect(coverageOn(state, 'insured', '2026-06-30')).toEqual({
      covered: true,
      document: 'eligibility-confirmation-document',
    });
  });

  it('domain.md 3.1, 6.4: nobody is covered from the loss date and the returned documents no longer count', () => {
    expect(coverageOn(state, 'insured', '2026-12-31').covered).toBe(true);
    expect(coverageOn(state, 'insured', '2027-01-01')).toEqual({ covered: false, document: null });
    expect(coverageOn(state, 'd-1', '2026-12-31')).toEqual({
      covered: true,
      document: 'eligibility-confirmation-document',
    });
    expect(coverageOn(state, 'd-1', '2027-01-01')).toEqual({ covered: false, document: null });
    expect(coverageOn(state, 'nobody', '2026-06-01')).toEqual({ covered: false, document: null });
  });

  it('lists the persons with only the vault references of their numbers (no digits)', () => {
    const persons = personsOf(state);
    expect(persons.map((p) => [p.personId, p.role, p.branch, p.individualNumberRef, p.current])).toEqual([
      ['insured', 'insured', '00', 'ref-insured', false],
      ['d-1', 'dependant', '01', 'ref-spouse', false],
    ]);
    expect(JSON.stringify(persons)).not.toContain('ciphertext');
  });
});
