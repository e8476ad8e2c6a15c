import { describe, expect, it } from '@jest/globals';
import type { BusinessDate } from '@kenpo/kernel';
import { societySettings } from '../reference/society-settings.js';
import { Trace } from './breakdown.js';
import { dailyAllowanceAmount, type MonthlySmr } from './daily-allowance.js';

/** SMRs for the 12 months ending 2025-06, oldest first. */
function history(amounts: number[], lastMonth = 6, year = 2025): MonthlySmr[] {
  return amounts.map((amount, i) => {
    const index = year * 12 + (lastMonth - 1) - (amounts.length - 1 - i);
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    return { month, standardMonthlyRemuneration: amount };
  });
}
const firstPaymentDay = '2025-06-10' as BusinessDate;
const daily = (h: MonthlySmr[], settings = societySettings()) => {
  const trace = new Trace('test', {});
  const amount = dailyAllowanceAmount(h, firstPaymentDay, settings, trace);
  return { amount, trace: trace.done(amount).breakdown };
};

describe('daily amount of the sickness / maternity allowance', () => {
  it('domain.md 4.1 example 1: 300,000 × 6 + 320,000 × 6 → 10,330 → 6,887 yen/day', () => {
    const { amount, trace } = daily(history([...Array(6).fill(300_000), ...Array(6).fill(320_000)]));
    expect(amount).toBe(6_887);
    expect(trace.steps.filter((s) => s.rounding).map((s) => [s.value, s.rounding!.before])).toEqual([
      [10_330, 10_333.333333],
      [6_887, 6_886.666667],
    ]);
  });

  it('domain.md 4.1 example 2: 260,000 × 12 → 8,670 → 5,780 yen/day', () => {
    expect(daily(history(Array(12).fill(260_000))).amount).toBe(5_780);
  });

  it('domain.md 4.1 example 3: 410,000 × 3 + 440,000 × 9 → 14,420 → 9,613 yen/day', () => {
    expect(daily(history([...Array(3).fill(410_000), ...Array(9).fill(440_000)])).amount).toBe(9_613);
  });

  it('domain.md 4.1: only the 12 months up to the month of the first payment day count', () => {
    // An older, higher SMR outside the window must not raise the average.
    const h = [{ month: '2024-06', standardMonthlyRemuneration: 1_390_000 }, ...history(Array(12).fill(260_000))];
    expect(daily(h).amount).toBe(5_780);
  });

  it('domain.md 4.1: fewer than 12 months uses the all-insured average when it is lower', () => {
    const settings = societySettings({ allInsuredAverageSmr: [{ from: '2016-04-01', value: 300_000 }] });
    // own average 410,000 > 300,000 → 300,000 / 30 = 10,000 → 6,666.67 → 6,667
    const { amount, trace } = daily(history(Array(4).fill(410_000)), settings);
    expect(amount).toBe(6_667);
    expect(trace.references.some((r) => r.table === 'society.allInsuredAverageSmr')).toBe(true);
  });

  it('domain.md 4.1: fewer than 12 months keeps the own average when it is lower', () => {
    // 200,000 / 30 = 6,666.67 → 6,670 → 4,446.67 → 4,447
    expect(daily(history(Array(5).fill(200_000))).amount).toBe(4_447);
  });

  it('domain.md 4.1 UNCONFIRMED rounding: truncation of the 2/3 step is a setting', () => {
    const settings = societySettings({
      dailyAllowanceRounding: { perDay: { unit: 10, mode: 'half_up' }, twoThirds: { unit: 1, mode: 'floor' } },
    });
    expect(daily(history([...Array(6).fill(300_000), ...Array(6).fill(320_000)]), settings).amount).toBe(6_886);
  });

  it('domain.md 5: an amount outside the 50-grade table is refused', () => {
    expect(() => daily(history(Array(12).fill(305_000)))).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});
