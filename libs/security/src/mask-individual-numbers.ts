import { isValidIndividualNumber } from '@kenpo/membership';

const DIGIT = '[0-9０-９]';
/** One separator between groups: a space (also ideographic), a hyphen, a dash or a minus sign (also full-width). */
const SEPARATOR = '[ \\u3000\\-\\u2010-\\u2015\\u2212\\uFF0D]';
/** 12 digits as people write them: in one run, or 4-4-4 with one kind of separator (1234 5678 9012, 1234-5678-9012). */
const WRITTEN = (group: number) => `${DIGIT}{4}(${SEPARATOR}?)${DIGIT}{4}\\${group}${DIGIT}{4}`;
const UUID = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}';

/** Every written 12-digit number, also inside longer tokens (`abc123456789018`, `x-1234-5678-9018`); UUIDs stay. */
const MASKABLE = new RegExp(`(${UUID})|${WRITTEN(2)}`, 'g');
/** A written 12-digit number standing alone (not part of a longer run of digits): a candidate Individual Number. */
const CANDIDATE = new RegExp(`(?<!${DIGIT})${WRITTEN(1)}(?!${DIGIT})`, 'g');

export const MASKED_NUMBER = '[12-digits-redacted]';

/**
 * Text that leaves the system (log lines, problem details, request ids) passes through this: every 12-digit number,
 * valid check digit or not, plain, grouped 4-4-4 or inside a longer token, is replaced. UUIDs are left whole.
 */
export function maskIndividualNumbers(text: string): string {
  return text.replace(MASKABLE, (match, uuid: string | undefined) => (uuid ? match : MASKED_NUMBER));
}

const ASCII_DIGITS = (text: string) =>
  text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');

/** Every UUID of a text, each one token, as maskIndividualNumbers leaves it. */
const UUIDS = new RegExp(UUID, 'g');

/**
 * Whether free text carries an Individual Number (a written 12-digit number with a valid check digit). A UUID is an
 * id, not a number written in it: the ids the system issues (UUIDv7) have hex groups that are sometimes all digits,
 * and about one in 2,500 of them read as a valid number (a member's own id refused in POST /medical-cost-records).
 */
export function containsIndividualNumber(text: string): boolean {
  for (const match of text.replace(UUIDS, ' ').matchAll(CANDIDATE))
    if (isValidIndividualNumber(ASCII_DIGITS(match[0]))) return true;
  return false;
}
