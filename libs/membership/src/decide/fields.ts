import { FIRST_BUSINESS_DATE, isBusinessDate, LAST_BUSINESS_DATE, type Violation } from '@kenpo/kernel';
import { isFullWidthKatakana } from '../kana.js';

/* Field checks that collect violations; messages name the field and the rule, never the value. */

export function requiredText(field: string, value: unknown, maxLength = 100): Violation[] {
  if (typeof value !== 'string' || value.trim().length === 0)
    return [{ field, rule: 'required', message: 'is required' }];
  if (value.length > maxLength)
    return [{ field, rule: 'max_length', message: `must be at most ${maxLength} characters` }];
  return [];
}

export function date(field: string, value: unknown): Violation[] {
  return isBusinessDate(value)
    ? []
    : [
        {
          field,
          rule: 'business_date',
          message: `must be a real calendar date in the form YYYY-MM-DD, between ${FIRST_BUSINESS_DATE} and ${LAST_BUSINESS_DATE}`,
        },
      ];
}

export function digits(field: string, value: unknown, length: number): Violation[] {
  return typeof value === 'string' && new RegExp(`^\\d{${length}}$`).test(value)
    ? []
    : [{ field, rule: `${length}_digits`, message: `must be exactly ${length} digits` }];
}

export function oneOf(field: string, value: unknown, allowed: readonly string[]): Violation[] {
  return typeof value === 'string' && allowed.includes(value)
    ? []
    : [{ field, rule: 'one_of', message: `must be one of ${allowed.join(', ')}` }];
}

export function wholeYen(field: string, value: unknown): Violation[] {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? []
    : [{ field, rule: 'integer_yen', message: 'must be a whole, non-negative number of yen' }];
}

export function bool(field: string, value: unknown): Violation[] {
  return typeof value === 'boolean' ? [] : [{ field, rule: 'boolean', message: 'must be true or false' }];
}

export function kana(field: string, value: unknown): Violation[] {
  const missing = requiredText(field, value);
  if (missing.length > 0) return missing;
  return isFullWidthKatakana(value as string)
    ? []
    : [{ field, rule: 'full_width_katakana', message: 'must be written in full-width katakana' }];
}

export function postalCode(field: string, value: unknown): Violation[] {
  return typeof value === 'string' && /^\d{3}-?\d{4}$/.test(value)
    ? []
    : [{ field, rule: 'postal_code', message: 'must be a 7-digit postal code (NNN-NNNN)' }];
}

export const SEXES = ['male', 'female'] as const;
