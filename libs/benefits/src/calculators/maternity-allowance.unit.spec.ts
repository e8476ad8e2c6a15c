import { describe, expect, it } from '@jest/globals';
import type { BusinessDate } from '@kenpo/kernel';
import { societySettings } from '../reference/society-settings.js';
import { calculateMaternityAllowance, maternityPeriod, type MaternityAllowanceInput } from './maternity-allowance.js';

const history = Array.from({ length: 24 }, (_, i) => {
  const index = 2024 * 12 + i;
  return {
    month: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`,
    standardMonthlyRemuneration: 260_000,
  };
});
const d = (s: string) => s as BusinessDate;
const input = (over: Partial<MaternityAllowanceInput>): MaternityAllowanceInput => ({
  remunerationHistory: history,
  expectedBirthDate: '2025-06-10',
  actualBirthDate: '2025-06-10',
  multiplePregnancy: false,
  daysOffWork: [{ from: '2025-03-01', to: '2025-09-30' }],
  claimPeriod: { from: '2025-03-01', to: '2025-09-30' },
  ...over,
});

describe('maternity allowance (出産手当金)', () => {
  it('domain.md 4.2: 42 days up to the birth and 56 after: 98 days at 5,780', () => {
    expect(maternityPeriod(d('2025-06-10'), d('2025-06-10'), false)).toEqual({ from: '2025-04-30', to: '2025-08-05' });
    expect(calculateMaternityAllowance(input({}), societySettings()).amount).toBe(98 * 5_780);
  });

  it('domain.md 4.1/4.2: sickness allowance already paid on its days counts as paid on account; paid days are listed', () => {
    const paid = [{ from: '2025-04-30', to: '2025-05-09', dailyAmount: 5_000 }];
    const calc = calculateMaternityAllowance(input({ sicknessAllowancePaid: paid }), societySettings());
    expect(calc.amount).toBe(98 * 5_780 - 10 * 5_000);
    expect(calc.paidDays).toEqual([
      { from: '2025-04-30', to: '2025-05-09', dailyAmount: 780 },
      { from: '2025-05-10', to: '2025-08-05', dailyAmount: 5_780 },
    ]);
  });

  it('domain.md 4.2: multiple pregnancy: 98 days before the birth', () => {
    expect(maternityPeriod(d('2025-06-10'), d('2025-06-10'), true).from).toBe('2025-03-05');
    expect(calculateMaternityAllowance(input({ multiplePregnancy: true }), societySettings()).amount).toBe(
      (98 + 56) * 5_780,
    );
  });

  it('domain.md 4.2 late birth: counted from the due date, the days until the birth are added', () => {
    const calc = calculateMaternityAllowance(input({ actualBirthDate: '2025-06-15' }), societySettings());
    expect(calc.breakdown.steps.find((s) => s.step.startsWith('late birth'))?.value).toBe(5);
    expect(calc.amount).toBe((42 + 5 + 56) * 5_780);
  });

  it('domain.md 4.2 early birth: the period is not extended after the birth', () => {
    expect(maternityPeriod(d('2025-06-10'), d('2025-06-01'), false)).toEqual({ from: '2025-04-21', to: '2025-07-27' });
    expect(calculateMaternityAllowance(input({ actualBirthDate: '2025-06-01' }), societySettings()).amount).toBe(
      98 * 5_780,
    );
  });

  it('domain.md 4.2 salary paid: the difference only', () => {
    const calc = calculateMaternityAllowance(
      input({ salaryPaid: [{ from: '2025-04-30', to: '2025-05-09', dailyAmount: 3_000 }] }),
      societySettings(),
    );
    expect(calc.amount).toBe(88 * 5_780 + 10 * 2_780);
  });

  it('domain.md 4.2: before the birth only the days up to the due date are payable', () => {
    const calc = calculateMaternityAllowance(
      input({ actualBirthDate: null, claimPeriod: { from: '2025-04-01', to: '2025-05-31' } }),
      societySettings(),
    );
    expect(calc.amount).toBe(32 * 5_780); // 2025-04-30 .. 2025-05-31
  });
});
