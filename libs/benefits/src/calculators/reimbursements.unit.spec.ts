import { describe, expect, it } from '@jest/globals';
import type { BusinessDate } from '@kenpo/kernel';
import { copaymentCategoryOn } from '../reference/copayment-shares.js';
import { societySettings } from '../reference/society-settings.js';
import { calculateAdditionalBenefit } from './additional-benefit.js';
import { calculateInpatientMeals } from './inpatient-meals.js';
import { calculatePremiumRefund } from './premium-refund.js';
import { calculateReimbursement } from './reimbursement.js';
import { calculateTransport } from './transport.js';

const settings = societySettings();
const d = (s: string) => s as BusinessDate;

describe('co-payment shares by age (domain.md 4.7)', () => {
  it('domain.md 4.7: pre-school lasts to the 31 March after the day before the 6th birthday', () => {
    expect(copaymentCategoryOn(d('2019-04-01'), d('2025-03-31'), false)).toBe('pre-school');
    expect(copaymentCategoryOn(d('2019-04-01'), d('2025-04-01'), false)).toBe('working-age');
    expect(copaymentCategoryOn(d('2019-04-02'), d('2025-04-01'), false)).toBe('pre-school');
  });

  it('domain.md 4.7: 70-74 applies from the month after the 70th birthday month (the birthday month when born on the 1st)', () => {
    expect(copaymentCategoryOn(d('1955-05-15'), d('2025-05-31'), false)).toBe('working-age');
    expect(copaymentCategoryOn(d('1955-05-15'), d('2025-06-01'), false)).toBe('70-74');
    expect(copaymentCategoryOn(d('1955-05-01'), d('2025-05-01'), true)).toBe('70-74-active-income');
    // Born on the 2nd: 70 is reached on 1 May (the day before the birthday), so the share changes in June, as
    // 高齢受給者 (ElderlyRecipientCertified) and the 70-74 high-cost brackets do (issue 12.2).
    expect(copaymentCategoryOn(d('1955-05-02'), d('2025-05-31'), false)).toBe('working-age');
    expect(copaymentCategoryOn(d('1955-05-02'), d('2025-06-01'), false)).toBe('70-74');
  });
});

describe('reimbursements (療養費, 訪問看護療養費, 入院時食事療養費, 移送費)', () => {
  const base = { treatmentDate: '2025-04-10', paidOn: '2025-04-10', recognizedCost: 30_000, amountPaid: 32_000 };

  it('domain.md 4.7: a working-age patient is reimbursed 7 tenths of the recognised cost', () => {
    expect(calculateReimbursement({ ...base, patientBirthDate: '1985-01-01' }, settings).amount).toBe(21_000);
  });

  it('domain.md 4.7: pre-school and 70-74 are reimbursed 8 tenths; 70-74 現役並み 7 tenths', () => {
    expect(calculateReimbursement({ ...base, patientBirthDate: '2021-01-01' }, settings).amount).toBe(24_000);
    expect(calculateReimbursement({ ...base, patientBirthDate: '1953-01-01' }, settings).amount).toBe(24_000);
    expect(
      calculateReimbursement({ ...base, patientBirthDate: '1953-01-01', activeIncome: true }, settings).amount,
    ).toBe(21_000);
  });

  it('domain.md 4.7: the recognised cost is capped by what was paid; the co-payment rounds to 10 yen by default', () => {
    // min(30,000, 12,345) = 12,345; 3 tenths = 3,703.5 → 3,700; 12,345 − 3,700 = 8,645
    expect(
      calculateReimbursement({ ...base, amountPaid: 12_345, patientBirthDate: '1985-01-01' }, settings).amount,
    ).toBe(8_645);
  });

  it('domain.md 4.6: meals are reimbursed at standard cost − standard charge (510 from 2025-04)', () => {
    const calc = calculateInpatientMeals(
      {
        stay: { from: '2025-04-01', to: '2025-04-05' },
        meals: 15,
        category: 'general',
        amountPaid: 15 * 690,
        paidOn: '2025-04-06',
      },
      settings,
    );
    expect(calc.amount).toBe(15 * (690 - 510));
    expect(calc.breakdown.references[0]).toMatchObject({ effectiveFrom: '2025-04-01', row: { perMeal: 510 } });
  });

  it('domain.md 4.6: the charge in force on the stay applies (490 from 2024-06) and at most 3 meals a day', () => {
    const calc = calculateInpatientMeals(
      {
        stay: { from: '2024-07-01', to: '2024-07-02' },
        meals: 6,
        category: 'general',
        amountPaid: 6 * 670,
        paidOn: '2024-07-03',
      },
      settings,
    );
    expect(calc.amount).toBe(6 * (670 - 490));
    expect(() =>
      calculateInpatientMeals(
        {
          stay: { from: '2024-07-01', to: '2024-07-02' },
          meals: 7,
          category: 'general',
          amountPaid: 7_000,
          paidOn: '2024-07-03',
        },
        settings,
      ),
    ).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('domain.md 4.7: transport is the assessed cost capped by the actual cost, without co-payment', () => {
    expect(
      calculateTransport({
        transportDate: '2025-04-10',
        paidOn: '2025-04-10',
        assessedCost: 18_000,
        actualCost: 25_000,
      }).amount,
    ).toBe(18_000);
    expect(
      calculateTransport({
        transportDate: '2025-04-10',
        paidOn: '2025-04-10',
        assessedCost: 18_000,
        actualCost: 12_000,
      }).amount,
    ).toBe(12_000);
  });
});

describe('additional benefits (付加給付, domain.md 4.8)', () => {
  it('domain.md 4.8: co-payment − 20,000 per receipt, fractions below 100 cut', () => {
    expect(calculateAdditionalBenefit({ copayment: 87_430, highCostBenefit: 0, receipts: 1 }, settings).amount).toBe(
      67_400,
    );
  });

  it('domain.md 4.8: the high-cost benefit is deducted first', () => {
    expect(
      calculateAdditionalBenefit({ copayment: 300_000, highCostBenefit: 212_570, receipts: 1 }, settings).amount,
    ).toBe(67_400);
  });

  it('domain.md 4.8: below the minimum payout (1,000 by default) nothing is paid', () => {
    expect(calculateAdditionalBenefit({ copayment: 20_900, highCostBenefit: 0, receipts: 1 }, settings).amount).toBe(0);
    expect(calculateAdditionalBenefit({ copayment: 21_000, highCostBenefit: 0, receipts: 1 }, settings).amount).toBe(
      1_000,
    );
  });

  it('domain.md 4.8: a 25,000 threshold and a 500 minimum are settings', () => {
    const s = societySettings({
      additionalBenefit: { ...settings.additionalBenefit, thresholdPerReceipt: 25_000, minimumPayout: 500 },
    });
    expect(calculateAdditionalBenefit({ copayment: 25_650, highCostBenefit: 0, receipts: 1 }, s).amount).toBe(600);
  });
});

describe('refund of prepaid voluntary-continuation premiums (domain.md 3.2)', () => {
  const prepaid = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09'].map((month) => ({
    month,
    amountPaid: 30_000,
  }));

  it('domain.md 3.2: on a loss by employment the months from the month of the loss date are refunded', () => {
    const calc = calculatePremiumRefund(
      { lossDate: '2025-07-15', reason: 'insured-elsewhere', prepaidMonths: prepaid },
      settings,
    );
    expect(calc.amount).toBe(3 * 30_000);
  });

  it("domain.md 3.2: a refund on withdrawal at the member's request depends on the society", () => {
    const input = { lossDate: '2025-08-01', reason: 'own-request' as const, prepaidMonths: prepaid };
    expect(calculatePremiumRefund(input, settings).amount).toBe(60_000);
    expect(calculatePremiumRefund(input, societySettings({ refundPrepaidPremiumsOnOwnRequest: false })).amount).toBe(0);
  });
});

describe('society settings', () => {
  it('impossible settings are refused at boot', () => {
    expect(() =>
      societySettings({ additionalBenefit: { ...settings.additionalBenefit, thresholdPerReceipt: -1 } }),
    ).toThrow(expect.objectContaining({ code: 'invalid_society_settings' }));
  });
});
