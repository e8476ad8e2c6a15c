import { describe, expect, it } from '@jest/globals';
import { secureRandomBytes } from './secure-random.js';

describe('secureRandomBytes', () => {
  it('gives the size asked for, from the pool and beyond it', () => {
    expect(secureRandomBytes(12)).toHaveLength(12);
    expect(secureRandomBytes(32)).toHaveLength(32);
    expect(secureRandomBytes(5_000)).toHaveLength(5_000);
  });

  it('never hands out the same bytes twice, across many refills of the pool', () => {
    const seen = new Set<string>();
    // 4,000 IVs of 12 bytes: about a dozen refills of the 4 KiB pool.
    for (let i = 0; i < 4_000; i++) seen.add(secureRandomBytes(12).toString('hex'));
    expect(seen.size).toBe(4_000);
  });

  it('gives a copy: bytes already handed out do not change when the pool is drawn on or refilled', () => {
    const key = secureRandomBytes(32);
    const before = Buffer.from(key);
    // The pool's bytes are zeroed once handed out: a view into it would read zeros.
    expect(key.equals(Buffer.alloc(32))).toBe(false);
    for (let i = 0; i < 1_000; i++) secureRandomBytes(16);
    expect(key.equals(before)).toBe(true);
    // Its own memory, not a slice of the slab Node shares between small buffers.
    expect(key.buffer.byteLength).toBe(32);
  });

  it('draws random bytes, not zeros or a repeated pattern', () => {
    const bytes = secureRandomBytes(4_096);
    const counts = new Map<number, number>();
    for (const byte of bytes) counts.set(byte, (counts.get(byte) ?? 0) + 1);
    // 4,096 uniform bytes cover nearly all 256 values (a missing value has odds e^-16 each).
    expect(counts.size).toBeGreaterThan(250);
  });
});
