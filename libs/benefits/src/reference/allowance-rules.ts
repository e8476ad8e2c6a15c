/** Statutory periods of the sickness and maternity allowances (domain.md 4.1, 4.2). */
export const ALLOWANCE_RULES = {
  /** 待期: 3 consecutive days off work before payment starts on the 4th (4.1 [P46]). */
  waitingDays: 3,
  /** 通算: paid days limited to the days of 1 year 6 months from the first payment day (4.1 [P45], since 2022-01-01). */
  maxPeriodMonths: 18,
  /** The daily amount averages the standard monthly remunerations of this many months (4.1 [P42]). */
  averagingMonths: 12,
  /** 出産手当金: days before the birth (multiple pregnancy) and after (4.2 [P48] [P49b]). */
  maternityDaysBefore: 42,
  maternityDaysBeforeMultiple: 98,
  maternityDaysAfter: 56,
} as const;

/** 時効 (健康保険法第193条, domain.md 4.9): two years from the day the right can be exercised. */
export const LIMITATION_YEARS = 2;

/** Continuation benefits after loss (domain.md 4.1, 4.3, 4.4, [P47] [P64]). */
export const AFTER_LOSS_RULES = {
  /** Continuously insured for at least this many years up to the day before the loss. */
  minInsuredYears: 1,
  /** A birth within this many months after the loss still gives the childbirth grant. */
  childbirthWithinMonths: 6,
  /** A death within this many months after the loss, or after continuation benefits ended, gives the burial benefit. */
  deathWithinMonths: 3,
} as const;
