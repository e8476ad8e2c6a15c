// Statutory reference data shared by membership (grade on enrollment and revision) and benefits (averages).

import type { BusinessDate } from '../business-date.js';
import { inForceOn, type EffectiveDated } from '../effective-dated.js';

/** One grade of the health-insurance 標準報酬月額 table: remuneration in [from, to) maps to `amount`. */
export interface RemunerationGrade {
  grade: number;
  amount: number;
  from: number;
  /** Exclusive upper bound; null for the top grade. */
  to: number | null;
}

function buildTable(amounts: readonly number[], lowerBounds: readonly number[]): RemunerationGrade[] {
  return amounts.map((amount, i) => ({
    grade: i + 1,
    amount,
    from: i === 0 ? 0 : lowerBounds[i - 1]!,
    to: i < lowerBounds.length ? lowerBounds[i]! : null,
  }));
}

// domain.md 5 (健康保険法第40条, [C5], spot-checked [P65b] [P65c]). The 50-grade version dates from 2016-04-01
// (grades 48–50 added by the 2016 revision of 法40条); older tables are not held, so earlier dates are refused.
const GRADES_2016 = buildTable(
  [
    58_000, 68_000, 78_000, 88_000, 98_000, 104_000, 110_000, 118_000, 126_000, 134_000, 142_000, 150_000, 160_000,
    170_000, 180_000, 190_000, 200_000, 220_000, 240_000, 260_000, 280_000, 300_000, 320_000, 340_000, 360_000, 380_000,
    410_000, 440_000, 470_000, 500_000, 530_000, 560_000, 590_000, 620_000, 650_000, 680_000, 710_000, 750_000, 790_000,
    830_000, 880_000, 930_000, 980_000, 1_030_000, 1_090_000, 1_150_000, 1_210_000, 1_270_000, 1_330_000, 1_390_000,
  ],
  [
    63_000, 73_000, 83_000, 93_000, 101_000, 107_000, 114_000, 122_000, 130_000, 138_000, 146_000, 155_000, 165_000,
    175_000, 185_000, 195_000, 210_000, 230_000, 250_000, 270_000, 290_000, 310_000, 330_000, 350_000, 370_000, 395_000,
    425_000, 455_000, 485_000, 515_000, 545_000, 575_000, 605_000, 635_000, 665_000, 695_000, 730_000, 770_000, 810_000,
    855_000, 905_000, 955_000, 1_005_000, 1_055_000, 1_115_000, 1_175_000, 1_235_000, 1_295_000, 1_355_000,
  ],
);

export const STANDARD_REMUNERATION_TABLES: readonly EffectiveDated<readonly RemunerationGrade[]>[] = [
  { from: '2016-04-01', value: GRADES_2016 },
];

/** The table in force on a date, or null when the date precedes every table held. */
export function gradeTableOn(on: BusinessDate): readonly RemunerationGrade[] | null {
  if (STANDARD_REMUNERATION_TABLES.every((t) => t.from > on)) return null;
  return inForceOn(STANDARD_REMUNERATION_TABLES, on, 'standard remuneration table');
}

export function gradeForRemuneration(
  table: readonly RemunerationGrade[],
  monthlyRemuneration: number,
): RemunerationGrade {
  return table.find((g) => monthlyRemuneration >= g.from && (g.to === null || monthlyRemuneration < g.to))!;
}

export function gradeByNumber(table: readonly RemunerationGrade[], grade: number): RemunerationGrade | undefined {
  return table.find((g) => g.grade === grade);
}
