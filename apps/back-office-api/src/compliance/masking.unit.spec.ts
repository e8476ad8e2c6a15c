import { describe, expect, it } from '@jest/globals';
import { maskPersonalData, maskStreamId, numberRefsIn } from './masking.js';

describe('compliance masking (architecture.md 8, 11)', () => {
  const masks = new Map([['ref-1', '********1234']]);

  it("replaces every protected Individual Number, however deep, by the vault's masked form", () => {
    const protectedNumber = { ref: 'ref-1', ciphertext: 'v1.abc' };
    const value = {
      individualNumber: protectedNumber,
      dependants: [{ person: { individualNumber: protectedNumber } }],
    };
    expect(numberRefsIn(value)).toEqual(['ref-1', 'ref-1']);
    const masked = maskPersonalData({ ...value, n: 1 }, masks);
    expect(masked).toEqual({
      individualNumber: '********1234',
      dependants: [{ person: { individualNumber: '********1234' } }],
      n: 1,
    });
    expect(JSON.stringify(masked)).not.toMatch(/abc|ref-1/);
  });

  it('shows [erased] when the vault no longer masks the ref (key destroyed)', () => {
    expect(maskPersonalData({ individualNumber: { ref: 'ref-2', ciphertext: 'x' } }, masks)).toEqual({
      individualNumber: '[erased]',
    });
  });

  it('reads the legacy form by its ciphertext and drops its keyed hash and last four digits', () => {
    const legacy = { ciphertext: 'legacy-ct', keyedHash: 'f00d', last4: '9018' };
    expect(numberRefsIn({ individualNumber: legacy })).toEqual(['legacy-ct']);
    const masked = maskPersonalData({ individualNumber: legacy }, new Map([['legacy-ct', '********9018']]));
    expect(masked).toEqual({ individualNumber: '********9018' });
    expect(JSON.stringify(maskPersonalData({ individualNumber: legacy }, new Map()))).not.toMatch(/9018|f00d/);
  });

  it('masks account numbers and stray keyed hashes, leaves other values alone', () => {
    expect(
      maskPersonalData({ accountNumber: '7654321', keyedHash: 'beef', bankCode: '0001', list: [null, 2, 'x'] }, masks),
    ).toEqual({ accountNumber: '***4321', keyedHash: '********', bankCode: '0001', list: [null, 2, 'x'] });
  });

  it('hides the id in the name of an Individual Number registry stream only', () => {
    expect(maskStreamId('individual-number-0123abcd')).toBe('individual-number-********');
    expect(maskStreamId('member-0190a0b0-0000-7000-8000-000000000000')).toBe(
      'member-0190a0b0-0000-7000-8000-000000000000',
    );
  });
});
