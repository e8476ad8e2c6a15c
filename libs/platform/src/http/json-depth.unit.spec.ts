import { describe, expect, it } from '@jest/globals';
import { assertJsonDepth, JsonTooDeepError } from './json-depth.js';

function fieldOf(text: string, max = 3): string | null {
  try {
    assertJsonDepth(text, max);
    assertJsonDepth(Buffer.from(text), max); // the bytes of UTF-8 read the same
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(JsonTooDeepError);
    return (error as JsonTooDeepError).field;
  }
}

describe('JSON depth scan (issue 14.7)', () => {
  it('accepts the limit and names the path of the first value past it', () => {
    expect(fieldOf('{"a":{"b":{"c":1}}}')).toBeNull();
    expect(fieldOf('{"a":{"b":{"c":{}}}}')).toBe('a.b.c');
    expect(fieldOf('[1,[2,[3,[4]]]]')).toBe('1.1.1');
    expect(fieldOf('{"x":1,"list":[{},{"deep":[[]]}]}')).toBe('list.1.deep');
  });

  it('ignores brackets, quotes and escapes inside strings', () => {
    expect(fieldOf('{"a":"[[[[{{{{","b":"\\"[[[[","c":[["\\\\"]]}')).toBeNull();
    expect(fieldOf('{"k\\"ey":{"名前":{"z":[]}}}')).toBe('k"ey.名前.z');
  });

  it('masks an Individual Number used as a key', () => {
    expect(fieldOf('{"123456789018":{"a":{"b":{}}}}')).toBe('[12-digits-redacted].a.b');
  });

  it('scans a text thousands deep without recursion', () => {
    expect(fieldOf('['.repeat(200_000), 64)).toBe(Array<string>(64).fill('0').join('.'));
  });
});
