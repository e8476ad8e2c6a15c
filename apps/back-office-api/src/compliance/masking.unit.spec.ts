import { describe, expect, it } from '@jest/globals';
import { maskPersonalData, maskStreamId } from './masking.js';

describe('compliance masking (architecture.md 8)', () => {
  it('replaces every protected Individual Number, however deep, by ********last4', () => {
    const protectedNumber = { ciphertext: 'v1.abc', keyedHash: 'f00d', last4: '1234' };
    const masked = maskPersonalData({
      individualNumber: protectedNumber,
      dependants: [{ person: { individualNumber: protectedNumber } }],
      n: 1,
    });
    expect(masked).toEqual({
      individualNumber: '********1234',
      dependants: [{ person: { individualNumber: '********1234' } }],
      n: 1,
    });
    expect(JSON.stringify(masked)).not.toMatch(/abc|f00d/);
  });

  it('masks account numbers and stray keyed hashes, leaves other values alone', () => {
    expect(
      maskPersonalData({ accountNumber: '7654321', keyedHash: 'beef', bankCode: '0001', list: [null, 2, 'x'] }),
    ).toEqual({ accountNumber: '***4321', keyedHash: '********', bankCode: '0001', list: [null, 2, 'x'] });
  });

  it('hides the keyed hash in the name of an Individual Number registry stream only', () => {
    expect(maskStreamId('individual-number-0123abcd')).toBe('individual-number-********');
    expect(maskStreamId('member-0190a0b0-0000-7000-8000-000000000000')).toBe(
      'member-0190a0b0-0000-7000-8000-000000000000',
    );
  });
});
