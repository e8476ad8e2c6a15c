import { describe, expect, it } from '@jest/globals';
import type { BusinessDate } from '@kenpo/kernel';
import { societySettings } from '../reference/society-settings.js';
import { calculateSicknessAllowance, waitingCompletedOn, type SicknessAllowanceInput } from './sickness-allowance.js';

const settings = societySettings();
// 260,000 × 12 up to 2025-05 and beyond → 5,780 yen/day (domain.md 4.1 example 2).
const history = Array.from({ length: 30 }, (_, i) => {
  const index = 2024 * 12 + i;
  return {
    month: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`,
    standardMonthlyRemuneration: 260_000,
  };
});
const input = (over: Partial<SicknessAllowanceInput> = {}): SicknessAllowanceInput => ({
  remunerationHistory: history,
  daysUnableToWork: [{ from: '2025-05-01', to: '2025-05-20' }],
  claimPeriod: { from: '2025-05-01', to: '2025-05-20' },
  previouslyPaidDays: 0,
  ...over,
});
const step = (calc: ReturnType<typeof calculateSicknessAllowance>, name: string) =>
  calc.breakdown.steps.find((s) => s.step === name)?.value;

describe('sickness allowance (傷病手当金)', () => {
  it('domain.md 4.1 待期: 3 consecutive days off, paid from the 4th day', () => {
    const calc = calculateSicknessAllowance(input(), settings);
    expect(step(calc, 'waiting period (3 consecutive days) completed on')).toBe('2025-05-03');
    expect(step(calc, 'days paid')).toBe(17);
    expect(calc.amount).toBe(17 * 5_780);
  });

  it('domain.md 4.1 待期: days off that are not consecutive do not complete the waiting period', () => {
    const days = new Set(['2025-05-01', '2025-05-02', '2025-05-04', '2025-05-05', '2025-05-07'] as BusinessDate[]);
    expect(waitingCompletedOn(days)).toBeNull();
    days.add('2025-05-06' as BusinessDate);
    expect(waitingCompletedOn(days)).toBe('2025-05-06');
  });

  it('domain.md 4.1: without a completed waiting period nothing is payable', () => {
    const calc = calculateSicknessAllowance(
      input({
        daysUnableToWork: [
          { from: '2025-05-01', to: '2025-05-02' },
          { from: '2025-05-04', to: '2025-05-05' },
        ],
      }),
      settings,
    );
    expect(calc.amount).toBe(0);
    expect(calc.breakdown.notes.join()).toContain('待期');
  });

  it('domain.md 4.1 salary paid: the difference when lower, nothing when not', () => {
    const calc = calculateSicknessAllowance(
      input({
        salaryPaid: [
          { from: '2025-05-04', to: '2025-05-05', dailyAmount: 2_000 },
          { from: '2025-05-06', to: '2025-05-06', dailyAmount: 6_000 },
        ],
      }),
      settings,
    );
    expect(step(calc, 'days paid')).toBe(16);
    expect(step(calc, 'days not paid: received at least the daily amount')).toBe(1);
    expect(calc.amount).toBe(14 * 5_780 + 2 * (5_780 - 2_000));
  });

  it('domain.md 4.1 coordination: maternity allowance has priority, only the excess is paid', () => {
    const calc = calculateSicknessAllowance(
      input({ maternityAllowancePaid: [{ from: '2025-05-11', to: '2025-05-20', dailyAmount: 5_000 }] }),
      settings,
    );
    expect(calc.amount).toBe(7 * 5_780 + 10 * 780);
  });

  it('domain.md 4.1 通算: start 2022-03-04 gives 549 payable days', () => {
    const h = Array.from({ length: 12 }, (_, i) => ({
      month: `2021-${String(i + 1).padStart(2, '0')}`,
      standardMonthlyRemuneration: 260_000,
    })).concat(
      Array.from({ length: 3 }, (_, i) => ({ month: `2022-0${i + 1}`, standardMonthlyRemuneration: 260_000 })),
    );
    const calc = calculateSicknessAllowance(
      input({
        remunerationHistory: h,
        daysUnableToWork: [{ from: '2022-03-01', to: '2023-12-31' }],
        claimPeriod: { from: '2022-03-01', to: '2023-12-31' },
      }),
      settings,
    );
    expect(step(calc, 'first payment day')).toBe('2022-03-04');
    expect(step(calc, 'days payable in total (1 year 6 months from the first payment day)')).toBe(549);
    expect(step(calc, 'days paid')).toBe(549);
    expect(calc.amount).toBe(549 * 5_780);
  });

  it('domain.md 4.1 通算: days paid by earlier claims count against the limit', () => {
    const calc = calculateSicknessAllowance(
      input({
        firstPaymentDay: '2024-01-10',
        previouslyPaidDays: 540,
        daysUnableToWork: [{ from: '2024-01-07', to: '2025-05-20' }],
        claimPeriod: { from: '2025-05-01', to: '2025-05-20' },
      }),
      settings,
    );
    // 2024-01-10 + 18 months → 547 days; 7 remain.
    expect(step(calc, 'days payable in total (1 year 6 months from the first payment day)')).toBe(547);
    expect(step(calc, 'days paid')).toBe(7);
    expect(step(calc, 'days beyond the cumulative limit')).toBe(13);
  });

  it('domain.md 4.1: a later claim needs the first payment day once days were paid', () => {
    expect(() => calculateSicknessAllowance(input({ previouslyPaidDays: 10 }), settings)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('domain.md 4.9: days before the first claimable day are time-barred and not paid', () => {
    const calc = calculateSicknessAllowance(input(), settings, { firstClaimableDay: '2025-05-11' as BusinessDate });
    expect(step(calc, 'days paid')).toBe(10);
    expect(step(calc, 'days time-barred (2 years, domain.md 4.9)')).toBe(7);
  });
});
