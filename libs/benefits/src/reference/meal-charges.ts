import type { EffectiveDated } from '@kenpo/kernel';

export type MealCategory =
  'general' | 'low-income' | 'low-income-long-stay' | 'low-income-1' | 'designated-intractable';

/** 入院時食事療養 standard charge per meal paid by the patient (domain.md 4.6 [P58] [P58b] [P58c]). */
export const MEAL_STANDARD_CHARGES: readonly EffectiveDated<Readonly<Record<MealCategory, number | null>>>[] = [
  // Only the column "until 2024-05" is sourced for the earlier period; its start date is not held, so it is
  // entered from 2016-04-01 and the categories without a value there are refused (null).
  {
    from: '2016-04-01',
    value: {
      general: 460,
      'low-income': 210,
      'low-income-long-stay': null,
      'low-income-1': 100,
      'designated-intractable': null,
    },
  },
  {
    from: '2024-06-01',
    value: {
      general: 490,
      'low-income': 230,
      'low-income-long-stay': 180,
      'low-income-1': 110,
      'designated-intractable': 280,
    },
  },
  {
    from: '2025-04-01',
    value: {
      general: 510,
      'low-income': 240,
      'low-income-long-stay': 190,
      'low-income-1': 110,
      'designated-intractable': 300,
    },
  },
];

export const MAX_MEALS_PER_DAY = 3;
