import { describe, expect, it } from '@jest/globals';
import { deriveAutomaticBenefits, type AutomaticBenefitContext, type MedicalCostRecord } from './automatic-benefits.js';
import type { ClaimCommand } from './claim.commands.js';
import { createClaimDecider } from './claim.decide.js';
import { societySettings } from './reference/society-settings.js';
import { meta, system } from './test-support/commands.js';
import { scenario } from './test-support/given.js';

const record = (over: Partial<MedicalCostRecord>): MedicalCostRecord => ({
  memberId: 'm-1',
  personId: 'insured',
  month: '2025-05',
  institution: '1312345678',
  setting: 'inpatient',
  totalMedicalCost: 1_000_000,
  copaymentPaid: 300_000,
  ceilingAppliedAtCounter: false,
  ...over,
});
const context = (over: Partial<AutomaticBenefitContext['households'][number]> = {}): AutomaticBenefitContext => ({
  settings: societySettings(),
  households: [
    {
      memberId: 'm-1',
      insuredSmr: 410_000,
      lowIncome: null,
      ageGroups: { insured: 'under-70', 'dep-1': 'under-70', 'dep-2': '70-74' },
      highCostMonths: [],
      ...over,
    },
  ],
});
const summary = (records: MedicalCostRecord[], ctx = context()) =>
  deriveAutomaticBenefits(records, ctx).map((b) => [b.kind, b.scope, b.personId, b.amount]);

describe('deriveAutomaticBenefits', () => {
  it('domain.md 4.5 + 4.8: bracket ウ, cost 1,000,000, co-payment 300,000 → 高額療養費 212,570 and 付加給付 67,400', () => {
    expect(summary([record({})])).toEqual([
      ['high-cost-medical', 'receipt', 'insured', 212_570],
      ['additional-benefit', 'receipt', 'insured', 67_400],
    ]);
  });

  it('domain.md 4.5: the limit applied at the counter leaves only the add-on', () => {
    expect(summary([record({ copaymentPaid: 87_430, ceilingAppliedAtCounter: true })])).toEqual([
      ['additional-benefit', 'receipt', 'insured', 67_400],
    ]);
  });

  it('domain.md 4.5 多数回該当: a household with 3 benefit months in the previous 12 gets the 44,400 limit', () => {
    const benefits = deriveAutomaticBenefits(
      [record({})],
      context({ highCostMonths: ['2024-07', '2024-12', '2025-03'] }),
    );
    expect(benefits[0]!.amount).toBe(300_000 - 44_400);
  });

  it('domain.md 4.5 世帯合算: two receipts of ≥ 21,000 in the household are aggregated; a smaller one is not', () => {
    const records = [
      record({ personId: 'insured', setting: 'outpatient', totalMedicalCost: 200_000, copaymentPaid: 60_000 }),
      record({ personId: 'dep-1', institution: '1399999999', totalMedicalCost: 150_000, copaymentPaid: 45_000 }),
      record({
        personId: 'dep-1',
        institution: '1388888888',
        setting: 'outpatient',
        totalMedicalCost: 60_000,
        copaymentPaid: 18_000,
      }),
    ];
    const benefits = deriveAutomaticBenefits(records, context());
    const household = benefits.filter((b) => b.scope === 'household');
    // 105,000 − (80,100 + (350,000 − 267,000) × 1%) = 24,070; add-on: (105,000 − 24,070) − 2 × 20,000 = 40,930 → 40,900.
    expect(household.map((b) => [b.kind, b.amount])).toEqual([
      ['high-cost-medical', 24_070],
      ['additional-benefit', 40_900],
    ]);
    // The aggregated receipts get no add-on of their own; the 18,000 one stays below the threshold.
    expect(benefits.filter((b) => b.scope === 'receipt')).toEqual([]);
  });

  it('domain.md 4.5 70-74: a person of 70-74 is computed per person-month with the 一般 outpatient limit', () => {
    const records = [
      record({ personId: 'dep-2', setting: 'outpatient', totalMedicalCost: 100_000, copaymentPaid: 20_000 }),
      record({
        personId: 'dep-2',
        institution: '1377777777',
        setting: 'outpatient',
        totalMedicalCost: 50_000,
        copaymentPaid: 10_000,
      }),
    ];
    expect(summary(records, context({ insuredSmr: 260_000 }))).toEqual([
      ['high-cost-medical', 'person-month', 'dep-2', 12_000],
    ]);
  });

  it('keys are deterministic from member, person, month, institution and kind', () => {
    const [first, second] = [
      deriveAutomaticBenefits([record({})], context()),
      deriveAutomaticBenefits([record({})], context()),
    ];
    expect(first.map((b) => b.key)).toEqual(second.map((b) => b.key));
    expect(first[0]!.key).toBe('m-1:insured:2025-05:1312345678%2Finpatient:high-cost-medical');
    expect(new Set(first.map((b) => b.key)).size).toBe(first.length);
  });

  it('duplicate records and mixed months in one batch are refused', () => {
    expect(() => deriveAutomaticBenefits([record({}), record({})], context())).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
    expect(() =>
      deriveAutomaticBenefits([record({}), record({ month: '2025-06', institution: 'x' })], context()),
    ).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

const account = {
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary' as const,
  accountNumber: '1234567',
  holderName: 'ヤマダ タロウ',
};

describe('recording automatic benefits', () => {
  const { given } = scenario(createClaimDecider());
  const [benefit] = deriveAutomaticBenefits([record({})], context());
  const recordCommand = (): ClaimCommand => ({
    type: 'RecordAutomaticBenefit',
    metadata: meta(system),
    data: {
      claimId: 'uuid-v5-of-key',
      benefit: benefit!,
      preference: { method: 'public-funds' },
      paymentFacts: { publicFundsAccount: account, insuredDiedOn: null },
    },
  });

  it('domain.md 4.5: an automatic benefit is recorded and approved by its rule', () => {
    const { events } = given([]).when(recordCommand());
    expect(events!.map((e) => e.type)).toEqual(['AutomaticBenefitRecorded', 'BenefitClaimApprovedByRule']);
    expect(events![1]).toMatchObject({ data: { rule: 'high-cost-per-receipt', amount: 212_570, memberId: 'm-1' } });
  });

  it('re-sending the same batch creates nothing twice (once per key)', () => {
    const first = given([]).when(recordCommand()).events!;
    expect(given(first).when(recordCommand()).events).toEqual([]);
  });
});
