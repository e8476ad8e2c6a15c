import { RuleViolation } from '@kenpo/kernel';

/*
 * 枝番 assignment. domain.md 2.3: 2 digits per person; the value rule is UNCONFIRMED, so it lives here only.
 * Assumed: 00 for the insured, dependants 01, 02, ... in order of recognition, never reused after a removal
 * (so an old notification can never name a different person).
 */
export const INSURED_BRANCH = '00';

export function nextDependantBranch(branchesInUse: readonly string[]): string {
  const highest = branchesInUse.reduce((max, b) => Math.max(max, Number(b)), Number(INSURED_BRANCH));
  const next = highest + 1;
  if (next > 99)
    throw RuleViolation.of(
      'dependantId',
      'branch_numbers_exhausted',
      'no 2-digit branch number is left for this member',
    );
  return String(next).padStart(2, '0');
}
