import { describe, expect, it } from '@jest/globals';
import { toZenginKana } from './zengin-kana.js';

function converted(name: string, options?: Parameters<typeof toZenginKana>[1]): string {
  const result = toZenginKana(name, options);
  if (!result.ok) throw new Error(`refused: ${result.invalidCharacters.join(' ')}`);
  return result.value;
}

describe('toZenginKana (domain.md 8.4 character set)', () => {
  it.each([
    ['ヤマダ タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'full-width katakana; ダ becomes two characters ﾀﾞ'],
    ['やまだ\u3000はなこ', 'ﾔﾏﾀﾞ ﾊﾅｺ', 'hiragana and the full-width space'],
    ['ガッコウ', 'ｶﾞﾂｺｳ', 'ｶﾞ = 2 bytes; small ッ written large'],
    ['キョウコ', 'ｷﾖｳｺ', 'small ョ written large'],
    ['ｷｮｳｺ', 'ｷﾖｳｺ', 'half-width small ｮ (forbidden) written large'],
    ['パーク', 'ﾊﾟ-ｸ', 'ﾟ separate; long vowel ー written as - (ｰ is forbidden)'],
    ['ｺｰﾋｰ', 'ｺ-ﾋ-', 'half-width ｰ written as -'],
    ['ヴィーナス', 'ｳﾞｲ-ﾅｽ', 'ヴ is ｳﾞ'],
    ['カ\u3099', 'ｶﾞ', 'combining voicing mark'],
    ['smith john', 'SMITH JOHN', 'lower case to upper case'],
    ['ＡＢＣ１２３', 'ABC123', 'full-width letters and digits'],
    ['ｶ)ｹﾝﾎﾟ.', 'ｶ)ｹﾝﾎﾟ.', 'already Zengin: unchanged'],
    ['（カ）ケンポ', '(ｶ)ｹﾝﾎﾟ', 'full-width parentheses are party-name symbols'],
  ])('%s → %s (%s)', (input, expected) => {
    expect(converted(input)).toBe(expected);
  });

  it('domain.md 8.4: every converted character is single-byte JIS X 0201 (ASCII or U+FF61–U+FF9F)', () => {
    const value = converted('ぱぴぷぺぽ ガギグゲゴ ザジズゼゾ ダヂヅデド バビブベボ');
    expect(
      [...value].every((c) => c.charCodeAt(0) < 0x80 || (c.charCodeAt(0) >= 0xff61 && c.charCodeAt(0) <= 0xff9f)),
    ).toBe(true);
    expect(value).toHaveLength(2 * 25 + 4);
  });

  it('domain.md 8.4: kanji are refused, listing each offending character once', () => {
    expect(toZenginKana('山田 たろう 山')).toEqual({ ok: false, invalidCharacters: ['山', '田'] });
  });

  it('domain.md 8.4: comma is forbidden in every field class', () => {
    expect(toZenginKana('ﾔﾏﾀﾞ,ﾀﾛｳ')).toEqual({ ok: false, invalidCharacters: [','] });
    expect(toZenginKana('ABC,', { fieldClass: 'edi' })).toEqual({ ok: false, invalidCharacters: [','] });
  });

  it('domain.md 8.4: bank and branch names allow "-" only; party names ( ) - .; EDI also \\ ｢ ｣ /', () => {
    expect(toZenginKana('ﾐｽﾞﾎ(ｷﾞﾝｺｳ)', { fieldClass: 'bank' })).toEqual({ ok: false, invalidCharacters: ['(', ')'] });
    expect(converted('ﾄｳｷﾖｳ-ﾁﾕｳｵｳ', { fieldClass: 'bank' })).toBe('ﾄｳｷﾖｳ-ﾁﾕｳｵｳ');
    expect(toZenginKana('A/B')).toEqual({ ok: false, invalidCharacters: ['/'] });
    expect(converted('「ＡＢ」／￥', { fieldClass: 'edi' })).toBe('｢AB｣/\\');
  });

  it('domain.md 8.4 / 11.11: ｦ only in EDI by default, allowed elsewhere by option (UNCONFIRMED)', () => {
    expect(toZenginKana('ヲノ')).toEqual({ ok: false, invalidCharacters: ['ヲ'] });
    expect(converted('をの', { allowWo: true })).toBe('ｦﾉ');
    expect(converted('ヲ', { fieldClass: 'edi' })).toBe('ｦ');
    expect(toZenginKana('ｦ', { fieldClass: 'edi', allowWo: false }).ok).toBe(false);
  });

  it('refuses letters that only look ASCII after Unicode case mapping', () => {
    expect(toZenginKana('straße')).toEqual({ ok: false, invalidCharacters: ['ß'] });
  });
});
