/** Statutory constants of the eligibility lifecycle, each with its domain.md source. */

/** 後期高齢者医療: eligibility ends on the 75th birthday (domain.md 3.1); no enrollment at 75 or over. */
export const LATE_STAGE_ELDERLY_AGE = 75;

/** 任意継続 (domain.md 3.2). */
export const VOLUNTARY_CONTINUATION = {
  /** Continuously insured for at least this many months up to the day before the loss. */
  minimumInsuredMonths: 2,
  /** 資格喪失日から20日以内: the loss date counts as the first day. */
  applicationDays: 20,
  maximumYears: 2,
  /** Withdrawal on the insured's own request is allowed from this date; loss on the 1st of the next month. */
  ownRequestAllowedFrom: '2022-01-01',
} as const;

/** 資格確認書 validity is set by the society, at most 5 years (domain.md 6.4). */
export const MAX_DOCUMENT_VALIDITY_MONTHS = 60;
