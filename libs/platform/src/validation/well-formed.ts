import type { Violation } from '@kenpo/kernel';

const MAX_REPORTED = 20;
/** In `u` mode a surrogate class matches only a surrogate that is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

/**
 * Strings (values and keys) that are not well-formed UTF-16: a lone surrogate cannot be stored as UTF-8, hashed
 * (RFC 8785 refuses it) or shown, so it is refused before validation with the path of every field that holds one.
 */
export function malformedStrings(value: unknown, path: string, found: Violation[] = []): Violation[] {
  if (found.length >= MAX_REPORTED) return found;
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) found.push(violation(path || 'body'));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => malformedStrings(item, join(path, String(i)), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) found.push(violation(join(path, key.replace(LONE_SURROGATES, '\uFFFD'))));
      else malformedStrings(item, join(path, key), found);
    }
  }
  return found;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function violation(field: string): Violation {
  return { field, rule: 'well_formed_unicode', message: 'must be well-formed Unicode text (a lone surrogate is not)' };
}
