import { describe, expect, it } from '@jest/globals';
import { containsIndividualNumber, maskIndividualNumbers, MASKED_NUMBER } from './index.js';

describe('maskIndividualNumbers (domain.md 9: no number in logs or errors; issue 14.10)', () => {
  it('masks a standalone 12-digit run wherever it stands in a path or message', () => {
    expect(maskIndividualNumbers('/members/123456789018/individual-number/reveal')).toBe(
      `/members/${MASKED_NUMBER}/individual-number/reveal`,
    );
    expect(maskIndividualNumbers('number 123456789018.')).toBe(`number ${MASKED_NUMBER}.`);
    expect(maskIndividualNumbers('123456789010')).toBe(MASKED_NUMBER); // a wrong check digit is still masked
  });

  it.each([
    ['grouped 4-4-4 with hyphens', '/members/1234-5678-9018', `/members/${MASKED_NUMBER}`],
    ['grouped with spaces', 'number 1234 5678 9018 given', `number ${MASKED_NUMBER} given`],
    ['grouped with ideographic spaces', '番号 1234\u30005678\u30009018', `番号 ${MASKED_NUMBER}`],
    ['in full-width digits', '１２３４５６７８９０１８', MASKED_NUMBER],
    ['after a hyphen in a URL', '/members/abc-123456789018', `/members/abc-${MASKED_NUMBER}`],
    ['inside a longer token', 'req-x123456789018y', `req-x${MASKED_NUMBER}y`],
    ['inside a longer number', '1234567890189', `${MASKED_NUMBER}9`],
  ])('masks a number %s', (_name, text, masked) => {
    expect(maskIndividualNumbers(text)).toBe(masked);
  });

  it('leaves UUIDs (even a last group of 12 digits), dates, run ids and shorter numbers alone', () => {
    const text =
      '/members/01a2082d-6c8a-7868-b558-400000000000 run-20250101-0900-abcdef12 2025-04-01 12345678901 position 42';
    expect(maskIndividualNumbers(text)).toBe(text);
  });
});

describe('containsIndividualNumber (free text refused, issue 14.10)', () => {
  it.each(['番号は123456789018です', 'call 1234-5678-9018', '1234 5678 9018', '１２３４５６７８９０１８'])(
    'finds a number with a valid check digit in %s',
    (text) => expect(containsIndividualNumber(text)).toBe(true),
  );
  it.each(['123456789010 (wrong check digit)', '03-1234-5678', '1234567890189', 'run-20250101-0900', 'no digits'])(
    'lets %s through',
    (text) => expect(containsIndividualNumber(text)).toBe(false),
  );
  it.each([
    ['a last group of 12 digits', '01a2082d-6c8a-7868-b558-123456789018'],
    ['three groups of 4 digits', '0190aaaa-1234-5678-9018-abcdefabcdef'],
  ])('takes a UUID as one id, never a number written in it: %s', (_name, uuid) => {
    expect(containsIndividualNumber(uuid)).toBe(false);
    expect(containsIndividualNumber(`claim ${uuid}, number 123456789018`)).toBe(true);
  });
});
