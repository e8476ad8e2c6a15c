import { describe, expect, it } from '@jest/globals';
import { ConflictError, RuleViolation, ValidationError } from '@kenpo/kernel';
import type { EnrollMember, MemberEvent } from './index.js';
import { command, enrollData, eventsOf, given, protectedNumber } from './testing.js';

const enroll = (overrides: Partial<EnrollMember['data']> = {}) =>
  command<EnrollMember>('EnrollMember', enrollData(overrides));

describe('EnrollMember (資格取得)', () => {
  it('domain.md 3.1, 5, 6.4, 6.5: records the insured with 枝番 00, grade 22 for 300,000 yen, a notification and a 資格確認書 without card linkage', () => {
    given([])
      .when(enroll())
      .then([
        {
          type: 'MemberEnrolled',
          data: {
            memberId: 'm-1',
            personId: 'insured',
            officeCode: 'OF-001',
            symbol: '1001',
            number: '25',
            branch: '00',
            name: '山田 太郎',
            nameKana: 'ヤマダ タロウ',
            dateOfBirth: '1985-06-15',
            sex: 'male',
            postalCode: '100-0001',
            address: '東京都千代田区千代田1-1',
            individualNumber: protectedNumber('insured'),
            acquisitionDate: '2026-04-01',
            standardRemuneration: {
              grade: 22,
              standardMonthlyRemuneration: 300_000,
              effectiveFrom: '2026-04',
              kind: 'acquisition',
              reportedRemuneration: 300_000,
            },
          },
        },
        {
          type: 'EligibilityNotificationIssued',
          data: {
            personId: 'insured',
            issuedOn: '2026-04-01',
            reason: 'enrollment',
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
            issuedOn: '2026-04-01',
            validFrom: '2026-04-01',
            validUntil: '2031-03-31',
            reason: 'no-card-linkage',
            symbol: '1001',
            number: '25',
            branch: '00',
          },
        },
      ]);
  });

  it('domain.md 6.4: a card already linked means no 資格確認書', () => {
    const events = given([])
      .when(enroll({ cardLinkage: { linkedOn: '2025-01-10' } }))
      .events();
    expect(events.map((e) => e.type)).toEqual(['MemberEnrolled', 'CardLinked', 'EligibilityNotificationIssued']);
  });

  it('domain.md 5: a grade can be given directly instead of the remuneration', () => {
    const [enrolled] = given([])
      .when(enroll({ remuneration: { grade: 50 } }))
      .events() as [Extract<MemberEvent, { type: 'MemberEnrolled' }>];
    expect(enrolled.data.standardRemuneration).toMatchObject({
      grade: 50,
      standardMonthlyRemuneration: 1_390_000,
      reportedRemuneration: null,
    });
  });

  it('domain.md 3.1: refuses a person aged 75 on the acquisition date (後期高齢者医療)', () => {
    const error = given([])
      .when(enroll({ dateOfBirth: '1951-04-01', acquisitionDate: '2026-04-01' }))
      .then(RuleViolation);
    expect(error).toMatchObject({ code: 'late_stage_elderly' });
  });

  it('domain.md 3.1: accepts a person the day before the 75th birthday', () => {
    const events = given([])
      .when(enroll({ dateOfBirth: '1951-04-02', acquisitionDate: '2026-04-01' }))
      .events();
    expect(events[0]!.type).toBe('MemberEnrolled');
  });

  it('validates kana, dates, the protected number and the remuneration together, without echoing values', () => {
    const error = given([])
      .when(
        enroll({
          nameKana: 'やまだ',
          dateOfBirth: '1985-02-30',
          individualNumber: { ref: '', ciphertext: '' },
          postalCode: '1000001x',
        }),
      )
      .then(ValidationError);
    expect(error.violations.map((v) => `${v.field}:${v.rule}`)).toEqual([
      'individualNumber.ref:required',
      'individualNumber.ciphertext:required',
      'nameKana:full_width_katakana',
      'dateOfBirth:business_date',
      'postalCode:postal_code',
    ]);
    expect(error.message).not.toContain('やまだ');
  });

  it('refuses both a grade and a remuneration, or a grade outside 1–50', () => {
    given([])
      .when(enroll({ remuneration: { grade: 3, monthlyRemuneration: 1 } as never }))
      .then(ValidationError);
    given([])
      .when(enroll({ remuneration: { grade: 51 } }))
      .then(RuleViolation);
  });

  it('conventions.md 5: re-sending the enrollment records nothing; a different one conflicts', () => {
    const history = eventsOf([enroll()]);
    given(history).when(enroll()).then([]);
    given(history)
      .when(enroll({ acquisitionDate: '2026-05-01' }))
      .then(ConflictError);
  });
});
