import { describe, expect, it } from '@jest/globals';
import { RuleViolation } from '@kenpo/kernel';
import {
  INSURED_BRANCH,
  isFullWidthKatakana,
  isValidIndividualNumber,
  nextDependantBranch,
  protectedNumberOf,
} from './index.js';

describe('isValidIndividualNumber', () => {
  it.each([
    ['123456789018', 'Example A'],
    ['200000000000', 'remainder 1 gives check digit 0'],
    ['000000000140', 'remainder 0 gives check digit 0'],
    ['983205673214', 'the published example of [P4]'],
  ])('domain.md 1.3: %s is valid (%s)', (digits) => {
    expect(isValidIndividualNumber(digits)).toBe(true);
  });

  it.each([
    ['123456789010', 'wrong check digit'],
    ['123456789081', 'last two digits transposed'],
    ['983205673210', '[P4] reports 誤り'],
  ])('domain.md 1.3: %s is invalid (%s)', (digits) => {
    expect(isValidIndividualNumber(digits)).toBe(false);
  });

  it('domain.md 1.1: refuses anything but 12 digits', () => {
    expect(isValidIndividualNumber('12345678901')).toBe(false);
    expect(isValidIndividualNumber('1234567890180')).toBe(false);
    expect(isValidIndividualNumber('12345678901８')).toBe(false);
    expect(isValidIndividualNumber('1234-5678-9018')).toBe(false);
  });
});

describe('name kana', () => {
  it('accepts full-width katakana with a space, long vowel mark or middle dot', () => {
    expect(isFullWidthKatakana('ヤマダ タロウ')).toBe(true);
    expect(isFullWidthKatakana('ヴァーノン・ジョー')).toBe(true);
    expect(isFullWidthKatakana('サトウ　ケンイチ')).toBe(true);
  });
  it('refuses hiragana, half-width kana, latin letters and blanks', () => {
    expect(isFullWidthKatakana('やまだ たろう')).toBe(false);
    expect(isFullWidthKatakana('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(false);
    expect(isFullWidthKatakana('YAMADA')).toBe(false);
    expect(isFullWidthKatakana('　 ')).toBe(false);
  });
});

describe('branch numbers (domain.md 2.3, assignment rule UNCONFIRMED)', () => {
  it('gives 00 to the insured and 01, 02, ... to dependants, never reusing one', () => {
    expect(INSURED_BRANCH).toBe('00');
    expect(nextDependantBranch([])).toBe('01');
    expect(nextDependantBranch(['01', '02'])).toBe('03');
    expect(nextDependantBranch(['02'])).toBe('03');
  });
  it('refuses a 100th person', () => {
    expect(() => nextDependantBranch(['99'])).toThrow(RuleViolation);
  });
});

describe('protected numbers recorded before the vault index (issue 14.1)', () => {
  it('reads the legacy form by its ciphertext and keeps neither its keyed hash nor its digits', () => {
    const legacy = { ciphertext: 'legacy-ciphertext', keyedHash: 'f'.repeat(64), last4: '9018' };
    expect(protectedNumberOf(legacy)).toEqual({ ref: 'legacy-ciphertext', ciphertext: 'legacy-ciphertext' });
    expect(protectedNumberOf({ ref: 'r', ciphertext: 'c', extra: 'x' } as never)).toEqual({
      ref: 'r',
      ciphertext: 'c',
    });
  });
});
