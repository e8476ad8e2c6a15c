import type { EffectiveDated } from '@kenpo/kernel';

/** 出産育児一時金 per baby, by birth date (domain.md 4.3 [P51] [P51b]). */
export interface ChildbirthGrantAmounts {
  /** Delivery under the obstetric compensation system (産科医療補償制度), 22 weeks or more. */
  withObstetricCompensation: number;
  /** Outside the system, or fewer than 22 weeks. */
  withoutObstetricCompensation: number;
}

export const CHILDBIRTH_GRANT: readonly EffectiveDated<ChildbirthGrantAmounts>[] = [
  // The 408,000 figure dates from 2022-01-01 (not dated by domain.md, which only says "before 2023-04-01"):
  // births before then are refused rather than paid a guessed amount, and are time-barred anyway (4.9).
  { from: '2022-01-01', value: { withObstetricCompensation: 420_000, withoutObstetricCompensation: 408_000 } },
  { from: '2023-04-01', value: { withObstetricCompensation: 500_000, withoutObstetricCompensation: 488_000 } },
];

/** 埋葬料 / 家族埋葬料 flat amount and 埋葬費 cap (domain.md 4.4 [P52] [P52b]), flat since the 2006-10 reform. */
export const FUNERAL_AMOUNT: readonly EffectiveDated<number>[] = [{ from: '2006-10-01', value: 50_000 }];

/** Pregnancy of at least 4 months (85 days) for the childbirth grant (domain.md 4.3 [P51b]). */
export const MIN_PREGNANCY_DAYS = 85;
