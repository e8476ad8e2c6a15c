/**
 * A run of exactly 12 digits on its own (not inside a longer number or word, nor a UUID's last group) may be an
 * Individual Number typed where it does not belong, e.g. into a URL path. Free text that leaves the system
 * (log lines, problem `instance`) passes through this, valid check digit or not.
 */
const STANDALONE_TWELVE_DIGITS = /(?<![0-9A-Za-z-])\d{12}(?![0-9A-Za-z])/g;

export const MASKED_NUMBER = '[12-digits-redacted]';

export function maskIndividualNumbers(text: string): string {
  return text.replace(STANDALONE_TWELVE_DIGITS, MASKED_NUMBER);
}
