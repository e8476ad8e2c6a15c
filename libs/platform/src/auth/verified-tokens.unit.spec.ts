import { describe, expect, it } from '@jest/globals';
import { VerifiedTokens } from './verified-tokens.js';

const clerk = { id: 'clerk-1', role: 'clerk' } as const;

describe('VerifiedTokens', () => {
  it('answers a verified token until it expires, and no longer than a minute', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('short', clerk, 1_030, 1_000);
    tokens.remember('long', clerk, 9_000, 1_000);
    expect(tokens.get('short', 1_029)).toEqual(clerk);
    expect(tokens.get('short', 1_030)).toBeUndefined();
    expect(tokens.get('long', 1_059)).toEqual(clerk);
    expect(tokens.get('long', 1_060)).toBeUndefined();
    expect(tokens.get('never-verified', 1_000)).toBeUndefined();
  });

  it('forgets the oldest token when full', () => {
    const tokens = new VerifiedTokens();
    for (let i = 0; i <= 10_000; i++) tokens.remember(`t${i}`, clerk, 2_000, 1_000);
    expect(tokens.get('t0', 1_001)).toBeUndefined();
    expect(tokens.get('t1', 1_001)).toEqual(clerk);
    expect(tokens.get('t10000', 1_001)).toEqual(clerk);
  });
});
