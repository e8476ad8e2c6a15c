import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@kenpo/kernel';
import { type EventStore, SqliteEventStore } from '@kenpo/event-store';
import { anEvent } from '../../../../libs/event-store/src/event-store.contract-helpers.js';
import { SqliteIndividualNumberVault } from '@kenpo/security';
import { type HistoryEntry, memberHistory } from './member-history.js';

/** Every page of a member's history, following the cursors. */
async function wholeHistory(store: EventStore, vault: SqliteIndividualNumberVault, memberId: string, limit: number) {
  const pages: HistoryEntry[][] = [];
  let cursor: string | undefined;
  do {
    const page = await memberHistory(store, vault, memberId, { cursor, limit });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe("a member's history from the per-member index is the history a scan of the log finds (issue 16.4)", () => {
  let dir: string;
  let store: SqliteEventStore;
  let vault: SqliteIndividualNumberVault;
  const member = newId();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kenpo-history-'));
    store = SqliteEventStore.open(join(dir, 'events.db'), { watchWal: false });
    vault = new SqliteIndividualNumberVault(join(dir, 'vault.db'), '1'.repeat(64));
    const other = newId();
    const claim = `claim-${newId()}`;
    const payout = `payout-${newId()}`;
    const early = `claim-${newId()}`;
    const append = (stream: string, type: string, data: Record<string, unknown>) =>
      store.append(stream, [anEvent(type, data)], 'any');
    await append(`member-${member}`, 'MemberEnrolled', { memberId: member });
    await append(`member-${other}`, 'MemberEnrolled', { memberId: other });
    await append(`insured-numbers-1001`, 'NumberAllocated', { memberId: member, number: '1' });
    await append(`insured-numbers-1001`, 'NumberAllocated', { memberId: other, number: '2' });
    // A claim stream whose first event names nobody: only what comes from its first naming event on is the member's.
    await append(early, 'Drafted', { note: 'before it names anyone' });
    await append(early, 'ClaimSubmitted', { memberId: member });
    await append(claim, 'ClaimSubmitted', { memberId: member });
    await append(`claim-${newId()}`, 'ClaimSubmitted', { memberId: other });
    await append(`member-${member}`, 'CardLinked', { personId: 'insured' });
    await append(claim, 'ClaimApproved', { approver: 'a' });
    await append(payout, 'PayoutScheduled', { memberId: member, claimId: claim });
    await append(early, 'ClaimWithdrawn', { reason: 'names nobody' });
    await append(payout, 'PayoutPaid', { amount: 1 });
    await append(`benefit-registry-${other}`, 'Registered', { memberId: other });
    await append(`member-${member}`, 'MemberAddressChanged', { postalCode: '100-0002' });
  });
  afterAll(async () => {
    await vault.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same entries, pages and order for every page size', async () => {
    expect(store.indexesMembers).toBe(true);
    // The same store seen as one without the index: memberHistory scans the log after the cursor instead.
    const scanning = new Proxy(store, {
      get: (target, key) => (key === 'indexesMembers' ? false : Reflect.get(target, key)),
    });
    const all = (await wholeHistory(store, vault, member, 1_000)).flat();
    expect(all.map((e) => e.type)).toEqual([
      'MemberEnrolled',
      'NumberAllocated',
      'ClaimSubmitted',
      'ClaimSubmitted',
      'CardLinked',
      'ClaimApproved',
      'PayoutScheduled',
      'ClaimWithdrawn',
      'PayoutPaid',
      'MemberAddressChanged',
    ]);
    for (const limit of [1, 3, 4, 10, 1_000]) {
      const indexed = await wholeHistory(store, vault, member, limit);
      expect(indexed.flat()).toEqual(all);
      expect(indexed.map((page) => page.map((e) => e.position))).toEqual(
        (await wholeHistory(scanning, vault, member, limit)).map((page) => page.map((e) => e.position)),
      );
    }
  });
});
