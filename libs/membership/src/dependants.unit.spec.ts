import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from '@kenpo/kernel';
import { incomeLimitFor, type MemberEvent, type RecognizeDependant, type RemoveDependant } from './index.js';
import { command, dependantData, enrollData, eventsOf, given, protectedNumber } from './testing.js';

const enrolled = eventsOf([
  command(
    'EnrollMember',
    enrollData({ acquisitionDate: '2025-04-01', remuneration: { monthlyRemuneration: 300_000 } }),
  ),
]);
const recognize = (overrides: Partial<RecognizeDependant['data']> = {}) =>
  command<RecognizeDependant>(
    'RecognizeDependant',
    dependantData({ recognizedFrom: '2025-10-01', ...overrides }),
    '2025-10-01T01:00:00.000Z',
  );
const refusalRules = (events: MemberEvent[]) => {
  const [refused] = events;
  if (refused?.type !== 'DependantRecognitionRefused') throw new Error(`expected a refusal, got ${refused?.type}`);
  return refused.data.reasons.map((r) => r.rule);
};

describe('RecognizeDependant (被扶養者認定)', () => {
  it('domain.md 3.3, 2.3, 6.4, 6.5: a spouse under the limits becomes dependant 01 with a notification and a 資格確認書', () => {
    given(enrolled)
      .when(recognize())
      .then([
        {
          type: 'DependantRecognized',
          data: {
            personId: 'd-1',
            dependantId: 'd-1',
            branch: '01',
            relationship: 'spouse',
            individualNumber: protectedNumber('spouse'),
            name: '山田 花子',
            nameKana: 'ヤマダ ハナコ',
            dateOfBirth: '1987-02-03',
            sex: 'female',
            expectedAnnualIncome: 1_000_000,
            sameHousehold: true,
            monthlyRemittance: null,
            residence: { inJapan: true, exception: null, excludedVisa: null },
            disabled: false,
            recognizedFrom: '2025-10-01',
          },
        },
        {
          type: 'EligibilityNotificationIssued',
          data: {
            personId: 'd-1',
            issuedOn: '2025-10-01',
            reason: 'dependant-recognized',
            symbol: '1001',
            number: '25',
            branch: '01',
            acquisitionDate: '2025-10-01',
          },
        },
        {
          type: 'EligibilityConfirmationDocumentIssued',
          data: {
            personId: 'd-1',
            issuedOn: '2025-10-01',
            validFrom: '2025-10-01',
            validUntil: '2030-09-30',
            reason: 'no-card-linkage',
            symbol: '1001',
            number: '25',
            branch: '01',
          },
        },
      ]);
  });

  it('domain.md 2.3: the next dependant gets 02 and a linked card means no document', () => {
    const first = [...enrolled, ...given(enrolled).when(recognize()).events()];
    const events = given(first)
      .when(
        recognize({
          dependantId: 'd-2',
          relationship: 'child',
          individualNumber: protectedNumber('child'),
          nameKana: 'ヤマダ イチロウ',
          dateOfBirth: '2015-05-05',
          expectedAnnualIncome: 0,
          cardLinkage: { linkedOn: '2025-06-01' },
        }),
      )
      .events();
    expect(events.map((e) => e.type)).toEqual(['DependantRecognized', 'CardLinked', 'EligibilityNotificationIssued']);
    expect(events[0]!.data).toMatchObject({ branch: '02' });
  });

  it('domain.md 3.3: income of 1,300,000 yen (not less than the limit) is refused with the reason', () => {
    const events = given(enrolled)
      .when(recognize({ expectedAnnualIncome: 1_300_000, insuredAnnualIncome: 6_000_000 }))
      .then([
        {
          type: 'DependantRecognitionRefused',
          data: {
            personId: 'd-1',
            dependantId: 'd-1',
            relationship: 'spouse',
            requestedFrom: '2025-10-01',
            reasons: [
              {
                rule: 'income_limit',
                field: 'expectedAnnualIncome',
                message: 'expected annual income must be less than 1,300,000 yen',
              },
            ],
          },
        },
      ]);
    expect(events).toHaveLength(1);
  });

  it('domain.md 3.3: 1,299,999 yen passes the general limit', () => {
    expect(
      given(enrolled)
        .when(recognize({ expectedAnnualIncome: 1_299_999, insuredAnnualIncome: 6_000_000 }))
        .events()[0]!.type,
    ).toBe('DependantRecognized');
  });

  it('domain.md 3.3: 1,800,000 yen for a person of 60 or over, or disabled', () => {
    expect(
      incomeLimitFor({
        relationship: 'parent',
        dateOfBirth: '1965-10-01',
        recognizedFrom: '2025-10-01',
        disabled: false,
      }),
    ).toBe(1_800_000);
    expect(
      incomeLimitFor({
        relationship: 'parent',
        dateOfBirth: '1965-10-02',
        recognizedFrom: '2025-10-01',
        disabled: false,
      }),
    ).toBe(1_300_000);
    expect(
      incomeLimitFor({
        relationship: 'sibling',
        dateOfBirth: '1990-01-01',
        recognizedFrom: '2025-10-01',
        disabled: true,
      }),
    ).toBe(1_800_000);
  });

  it('domain.md 3.3: 1,500,000 yen for ages 19–22 at 12/31, not the spouse, from 2025-10-01 only', () => {
    // 18 on 2025-10-01 but 19 on 2025-12-31: the year-end age decides.
    expect(
      incomeLimitFor({
        relationship: 'child',
        dateOfBirth: '2006-12-31',
        recognizedFrom: '2025-10-01',
        disabled: false,
      }),
    ).toBe(1_500_000);
    expect(
      incomeLimitFor({
        relationship: 'child',
        dateOfBirth: '2007-01-01',
        recognizedFrom: '2025-10-01',
        disabled: false,
      }),
    ).toBe(1_300_000);
    expect(
      incomeLimitFor({
        relationship: 'child',
        dateOfBirth: '2002-12-31',
        recognizedFrom: '2025-10-01',
        disabled: false,
      }),
    ).toBe(1_300_000);
    expect(
      incomeLimitFor({
        relationship: 'child',
        dateOfBirth: '2003-01-01',
        recognizedFrom: '2025-10-01',
        disabled: false,
      }),
    ).toBe(1_500_000);
    expect(
      incomeLimitFor({
        relationship: 'spouse',
        dateOfBirth: '2004-05-01',
        recognizedFrom: '2025-10-01',
        disabled: false,
      }),
    ).toBe(1_300_000);
    // Retroactive recognition before 2025-10-01 keeps 1.3M.
    expect(
      incomeLimitFor({
        relationship: 'child',
        dateOfBirth: '2004-05-01',
        recognizedFrom: '2025-09-30',
        disabled: false,
      }),
    ).toBe(1_300_000);
  });

  it('domain.md 3.3: a 20-year-old child with 1,400,000 yen is recognised from 2025-10-01, refused before', () => {
    const child = {
      dependantId: 'd-2',
      relationship: 'child' as const,
      dateOfBirth: '2005-06-01',
      expectedAnnualIncome: 1_400_000,
      insuredAnnualIncome: 6_000_000,
    };
    expect(given(enrolled).when(recognize(child)).events()[0]!.type).toBe('DependantRecognized');
    expect(
      refusalRules(
        given(enrolled)
          .when(recognize({ ...child, recognizedFrom: '2025-09-01' }))
          .events(),
      ),
    ).toEqual(['income_limit']);
  });

  it("domain.md 3.3: in the same household, income must be less than half the insured's", () => {
    expect(
      refusalRules(
        given(enrolled)
          .when(recognize({ expectedAnnualIncome: 1_000_000, insuredAnnualIncome: 2_000_000 }))
          .events(),
      ),
    ).toEqual(['half_of_insured_income']);
    expect(
      given(enrolled)
        .when(recognize({ expectedAnnualIncome: 999_999, insuredAnnualIncome: 2_000_000 }))
        .events()[0]!.type,
    ).toBe('DependantRecognized');
  });

  it('domain.md 3.3: the main-earner exception allows half or more, up to the insured income', () => {
    const events = given(enrolled)
      .when(recognize({ expectedAnnualIncome: 1_200_000, insuredAnnualIncome: 2_000_000, insuredIsMainEarner: true }))
      .events();
    expect(events[0]!.type).toBe('DependantRecognized');
  });

  it("domain.md 3.3, 5: without the insured's income, the standard monthly remuneration × 12 is used", () => {
    // Grade 22 (300,000) × 12 = 3,600,000; half is 1,800,000, so 1,200,000 passes, and with grade 1 (58,000 × 12) it fails.
    expect(
      given(enrolled)
        .when(recognize({ expectedAnnualIncome: 1_200_000, insuredAnnualIncome: null }))
        .events()[0]!.type,
    ).toBe('DependantRecognized');
    const low = eventsOf([
      command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01', remuneration: { grade: 1 } })),
    ]);
    expect(
      refusalRules(
        given(low)
          .when(recognize({ expectedAnnualIncome: 400_000, insuredAnnualIncome: null }))
          .events(),
      ),
    ).toEqual(['half_of_insured_income']);
  });

  it('domain.md 3.3: living apart, income must be less than the remittance', () => {
    const apart = {
      relationship: 'parent' as const,
      dateOfBirth: '1960-01-01',
      sameHousehold: false,
      expectedAnnualIncome: 1_000_000,
    };
    expect(
      refusalRules(
        given(enrolled)
          .when(recognize({ ...apart, monthlyRemittance: 80_000 }))
          .events(),
      ),
    ).toEqual(['less_than_remittance']);
    expect(
      refusalRules(
        given(enrolled)
          .when(recognize({ ...apart, monthlyRemittance: null }))
          .events(),
      ),
    ).toEqual(['less_than_remittance']);
    expect(
      given(enrolled)
        .when(recognize({ ...apart, monthlyRemittance: 90_000 }))
        .events()[0]!.type,
    ).toBe('DependantRecognized');
  });

  it('domain.md 3.3: group B relatives only in the same household; nobody of 75 or over; every failed rule listed', () => {
    const rules = refusalRules(
      given(enrolled)
        .when(
          recognize({
            relationship: 'other-relative-within-third-degree',
            dateOfBirth: '1950-01-01',
            sameHousehold: false,
            monthlyRemittance: 50_000,
            expectedAnnualIncome: 1_900_000,
          }),
        )
        .events(),
    );
    expect(rules).toEqual(['late_stage_elderly', 'same_household_required', 'income_limit', 'less_than_remittance']);
  });

  it('domain.md 3.3: residence abroad needs an exception from 2020-04-01; excluded visas are refused', () => {
    const abroad = { residence: { inJapan: false, exception: null, excludedVisa: null } };
    expect(refusalRules(given(enrolled).when(recognize(abroad)).events())).toEqual(['domestic_residence']);
    const student = { residence: { inJapan: false, exception: 'overseas-student' as const, excludedVisa: null } };
    expect(given(enrolled).when(recognize(student)).events()[0]!.type).toBe('DependantRecognized');
    const medical = { residence: { inJapan: true, exception: null, excludedVisa: 'medical-stay' as const } };
    expect(refusalRules(given(enrolled).when(recognize(medical)).events())).toEqual(['domestic_residence']);
  });

  it('conventions.md 5: re-sending a refused or a recognised dependant records nothing', () => {
    const refusedOnce = [
      ...enrolled,
      ...given(enrolled)
        .when(recognize({ expectedAnnualIncome: 2_000_000 }))
        .events(),
    ];
    given(refusedOnce)
      .when(recognize({ expectedAnnualIncome: 2_000_000 }))
      .then([]);
    // Corrected facts under the same id are decided afresh.
    expect(
      given(refusedOnce)
        .when(recognize({ expectedAnnualIncome: 900_000 }))
        .events()[0]!.type,
    ).toBe('DependantRecognized');
    const recognised = [...enrolled, ...given(enrolled).when(recognize()).events()];
    given(recognised).when(recognize()).then([]);
  });

  it("refuses the insured's own Individual Number (409), bad input (400), and a member not covered (422)", () => {
    given(enrolled)
      .when(recognize({ individualNumber: protectedNumber('insured') }))
      .then(ConflictError);
    const error = given(enrolled)
      .when(recognize({ relationship: 'friend' as never, nameKana: 'hanako', dependantId: 'insured' }))
      .then(ValidationError);
    expect(error.violations.map((v) => v.field)).toEqual(['dependantId', 'relationship', 'nameKana']);
    given(enrolled)
      .when(recognize({ recognizedFrom: '2025-03-01' }))
      .then(RuleViolation);
    const lost = eventsOf([
      command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01' })),
      command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2025-09-30' }),
    ]);
    expect(given(lost).when(recognize()).then(RuleViolation)).toMatchObject({ code: 'insured_not_covered' });
  });
});

describe('RemoveDependant', () => {
  const withSpouse = [...enrolled, ...given(enrolled).when(recognize()).events()];
  const remove = (data: RemoveDependant['data']) =>
    command<RemoveDependant>('RemoveDependant', data, '2026-02-10T01:00:00.000Z');

  it('domain.md 3.1, 6.4: records the reason and the loss date, and asks for the 資格確認書 back', () => {
    given(withSpouse)
      .when(remove({ dependantId: 'd-1', reason: 'income-exceeded', lossDate: '2026-02-01' }))
      .then([
        {
          type: 'DependantRemoved',
          data: { personId: 'd-1', dependantId: 'd-1', reason: 'income-exceeded', lossDate: '2026-02-01' },
        },
        {
          type: 'EligibilityConfirmationDocumentReturnRequested',
          data: {
            personId: 'd-1',
            requestedOn: '2026-02-10',
            validUntil: '2030-09-30',
            lossDate: '2026-02-01',
            reason: 'eligibility-lost',
          },
        },
      ]);
  });

  it('domain.md 3.3: a dependant reaching 75 is removed on the 75th birthday', () => {
    const parent = [
      ...enrolled,
      ...given(enrolled)
        .when(
          recognize({
            dependantId: 'p-1',
            relationship: 'parent',
            dateOfBirth: '1951-03-10',
            individualNumber: protectedNumber('parent'),
            expectedAnnualIncome: 500_000,
          }),
        )
        .events(),
    ];
    const [removed] = given(parent)
      .when(remove({ dependantId: 'p-1', reason: 'age-75' }))
      .events();
    expect(removed!.data).toMatchObject({ lossDate: '2026-03-10' });
  });

  it('conventions.md 5: removing again on the same date records nothing; an unknown dependant is 404', () => {
    const removed = [
      ...withSpouse,
      ...given(withSpouse)
        .when(remove({ dependantId: 'd-1', reason: 'divorce', lossDate: '2026-02-01' }))
        .events(),
    ];
    given(removed)
      .when(remove({ dependantId: 'd-1', reason: 'divorce', lossDate: '2026-02-01' }))
      .then([]);
    given(removed)
      .when(remove({ dependantId: 'd-1', reason: 'divorce', lossDate: '2026-03-01' }))
      .then(ConflictError);
    given(withSpouse)
      .when(remove({ dependantId: 'nobody', reason: 'other', lossDate: '2026-02-01' }))
      .then(NotFoundError);
  });
});
