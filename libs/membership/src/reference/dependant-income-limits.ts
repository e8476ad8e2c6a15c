import { inForceOn, type BusinessDate, type EffectiveDated } from '@kenpo/kernel';

/** Dependant recognition rules that change over time (domain.md 3.3). Income limits are exclusive ("less than"). */
export interface DependantRules {
  generalIncomeLimit: number;
  /** Aged 60 or over, or disabled to the degree of 障害厚生年金. */
  sixtyOrOverOrDisabledIncomeLimit: number;
  /** Ages 19–22 (age at 12/31 of the year), not the spouse; null before 2025-10-01. */
  age19To22IncomeLimit: number | null;
  /** 国内居住要件, from 2020-04-01 (保保発1113第1号). */
  domesticResidenceRequired: boolean;
  /** 後期高齢者医療: nobody of this age or older can be a dependant. */
  excludedFromAge: number;
}

// The 1.3M / 1.8M limits predate every record this system holds; their start date is not sourced, hence 1900.
export const DEPENDANT_RULES: readonly EffectiveDated<DependantRules>[] = [
  {
    from: '1900-01-01',
    value: {
      generalIncomeLimit: 1_300_000,
      sixtyOrOverOrDisabledIncomeLimit: 1_800_000,
      age19To22IncomeLimit: null,
      domesticResidenceRequired: false,
      excludedFromAge: 75,
    },
  },
  {
    from: '2020-04-01',
    value: {
      generalIncomeLimit: 1_300_000,
      sixtyOrOverOrDisabledIncomeLimit: 1_800_000,
      age19To22IncomeLimit: null,
      domesticResidenceRequired: true,
      excludedFromAge: 75,
    },
  },
  {
    from: '2025-10-01',
    value: {
      generalIncomeLimit: 1_300_000,
      sixtyOrOverOrDisabledIncomeLimit: 1_800_000,
      age19To22IncomeLimit: 1_500_000,
      domesticResidenceRequired: true,
      excludedFromAge: 75,
    },
  },
];

export function dependantRulesOn(on: BusinessDate): DependantRules {
  return inForceOn(DEPENDANT_RULES, on, 'dependant recognition rules');
}
