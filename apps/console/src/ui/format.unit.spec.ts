import { describe, expect, it } from '@jest/globals';
import { match } from '../router-match';
import { instantToJapanLocal, japanLocalToInstant, todayInJapan, yen } from './format';

describe('console formats', () => {
  it('shows yen the Japanese way and the English way', () => {
    expect(yen(500000, 'ja')).toBe('500,000円');
    expect(yen(500000, 'en')).toBe('¥500,000');
  });

  it('reads the as-of picker in Japan time whatever the browser zone', () => {
    expect(japanLocalToInstant('2025-06-30T09:00')).toBe('2025-06-30T09:00:00+09:00');
    expect(instantToJapanLocal(new Date('2025-06-30T15:30:00Z'))).toBe('2025-07-01T00:30');
    expect(todayInJapan(new Date('2025-12-31T15:00:00Z'))).toBe('2026-01-01');
  });

  it('matches routes with named parts', () => {
    expect(match('/console/members/:memberId', '/console/members/abc?at=3')).toEqual({ memberId: 'abc' });
    expect(match('/console/members/:memberId', '/console/members')).toBeNull();
  });
});
