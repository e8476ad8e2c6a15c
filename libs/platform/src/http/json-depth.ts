import { maskIndividualNumbers } from '@kenpo/security';

export const MAX_JSON_DEPTH = 64;
const MAX_KEY_IN_PATH = 64;

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

interface Frame {
  array: boolean;
  key: string | number;
  expectingKey: boolean;
}

/** A JSON text nested deeper than the limit; `field` is the path of the first value too deep (e.g. `a.b.0.c`). */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor(readonly field: string) {
    super(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

function pathOf(stack: readonly Frame[]): string {
  return stack
    .map(({ key }) => maskIndividualNumbers(String(key)).slice(0, MAX_KEY_IN_PATH))
    .filter((key) => key !== '')
    .join('.');
}

/**
 * Scans a JSON text for its nesting depth without building it (a text nested thousands deep is refused before
 * JSON.parse allocates it, and before any recursive code meets it). Structural characters are ASCII, so the scan
 * reads code units of a string or bytes of UTF-8 alike. Malformed text is left for the parser to refuse.
 */
export function assertJsonDepth(text: string | Uint8Array, maxDepth = MAX_JSON_DEPTH): void {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i]!;
  const keyAt = (start: number, end: number): string => {
    const raw =
      typeof text === 'string' ? text.slice(start, end) : Buffer.from(text.subarray(start, end)).toString('utf8');
    try {
      return String(JSON.parse(raw));
    } catch {
      return '?';
    }
  };
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (c === QUOTE) {
      const start = i;
      for (i++; i < text.length && at(i) !== QUOTE; i++) if (at(i) === BACKSLASH) i++;
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectingKey) {
        top.key = i - start > 4 * MAX_KEY_IN_PATH ? '…' : keyAt(start, i + 1);
        top.expectingKey = false;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (stack.length === maxDepth) throw new JsonTooDeepError(pathOf(stack));
      stack.push({ array: c === OPEN_ARRAY, key: c === OPEN_ARRAY ? 0 : '', expectingKey: c === OPEN_OBJECT });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
    } else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.array) top.key = (top.key as number) + 1;
      else if (top) top.expectingKey = true;
    } else if (c === COLON) {
      const top = stack[stack.length - 1];
      if (top && !top.array) top.expectingKey = false;
    }
  }
}
