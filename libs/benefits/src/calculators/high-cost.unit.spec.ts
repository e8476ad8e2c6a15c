import { describe, expect, it } from '@jest/globals';
import {
  calculateHighCost70to74,
  calculateHighCostForReceipt,
  calculateHouseholdHighCost,
  isManyTimes,
  type BracketFacts,
  type HighCostContext,
} from './high-cost.js';

const ctx = (bracket: Partial<BracketFacts> = {}, manyTimes = false): HighCostContext => ({
  month: '2025-05',
  manyTimes,
  onePercentRounding: 'half_up',
  bracket: { ageGroup: 'under-70', insuredSmr: 410_000, lowIncome: null, ...bracket },
});
const limitOf = (calc: ReturnType<typeof calculateHighCostForReceipt>) =>
  calc.breakdown.steps.find((s) => s.step.startsWith('limit'))?.value;

describe('high-cost medical care benefit (高額療養費), under 70', () => {
  it('domain.md 4.5: bracket ウ, total cost 1,000,000 → limit 87,430; co-payment 300,000 → benefit 212,570', () => {
    const calc = calculateHighCostForReceipt({ totalMedicalCost: 1_000_000, copayment: 300_000 }, ctx());
    expect(limitOf(calc)).toBe(87_430);
    expect(calc.amount).toBe(212_570);
  });

  it('domain.md 4.5: brackets ア and イ use their own base and threshold', () => {
    const receipt = { totalMedicalCost: 1_000_000, copayment: 300_000 };
    expect(limitOf(calculateHighCostForReceipt(receipt, ctx({ insuredSmr: 830_000 })))).toBe(252_600 + 1_580);
    expect(limitOf(calculateHighCostForReceipt(receipt, ctx({ insuredSmr: 790_000 })))).toBe(167_400 + 4_420);
  });

  it('domain.md 4.5: bracket boundaries follow the insured SMR (500,000 ウ, 530,000 イ, 260,000 エ, 280,000 ウ)', () => {
    const receipt = { totalMedicalCost: 300_000, copayment: 90_000 };
    const bracket = (insuredSmr: number) =>
      calculateHighCostForReceipt(receipt, ctx({ insuredSmr })).breakdown.references[0]!.row['bracket'];
    expect([500_000, 530_000, 260_000, 280_000].map(bracket)).toEqual(['ウ', 'イ', 'エ', 'ウ']);
  });

  it('domain.md 4.5: bracket エ is a flat 57,600 and オ (low income) 35,400', () => {
    expect(
      calculateHighCostForReceipt({ totalMedicalCost: 300_000, copayment: 90_000 }, ctx({ insuredSmr: 260_000 }))
        .amount,
    ).toBe(90_000 - 57_600);
    expect(
      calculateHighCostForReceipt(
        { totalMedicalCost: 300_000, copayment: 90_000 },
        ctx({ insuredSmr: 260_000, lowIncome: 'low-income' }),
      ).amount,
    ).toBe(90_000 - 35_400);
  });

  it('domain.md 4.5 多数回該当: from the 4th month in 12 the ウ limit is 44,400', () => {
    const calc = calculateHighCostForReceipt({ totalMedicalCost: 1_000_000, copayment: 300_000 }, ctx({}, true));
    expect(calc.amount).toBe(300_000 - 44_400);
  });

  it('domain.md 4.5 多数回該当 (施行令42条): 3 benefit months within the 12 up to and including the treatment month', () => {
    // Treatment in 2025-05: the window is 2024-06..2025-04 (the old reading counted 2024-05, a 13th month).
    expect(isManyTimes('2025-05', ['2024-06', '2024-09', '2025-01'])).toBe(true);
    expect(isManyTimes('2025-05', ['2024-05', '2024-09', '2025-01'])).toBe(false);
    expect(isManyTimes('2025-05', ['2024-04', '2024-09', '2025-01'])).toBe(false);
    expect(isManyTimes('2025-05', ['2025-05', '2024-09', '2025-01'])).toBe(false);
    // domain.md 4.5's example: treatment in 2026-04, window 2025-05..2026-03; a benefit month of 2025-04 does not count.
    expect(isManyTimes('2026-04', ['2025-05', '2025-10', '2026-03'])).toBe(true);
    expect(isManyTimes('2026-04', ['2025-04', '2025-10', '2026-03'])).toBe(false);
  });

  it('domain.md 4.5 UNCONFIRMED: the 1 % term is rounded per the setting', () => {
    const receipt = { totalMedicalCost: 300_050, copayment: 90_015 };
    expect(limitOf(calculateHighCostForReceipt(receipt, ctx()))).toBe(80_100 + 331); // 330.5 half up
    expect(limitOf(calculateHighCostForReceipt(receipt, { ...ctx(), onePercentRounding: 'floor' }))).toBe(80_100 + 330);
  });

  it('a co-payment above the total cost is refused', () => {
    expect(() => calculateHighCostForReceipt({ totalMedicalCost: 1_000, copayment: 2_000 }, ctx())).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});

describe('household aggregation (世帯合算), under 70', () => {
  it('domain.md 4.5: co-payments of 21,000 or more are added up; smaller ones are not', () => {
    // ウ: 3 receipts; 20,000 is below the threshold. Aggregated: 60,000 + 45,000 on cost 350,000 → limit 80,100 + 830.
    const calc = calculateHouseholdHighCost(
      [
        { totalMedicalCost: 200_000, copayment: 60_000, individualBenefit: 0 },
        { totalMedicalCost: 150_000, copayment: 45_000, individualBenefit: 0 },
        { totalMedicalCost: 66_000, copayment: 20_000, individualBenefit: 0 },
      ],
      ctx(),
    );
    expect(calc.amount).toBe(105_000 - 80_930);
  });

  it('domain.md 4.5: the threshold is inclusive (21,000 counts)', () => {
    const calc = calculateHouseholdHighCost(
      [
        { totalMedicalCost: 70_000, copayment: 21_000, individualBenefit: 0 },
        { totalMedicalCost: 200_000, copayment: 60_000, individualBenefit: 0 },
      ],
      ctx({ insuredSmr: 260_000 }),
    );
    expect(calc.amount).toBe(81_000 - 57_600);
  });

  it('domain.md 4.5: individual benefits already due are deducted', () => {
    const calc = calculateHouseholdHighCost(
      [
        { totalMedicalCost: 1_000_000, copayment: 300_000, individualBenefit: 212_570 },
        { totalMedicalCost: 100_000, copayment: 30_000, individualBenefit: 0 },
      ],
      ctx(),
    );
    // cost 1,100,000 → limit 80,100 + 8,330 = 88,430; 330,000 − 88,430 = 241,570; minus 212,570 = 29,000.
    expect(calc.amount).toBe(29_000);
  });

  it('a single receipt above the threshold gives nothing more', () => {
    expect(
      calculateHouseholdHighCost(
        [{ totalMedicalCost: 1_000_000, copayment: 300_000, individualBenefit: 212_570 }],
        ctx(),
      ).amount,
    ).toBe(0);
  });
});

describe('high-cost medical care benefit, 70-74', () => {
  const c70 = (insuredSmr: number, lowIncome: BracketFacts['lowIncome'] = null, manyTimes = false) =>
    ctx({ ageGroup: '70-74', insuredSmr, lowIncome }, manyTimes);

  it('domain.md 4.5 70-74 一般: outpatient individual limit 18,000 across institutions', () => {
    const calc = calculateHighCost70to74(
      [
        { setting: 'outpatient', totalMedicalCost: 100_000, copayment: 20_000 },
        { setting: 'outpatient', totalMedicalCost: 50_000, copayment: 10_000 },
      ],
      c70(260_000),
    );
    expect(calc.amount).toBe(12_000);
  });

  it('domain.md 4.5 70-74 一般: then inpatient + outpatient above 57,600', () => {
    const calc = calculateHighCost70to74(
      [
        { setting: 'outpatient', totalMedicalCost: 100_000, copayment: 20_000 },
        { setting: 'inpatient', totalMedicalCost: 400_000, copayment: 80_000 },
      ],
      c70(260_000),
    );
    // outpatient 20,000 − 18,000 = 2,000; then (100,000 − 2,000) − 57,600 = 40,400.
    expect(calc.amount).toBe(42_400);
  });

  it('domain.md 4.5 70-74 現役並みⅠ uses 80,100 + 1 % with no outpatient limit; 低所得Ⅰ 8,000 / 15,000', () => {
    expect(
      calculateHighCost70to74([{ setting: 'inpatient', totalMedicalCost: 1_000_000, copayment: 300_000 }], c70(410_000))
        .amount,
    ).toBe(212_570);
    expect(
      calculateHighCost70to74(
        [
          { setting: 'outpatient', totalMedicalCost: 50_000, copayment: 10_000 },
          { setting: 'inpatient', totalMedicalCost: 100_000, copayment: 20_000 },
        ],
        c70(260_000, 'low-income-1'),
      ).amount,
    ).toBe(2_000 + (28_000 - 15_000));
  });
});
