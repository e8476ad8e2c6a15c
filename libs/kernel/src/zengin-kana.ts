/**
 * Conversion of a name to the Zengin character repertoire (domain.md 8.4): JIS X 0201 single-byte digits, upper-case
 * A–Z, space, half-width katakana ｱ–ﾝ, the voicing marks ﾞ ﾟ as separate characters, and a few symbols that depend
 * on the field class. Pure TypeScript: the Shift_JIS encoding itself happens at the edge (every output character is
 * one byte there).
 */

/**
 * Symbols allowed per field class, the conservative reading of 全銀協 付録1 in domain.md 8.4:
 * bank/branch names `-` only; party names (受取人名, 依頼人名) `( ) - .`; EDI情報 `\ ｢ ｣ ( ) - / .`.
 */
export type ZenginFieldClass = 'bank' | 'party' | 'edi';

export interface ZenginKanaOptions {
  /** Defaults to 'party' (受取人名 / 振込依頼人名). */
  fieldClass?: ZenginFieldClass;
  /**
   * Allow ｦ. domain.md 8.4 allows it in EDI情報 only; a 付録1 revision may allow it elsewhere (UNCONFIRMED,
   * domain.md 11.11), so it is an option: default true for 'edi', false otherwise.
   */
  allowWo?: boolean;
}

export type ZenginKanaResult = { ok: true; value: string } | { ok: false; invalidCharacters: string[] };

const SYMBOLS: Record<ZenginFieldClass, string> = { bank: '-', party: '()-.', edi: '\\｢｣()-/.' };

const FULL_PLAIN = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';
const HALF_PLAIN = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ';
const FULL_VOICED = 'ガギグゲゴザジズゼゾダヂヅデドバビブベボ';
const HALF_VOICED_BASE = 'ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ';
const FULL_SEMI = 'パピプペポ';
const HALF_SEMI_BASE = 'ﾊﾋﾌﾍﾎ';
// Small kana are forbidden (domain.md 8.4), so they are written as their large forms (ｷﾖｳｺ for キョウコ).
const FULL_SMALL = 'ァィゥェォッャュョヮヵヶ';
const HALF_SMALL = 'ｧｨｩｪｫｯｬｭｮ';
const SMALL_AS_LARGE = 'ｱｲｳｴｵﾂﾔﾕﾖﾜｶｹ';

const KANA = new Map<string, string>();
for (let i = 0; i < FULL_PLAIN.length; i++) KANA.set(FULL_PLAIN[i]!, HALF_PLAIN[i]!);
for (let i = 0; i < FULL_VOICED.length; i++) KANA.set(FULL_VOICED[i]!, `${HALF_VOICED_BASE[i]!}ﾞ`);
for (let i = 0; i < FULL_SEMI.length; i++) KANA.set(FULL_SEMI[i]!, `${HALF_SEMI_BASE[i]!}ﾟ`);
for (let i = 0; i < FULL_SMALL.length; i++) KANA.set(FULL_SMALL[i]!, SMALL_AS_LARGE[i]!);
for (let i = 0; i < HALF_SMALL.length; i++) KANA.set(HALF_SMALL[i]!, SMALL_AS_LARGE[i]!);
KANA.set('ヴ', 'ｳﾞ');
// Voicing marks: full-width spacing (゛゜), combining (U+3099/U+309A) and half-width forms all become ﾞ ﾟ.
for (const mark of ['゛', '\u3099', 'ﾞ']) KANA.set(mark, 'ﾞ');
for (const mark of ['゜', '\u309A', 'ﾟ']) KANA.set(mark, 'ﾟ');
// The long-vowel mark ｰ is forbidden and written as '-' (domain.md 8.4); so are the usual dash look-alikes.
for (const dash of ['ー', 'ｰ', '－', '‐', '−', '‑', '–']) KANA.set(dash, '-');
KANA.set('\u3000', ' ');
KANA.set('￥', '\\'); // 0x5C is ¥ in JIS X 0201
KANA.set('¥', '\\');
KANA.set('「', '｢');
KANA.set('」', '｣');

function normaliseChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  // Hiragana ぁ–ゖ → katakana ァ–ヶ (same offset throughout the block).
  if (code >= 0x3041 && code <= 0x3096) return normaliseChar(String.fromCodePoint(code + 0x60));
  // Full-width ASCII ！–～ → ASCII.
  if (code >= 0xff01 && code <= 0xff5e && !KANA.has(ch)) return asciiUpper(String.fromCodePoint(code - 0xfee0));
  return KANA.get(ch) ?? asciiUpper(ch);
}

// Only a–z: String#toUpperCase would turn ß into SS and ı into I, letters a clerk did not type.
function asciiUpper(ch: string): string {
  return /^[a-z]$/.test(ch) ? ch.toUpperCase() : ch;
}

function isAllowed(ch: string, symbols: string, allowWo: boolean): boolean {
  if (/^[0-9A-Z ]$/.test(ch)) return true;
  if (ch === 'ｦ') return allowWo;
  const code = ch.codePointAt(0)!;
  if (code >= 0xff71 && code <= 0xff9f) return true; // ｱ–ﾝ, ﾞ, ﾟ
  return symbols.includes(ch);
}

/**
 * Converts a name to Zengin half-width characters (domain.md 8.4), or lists the characters that cannot be
 * converted (kanji, comma, ヰ/ヱ, symbols outside the field class...). Does not truncate: that is the codec's job.
 */
export function toZenginKana(name: string, options: ZenginKanaOptions = {}): ZenginKanaResult {
  const fieldClass = options.fieldClass ?? 'party';
  const allowWo = options.allowWo ?? fieldClass === 'edi';
  const symbols = SYMBOLS[fieldClass];
  let value = '';
  const invalid: string[] = [];
  for (const ch of name.normalize('NFC')) {
    const converted = normaliseChar(ch);
    if ([...converted].every((c) => isAllowed(c, symbols, allowWo))) value += converted;
    else if (!invalid.includes(ch)) invalid.push(ch);
  }
  return invalid.length === 0 ? { ok: true, value } : { ok: false, invalidCharacters: invalid };
}
