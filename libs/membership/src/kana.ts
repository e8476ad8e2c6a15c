/**
 * Name kana as clerks type it on the forms: full-width katakana (ァ–ヶ, ヴ, ー), the middle dot, and full- or
 * half-width spaces between family and given names. Half-width kana and hiragana are refused so that a single
 * form is stored (the Zengin half-width form is derived only for bank accounts, domain.md 8.4).
 */
const FULL_WIDTH_KATAKANA = /^[ァ-ヶー・\u3000 ]+$/u;

export function isFullWidthKatakana(value: string): boolean {
  return FULL_WIDTH_KATAKANA.test(value) && /[ァ-ヶ]/u.test(value);
}
