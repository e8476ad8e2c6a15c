import { describe, expect, it } from '@jest/globals';
import { coverageConflict, PENDING_CLAIM_MS, type NumberClaim } from './coverage-claims.js';

/**
 * Issue 12.6: one coverage per person without multi-stream transactions. EventStoreDB appends the claim first and
 * the claimer's member events after it: a claim read before its member events exist still counts for a while.
 */
describe('a claim whose member events are not there yet (issue 12.6)', () => {
  const now = new Date('2026-12-01T03:00:00.000Z');
  const nobody = { load: async () => null };
  const self: NumberClaim = { memberId: 'b', personId: 'insured' };
  const claimed = (msAgo: number): NumberClaim => ({
    memberId: 'a',
    personId: 'insured',
    recordedAt: new Date(now.getTime() - msAgo).toISOString(),
  });

  it('counts while its command may still be recording, as a conflict naming that member', async () => {
    const conflict = await coverageConflict([claimed(1_000)], nobody, self, '2026-12-01', now);
    expect(conflict).toEqual({ memberId: 'a', lossDate: null, pending: true });
  });

  it('no longer counts once the claimer has had time to finish: it crashed between the two appends', async () => {
    expect(await coverageConflict([claimed(PENDING_CLAIM_MS + 1)], nobody, self, '2026-12-01', now)).toBeNull();
  });

  it("the registry claim's time wins over the vault's index entry for the same person; the own claim never counts", async () => {
    const indexed: NumberClaim = { memberId: 'a', personId: 'insured' };
    expect(await coverageConflict([claimed(1_000), indexed], nobody, self, '2026-12-01', now)).toMatchObject({
      pending: true,
    });
    expect(await coverageConflict([indexed], nobody, self, '2026-12-01', now)).toBeNull();
    const own = { ...self, recordedAt: now.toISOString() };
    expect(await coverageConflict([own], nobody, self, '2026-12-01', now)).toBeNull();
  });
});
