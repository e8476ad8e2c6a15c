import type { EffectiveDated } from '@kenpo/kernel';

/** A monthly limit: `base`, plus 1 % of the total medical cost above `costThreshold` when one is given. */
export interface MonthlyLimit {
  base: number;
  costThreshold: number | null;
}

export type Under70Bracket = 'ア' | 'イ' | 'ウ' | 'エ' | 'オ';
export type Over70Bracket = '現役並みⅢ' | '現役並みⅡ' | '現役並みⅠ' | '一般' | '低所得Ⅱ' | '低所得Ⅰ';
export type HighCostBracket = Under70Bracket | Over70Bracket;

export interface BracketRow<B extends HighCostBracket> {
  bracket: B;
  /** Lowest standard monthly remuneration of the insured in the bracket; null for the low-income brackets. */
  minSmr: number | null;
  limit: MonthlyLimit;
  /** 多数回該当 limit from the 4th month in 12; null where none applies. */
  manyTimes: number | null;
  /** 70-74 only: outpatient limit per person, before household aggregation. */
  outpatientIndividual: number | null;
}

const linked = (base: number, costThreshold: number): MonthlyLimit => ({ base, costThreshold });
const flat = (base: number): MonthlyLimit => ({ base, costThreshold: null });

/** domain.md 4.5, under 70 [P53] [P54]; rows ordered from the highest SMR. */
export const UNDER_70_BRACKETS: readonly EffectiveDated<readonly BracketRow<Under70Bracket>[]>[] = [
  {
    from: '2015-01-01',
    value: [
      {
        bracket: 'ア',
        minSmr: 830_000,
        limit: linked(252_600, 842_000),
        manyTimes: 140_100,
        outpatientIndividual: null,
      },
      {
        bracket: 'イ',
        minSmr: 530_000,
        limit: linked(167_400, 558_000),
        manyTimes: 93_000,
        outpatientIndividual: null,
      },
      { bracket: 'ウ', minSmr: 280_000, limit: linked(80_100, 267_000), manyTimes: 44_400, outpatientIndividual: null },
      { bracket: 'エ', minSmr: 0, limit: flat(57_600), manyTimes: 44_400, outpatientIndividual: null },
      { bracket: 'オ', minSmr: null, limit: flat(35_400), manyTimes: 24_600, outpatientIndividual: null },
    ],
  },
];

/** domain.md 4.5, 70-74 from 2018-08 [P56] [P56b]; SMR criteria per [P54]. */
export const OVER_70_BRACKETS: readonly EffectiveDated<readonly BracketRow<Over70Bracket>[]>[] = [
  {
    from: '2018-08-01',
    value: [
      {
        bracket: '現役並みⅢ',
        minSmr: 830_000,
        limit: linked(252_600, 842_000),
        manyTimes: 140_100,
        outpatientIndividual: null,
      },
      {
        bracket: '現役並みⅡ',
        minSmr: 530_000,
        limit: linked(167_400, 558_000),
        manyTimes: 93_000,
        outpatientIndividual: null,
      },
      {
        bracket: '現役並みⅠ',
        minSmr: 280_000,
        limit: linked(80_100, 267_000),
        manyTimes: 44_400,
        outpatientIndividual: null,
      },
      { bracket: '一般', minSmr: 0, limit: flat(57_600), manyTimes: 44_400, outpatientIndividual: 18_000 },
      { bracket: '低所得Ⅱ', minSmr: null, limit: flat(24_600), manyTimes: null, outpatientIndividual: 8_000 },
      { bracket: '低所得Ⅰ', minSmr: null, limit: flat(15_000), manyTimes: null, outpatientIndividual: 8_000 },
    ],
  },
];

/** 世帯合算 (under 70): only per-receipt co-payments of at least this much are added up (domain.md 4.5 [P57]). */
export const HOUSEHOLD_AGGREGATION_THRESHOLD: readonly EffectiveDated<number>[] = [
  { from: '2015-01-01', value: 21_000 },
];

/**
 * 多数回該当 (健康保険法施行令42条, domain.md 4.5 [P54] [P56]): 「当該療養のあった月以前の十二月以内に既に高額療養費が
 * 支給されている月数が三月以上」: within the 12 months up to and including the treatment month, i.e. the 11 months
 * before it (the treatment month itself has no benefit paid yet). Treatment in 2026-04 → 2025-05..2026-03.
 */
export const MANY_TIMES = { previousMonths: 11, minMonthsWithBenefit: 3 } as const;
