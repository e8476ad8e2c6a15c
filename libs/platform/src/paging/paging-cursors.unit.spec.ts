import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@kenpo/kernel';
import { PagingCursors } from './paging-cursors.js';

const cursors = new PagingCursors(Buffer.from('a-server-secret-of-at-least-32-characters'));
const inner = Buffer.from(JSON.stringify(['nameKanaKey', 'asc', 'ﾔﾏﾀﾞ', 'id-1'])).toString('base64url');

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected a refusal');
}

describe('paging cursors sealed with an HMAC (issue 14.6)', () => {
  it('opens what it sealed for the same scope, and passes "no cursor" through', () => {
    const sealed = cursors.seal('members', inner)!;
    expect(cursors.open('members', sealed)).toBe(inner);
    expect(cursors.seal('members', undefined)).toBeUndefined();
    expect(cursors.open('members', undefined)).toBeUndefined();
  });

  it.each([
    ['another scope', (s: string) => s, 'payouts'],
    ['an altered cursor', (s: string) => `${s.slice(0, 3)}${s[3] === 'A' ? 'B' : 'A'}${s.slice(4)}`, 'members'],
    ['an unsealed cursor', () => inner, 'members'],
    ['another server secret', () => new PagingCursors(Buffer.from('x'.repeat(40))).seal('members', inner)!, 'members'],
    ['garbage', () => '{"$gt":""}', 'members'],
  ])('refuses %s with 400 naming the cursor', (_name, change, scope) => {
    const error = refusal(() => cursors.open(scope, change(cursors.seal('members', inner)!)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.violations).toEqual([expect.objectContaining({ field: 'cursor', rule: 'cursor_invalid' })]);
  });

  it("binds per-member scopes: member A's history cursor does not open member B's", () => {
    const sealed = cursors.seal('compliance-history:a', inner)!;
    expect(() => cursors.open('compliance-history:b', sealed)).toThrow(ValidationError);
  });
});
