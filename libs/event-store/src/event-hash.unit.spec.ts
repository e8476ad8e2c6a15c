import { describe, expect, it } from '@jest/globals';
import type { EventMetadata, RecordedEvent } from '@kenpo/kernel';
import { chainMetadata, GENESIS_HASH, hashEvent, verifyStreamChain } from './event-hash.js';
import { anEvent } from './event-store.contract-helpers.js';

/** A chained stream built the way the adapters build it, positions 10, 20, ... */
function chain(streamId: string, count: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previous = GENESIS_HASH;
  for (let revision = 0; revision < count; revision++) {
    const { type, data, metadata } = anEvent('Happened', { n: revision, 名前: '山田' });
    const chained = chainMetadata(streamId, revision, type, data, metadata, previous);
    previous = chained.hash!;
    events.push({ streamId, revision, position: (revision + 1) * 10, type, data, metadata: chained });
  }
  return events;
}

describe('event hash chain', () => {
  it('hashes the canonical form: key order and the stored hash itself do not matter', () => {
    const [event] = chain('member-1', 1);
    const reordered = {
      ...event!,
      data: Object.fromEntries(Object.entries(event!.data).reverse()),
      metadata: { ...event!.metadata, hash: 'x' },
    };
    expect(hashEvent(reordered)).toBe(event!.metadata.hash);
    expect(event!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the sha256 (hex) of the RFC 8785 text: the value every recorded log is verified against', () => {
    const metadata = { eventId: 'e1', previousHash: GENESIS_HASH, hash: 'ignored' } as unknown as EventMetadata;
    const event = { streamId: 'member-1', revision: 0, type: 'Happened', data: { b: 1, a: '山田' }, metadata };
    // sha256 of {"data":{"a":"山田","b":1},"metadata":{"eventId":"e1","previousHash":""},"revision":0,"streamId":"member-1","type":"Happened"}
    expect(hashEvent(event)).toBe('c88fbc41faab6f427c0f4addafd3ecd5bd507663f361969a265b837361f7d0cc');
  });

  it('covers the stream id, the revision, the type, the data and the metadata', () => {
    const [event] = chain('member-1', 1);
    const base = hashEvent(event!);
    expect(hashEvent({ ...event!, streamId: 'member-2' })).not.toBe(base);
    expect(hashEvent({ ...event!, revision: 1 })).not.toBe(base);
    expect(hashEvent({ ...event!, type: 'Other' })).not.toBe(base);
    expect(hashEvent({ ...event!, data: { n: 0, 名前: '山本' } })).not.toBe(base);
    expect(
      hashEvent({ ...event!, metadata: { ...event!.metadata, actor: { id: 'someone-else', role: 'admin' } } }),
    ).not.toBe(base);
    expect(hashEvent({ ...event!, metadata: { ...event!.metadata, previousHash: 'f'.repeat(64) } })).not.toBe(base);
  });

  it('accepts an intact chain, also as a slice given the hash before it', () => {
    const events = chain('member-1', 6);
    expect(verifyStreamChain(events)).toBeNull();
    expect(verifyStreamChain(events.slice(3), events[2]!.metadata.hash)).toBeNull();
    expect(verifyStreamChain([])).toBeNull();
  });

  it('reports the first break: edit, forged hash, missing, reordered, foreign or unhashed event', () => {
    const events = chain('member-1', 5);
    const edit = (revision: number, change: (e: RecordedEvent) => RecordedEvent): RecordedEvent[] =>
      events.map((e) => (e.revision === revision ? change(e) : e));
    expect(verifyStreamChain(edit(1, (e) => ({ ...e, type: 'Forged' })))).toEqual({
      revision: 1,
      position: 20,
      reason: 'hash_mismatch',
    });
    const forged = edit(1, (e) => {
      const f = { ...e, data: { n: 7 } };
      return { ...f, metadata: { ...f.metadata, hash: hashEvent(f) } };
    });
    expect(verifyStreamChain(forged)).toEqual({ revision: 2, position: 30, reason: 'previous_hash_mismatch' });
    expect(verifyStreamChain(events.filter((e) => e.revision !== 3))).toEqual({
      revision: 4,
      position: 50,
      reason: 'revision_gap',
    });
    expect(verifyStreamChain([events[1]!, events[0]!])).toMatchObject({ revision: 0, reason: 'revision_gap' });
    expect(verifyStreamChain([...events.slice(0, 2), chain('member-2', 3)[2]!])).toMatchObject({
      reason: 'wrong_stream',
    });
    const { hash: _dropped, ...unhashed } = events[0]!.metadata;
    expect(verifyStreamChain([{ ...events[0]!, metadata: unhashed }])).toMatchObject({
      revision: 0,
      reason: 'missing_hash',
    });
    expect(verifyStreamChain(events.slice(2), 'wrong')).toMatchObject({
      revision: 2,
      reason: 'previous_hash_mismatch',
    });
  });

  it('requires a stream starting at revision 0 to link to the genesis value', () => {
    const events = chain('member-1', 2);
    const fake = chainMetadata('member-1', 0, events[0]!.type, events[0]!.data, events[0]!.metadata, 'a'.repeat(64));
    expect(verifyStreamChain([{ ...events[0]!, metadata: fake }])).toMatchObject({
      revision: 0,
      reason: 'previous_hash_mismatch',
    });
  });
});
