import { ValidationError, type BusinessDate, type EffectiveDated } from '@kenpo/kernel';
import { lookup } from './lookup.js';

/** domain.md 5 (健康保険法第40条, [C5]): the 50 standard monthly remuneration amounts, grade 1 first. */
const SMR_2016: readonly number[] = [
  58_000, 68_000, 78_000, 88_000, 98_000, 104_000, 110_000, 118_000, 126_000, 134_000,
  142_000, 150_000, 160_000, 170_000, 180_000, 190_000, 200_000, 220_000, 240_000, 260_000,
  280_000, 300_000, 320_000, 340_000, 360_000, 380_000, 410_000, 440_000, 470_000, 500_000,
  530_000, 560_000, 590_000, 620_000, 650_000, 680_000, 710_000, 750_000, 790_000, 830_000,
  880_000, 930_000, 980_000, 1_030_000, 1_090_000, 1_150_000, 1_210_000, 1_270_000, 1_330_000, 1_390_000,
];

// The 50-grade table dates from the 2016-04-01 revision; earlier tables are not held.
export const SMR_GRADE_TABLES: readonly EffectiveDated<readonly number[]>[] = [{ from: '2016-04-01', value: SMR_2016 }];

/** The grade (1-50) of a standard monthly remuneration amount in force on a date; other amounts are refused. */
export function smrGradeOf(amount: number, on: BusinessDate, field = 'standardMonthlyRemuneration'): number {
  const index = lookup(SMR_GRADE_TABLES, on, 'standard remuneration table').value.indexOf(amount);
  if (index < 0) throw ValidationError.of(field, 'smr_table', 'must be an amount of the standard monthly remuneration table');
  return index + 1;
}
