import type { Violation } from '@kenpo/kernel';
import { containsIndividualNumber } from '@kenpo/security';

const MAX_REPORTED = 20;

/** Fields that hold an Individual Number by design (checked, then handed to the vault). Every other string is text. */
export const INDIVIDUAL_NUMBER_FIELDS: ReadonlySet<string> = new Set(['individualNumber']);

const NOT_FREE_TEXT = Symbol('kenpo:notFreeText');

/**
 * A body field that is an identifier its handler checks (and answers, and audits) itself, not text to scan: e.g. the
 * reveal's person id, where a number typed in is a refused attempt the access log must show.
 */
export const NotFreeText =
  (): PropertyDecorator =>
  (target, property): void => {
    const fields = new Set<string | symbol>(Reflect.getMetadata(NOT_FREE_TEXT, target.constructor) ?? []);
    Reflect.defineMetadata(NOT_FREE_TEXT, fields.add(property), target.constructor);
  };

/** The top-level fields of a body DTO marked @NotFreeText(). */
export function notFreeTextFields(dto: unknown): ReadonlySet<string | symbol> {
  return typeof dto === 'function' ? (Reflect.getMetadata(NOT_FREE_TEXT, dto) ?? new Set()) : new Set();
}

const message = 'must not contain an Individual Number (マイナンバー): it would be stored in clear for good';

/**
 * Strings of a request body that carry an Individual Number outside its own field: a reason, a note, an address or a
 * holder name is kept in events forever and shown to many, so a number typed there (any written form, valid check
 * digit) is refused with 400 naming the field. Applied to every body by the validation pipe, so new DTOs get it.
 */
export function individualNumbersInText(
  value: unknown,
  path: string,
  found: Violation[] = [],
  skip: ReadonlySet<string | symbol> = new Set(),
): Violation[] {
  if (found.length >= MAX_REPORTED) return found;
  if (typeof value === 'string') {
    if (containsIndividualNumber(value)) found.push({ field: path || 'body', rule: 'no_individual_number', message });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => individualNumbersInText(item, path ? `${path}.${i}` : String(i), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (INDIVIDUAL_NUMBER_FIELDS.has(key) || skip.has(key)) continue;
      individualNumbersInText(item, path ? `${path}.${key}` : key, found);
    }
  }
  return found;
}
