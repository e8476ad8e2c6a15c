import type { Violation } from '@kenpo/kernel';

/**
 * What the member stream holds of an Individual Number: the vault's output, never the clear digits
 * (domain.md 9). Same shape as @kenpo/security's ProtectedIndividualNumber, restated so the domain stays pure.
 */
export interface ProtectedIndividualNumber {
  ciphertext: string;
  keyedHash: string;
  last4: string;
}

/**
 * Check digit of a 12-digit Individual Number, domain.md 1.2 (総務省令第八十五号 第五条):
 * weights 6,5,4,3,2,7,6,5,4,3,2 on the 11 base digits from the left; remainder ≤ 1 gives 0, otherwise 11 − remainder.
 * A pure filter for typing errors: the API calls it before handing the number to the vault.
 */
export function isValidIndividualNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(digits[i]) * (i < 5 ? 6 - i : 12 - i);
  const remainder = sum % 11;
  const checkDigit = remainder <= 1 ? 0 : 11 - remainder;
  return checkDigit === Number(digits[11]);
}

/** Structural check of the protected form; messages never echo the value. */
export function protectedNumberViolations(field: string, value: unknown): Violation[] {
  const v = value as Partial<ProtectedIndividualNumber> | null | undefined;
  const violations: Violation[] = [];
  if (typeof v !== 'object' || v === null) {
    return [
      {
        field,
        rule: 'required',
        message: 'the protected Individual Number (ciphertext, keyedHash, last4) is required',
      },
    ];
  }
  if (typeof v.ciphertext !== 'string' || v.ciphertext.length === 0) {
    violations.push({ field: `${field}.ciphertext`, rule: 'required', message: 'must be the vault ciphertext' });
  }
  if (typeof v.keyedHash !== 'string' || v.keyedHash.length === 0) {
    violations.push({ field: `${field}.keyedHash`, rule: 'required', message: 'must be the vault keyed hash' });
  }
  if (typeof v.last4 !== 'string' || !/^\d{4}$/.test(v.last4)) {
    violations.push({ field: `${field}.last4`, rule: 'four_digits', message: 'must be the last 4 digits' });
  }
  return violations;
}

/** Copies only the three protected fields, so nothing else a caller attached reaches an event. */
export function protectedNumberOf(value: ProtectedIndividualNumber): ProtectedIndividualNumber {
  return { ciphertext: value.ciphertext, keyedHash: value.keyedHash, last4: value.last4 };
}
