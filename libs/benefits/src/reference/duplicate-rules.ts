import type { BenefitKind } from '../claim.types.js';

/**
 * Births of one mother less than this many days apart are one delivery: a grant needs a pregnancy of at least 85
 * days (domain.md 4.3), so two deliveries cannot be closer; twins born on different days are one delivery (4.2).
 */
export const CHILDBIRTH_RULES = { minDaysBetweenDeliveries: 85 } as const;

/**
 * Where domain.md allows a second claim for an insured event already approved, an approver may approve it with a
 * reason (issue 13.5): another child of the same multiple birth claimed separately (domain.md 4.3: 双児は2人分).
 * Funeral benefits (one per death) and allowance days (paid once) have no second claim.
 */
export const SECOND_CLAIM_ALLOWED: Partial<Record<BenefitKind, string>> = {
  'childbirth-grant': 'another child of the same delivery (domain.md 4.3: the grant is per child)',
  'family-childbirth-grant': 'another child of the same delivery (domain.md 4.3: the grant is per child)',
};
