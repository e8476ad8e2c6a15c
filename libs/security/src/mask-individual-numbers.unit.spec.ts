import { describe, expect, it } from '@jest/globals';
import { maskIndividualNumbers, MASKED_NUMBER } from './index.js';

describe('maskIndividualNumbers (domain.md 9: no number in logs or errors)', () => {
  it('masks a standalone 12-digit run wherever it stands in a path or message', () => {
    expect(maskIndividualNumbers('/members/123456789018/individual-number/reveal')).toBe(
      `/members/${MASKED_NUMBER}/individual-number/reveal`,
    );
    expect(maskIndividualNumbers('number 123456789018.')).toBe(`number ${MASKED_NUMBER}.`);
    expect(maskIndividualNumbers('123456789010')).toBe(MASKED_NUMBER); // a wrong check digit is still masked
  });

  it('leaves UUIDs, longer numbers and shorter ones alone', () => {
    const text = '/members/01a2082d-6c8a-7868-b558-400000000000 1234567890123 12345678901 position 42';
    expect(maskIndividualNumbers(text)).toBe(text);
  });
});
