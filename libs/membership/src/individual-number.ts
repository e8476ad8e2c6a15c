import type { Violation } from '@kenpo/kernel';

/**
 * What the member stream holds of an Individual Number: the vault's output, never the digits nor a keyed hash of them
 * (domain.md 9, architecture.md 11). Same shape as @kenpo/security's ProtectedIndividualNumber, restated so the
 * domain stays pure. `ref` is opaque: equal refs within one member mean the same number, nothing else.
 */
export interface ProtectedIndividualNumber {
  ref: string;
  ciphertext: string;
}

/**
 * The form written before the index moved into the vault: a keyed hash and the last four digits in the event.
 * Events are never rewritten, so these are read as `{ ref: ciphertext, ciphertext }` (the upgrade indexes each
 * such number in the vault under its ciphertext) and their keyed hash and digits are ignored.
 */
export interface LegacyProtectedIndividualNumber {
  ciphertext: string;
  keyedHash: string;
  last4: string;
}

/** What an event may carry: the current form, or the legacy one in events recorded before the upgrade. */
export type RecordedIndividualNumber = ProtectedIndividualNumber | LegacyProtectedIndividualNumber;

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
  if (typeof v !== 'object' || v === null) {
    return [{ field, rule: 'required', message: 'the protected Individual Number (ref, ciphertext) is required' }];
  }
  const violations: Violation[] = [];
  if (typeof v.ref !== 'string' || v.ref.length === 0) {
    violations.push({ field: `${field}.ref`, rule: 'required', message: 'must be the vault reference' });
  }
  if (typeof v.ciphertext !== 'string' || v.ciphertext.length === 0) {
    violations.push({ field: `${field}.ciphertext`, rule: 'required', message: 'must be the vault ciphertext' });
  }
  return violations;
}

/**
 * Copies only the protected fields, so nothing else a caller attached reaches an event; reads the legacy form as
 * the current one (its ciphertext is its vault reference).
 */
export function protectedNumberOf(value: RecordedIndividualNumber): ProtectedIndividualNumber {
  const ref = 'ref' in value && typeof value.ref === 'string' ? value.ref : value.ciphertext;
  return { ref, ciphertext: value.ciphertext };
}
