import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@kenpo/kernel';
import type { DocumentStore } from './document-store.js';
import { applyBatch, type Projection } from './projection.js';
import { SqliteDocumentStore } from './sqlite/sqlite-document-store.js';

// A toy projection: one view per member with their kana and dependant count.
interface MemberCard {
  id: string;
  kana: string;
  dependants: number;
}

let collectionCounter = 0;
function memberCards(): Projection<MemberCard> {
  const name = `member_cards_${++collectionCounter}`;
  return {
    name,
    collection: { name, indexes: ['kana'] },
    eventTypes: ['MemberEnrolled', 'MemberRenamed', 'DependantTransferred', 'MemberLost'],
    streamPrefixes: ['member-'],
    idsFor: (event) => {
      const data = event.data as { memberId?: string; fromMemberId?: string; toMemberId?: string };
      return event.type === 'DependantTransferred' ? [data.fromMemberId!, data.toMemberId!] : [data.memberId!];
    },
    apply: (view, event) => {
      const data = event.data as Record<string, string>;
      switch (event.type) {
        case 'MemberEnrolled':
          return { id: data.memberId!, kana: data.kana!, dependants: Number(data.dependants ?? 0) };
        case 'MemberRenamed':
          return view && { ...view, kana: data.kana! };
        case 'DependantTransferred':
          return view && { ...view, dependants: view.dependants + (view.id === data.toMemberId ? 1 : -1) };
        case 'MemberLost':
          return null;
        default:
          return view;
      }
    },
  };
}

let position = 100;
function recorded(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  position += 3; // positions are increasing, not contiguous
  return {
    streamId,
    revision: 0,
    position,
    type,
    data,
    metadata: {
      eventId: `e-${position}`,
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'clerk-1', role: 'clerk' },
      recordedAt: '2026-04-01T00:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

describe('applyBatch with a toy projection', () => {
  let dir: string;
  let store: DocumentStore;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kenpo-projection-'));
    store = SqliteDocumentStore.open(join(dir, 'read-models.db'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function given(projection: Projection<MemberCard>, events: RecordedEvent[]) {
    await store.declare(projection.collection);
    return applyBatch(store, projection, events);
  }

  it('applies events in order, touching two views at once, and checkpoints the last position of the batch', async () => {
    const p = memberCards();
    const events = [
      recorded('member-a', 'MemberEnrolled', { memberId: 'a', kana: 'ヤマダタロウ', dependants: '2' }),
      recorded('member-b', 'MemberEnrolled', { memberId: 'b', kana: 'ヤマモトハナコ' }),
      recorded('member-a', 'DependantTransferred', { fromMemberId: 'a', toMemberId: 'b' }),
      recorded('member-b', 'MemberRenamed', { memberId: 'b', kana: 'ヤマダハナコ' }),
      recorded('claim-x', 'BenefitClaimSubmitted', { memberId: 'a' }),
    ];
    const result = await given(p, events);
    expect(await store.get(p.collection.name, 'a')).toEqual({
      id: 'a',
      kana: 'ヤマダタロウ',
      dependants: 1,
      _position: events[2]!.position,
    });
    expect(await store.get(p.collection.name, 'b')).toEqual({
      id: 'b',
      kana: 'ヤマダハナコ',
      dependants: 1,
      _position: events[3]!.position,
    });
    expect(result).toEqual({ applied: 5, skipped: 0, written: 2, checkpoint: events[4]!.position });
    expect(await store.getCheckpoint(p.name)).toBe(events[4]!.position);
  });

  it('changes nothing when the same batch is delivered again', async () => {
    const p = memberCards();
    const events = [
      recorded('member-a', 'MemberEnrolled', { memberId: 'a', kana: 'アオキ', dependants: '1' }),
      recorded('member-c', 'MemberEnrolled', { memberId: 'c', kana: 'カトウ' }),
      recorded('member-a', 'DependantTransferred', { fromMemberId: 'a', toMemberId: 'c' }),
    ];
    await given(p, events);
    const before = await store.find(p.collection.name);
    const again = await applyBatch(store, p, events);
    expect(again).toMatchObject({ applied: 0, skipped: 4, written: 0 });
    expect(await store.find(p.collection.name)).toEqual(before);
    expect((await store.get<MemberCard>(p.collection.name, 'c'))?.dependants).toBe(1);
  });

  it('skips an older event delivered after a newer one, and never moves the checkpoint back', async () => {
    const p = memberCards();
    const enrolled = recorded('member-d', 'MemberEnrolled', { memberId: 'd', kana: 'サトウ' });
    const older = recorded('member-d', 'MemberRenamed', { memberId: 'd', kana: 'サトウイチロウ' });
    const newer = recorded('member-d', 'MemberRenamed', { memberId: 'd', kana: 'サイトウ' });
    await given(p, [enrolled, newer]);
    const result = await applyBatch(store, p, [older]);
    expect(result).toEqual({ applied: 0, skipped: 1, written: 0, checkpoint: newer.position });
    expect(await store.get(p.collection.name, 'd')).toMatchObject({ kana: 'サイトウ', _position: newer.position });
  });

  it('deletes a view when apply returns null, and ignores streams outside its prefixes', async () => {
    const p = memberCards();
    const events = [
      recorded('member-e', 'MemberEnrolled', { memberId: 'e', kana: 'エンドウ' }),
      recorded('member-f', 'MemberEnrolled', { memberId: 'f', kana: 'フジタ' }),
      recorded('member-e', 'MemberLost', { memberId: 'e' }),
      recorded('imported-g', 'MemberEnrolled', { memberId: 'g', kana: 'ゴトウ' }),
    ];
    await given(p, events);
    expect((await store.find(p.collection.name)).items.map((v) => v.id)).toEqual(['f']);
    expect(await store.getCheckpoint(p.name)).toBe(events[3]!.position);
  });

  it('rebuilds into a new version with its own checkpoint, equal to the live view', async () => {
    const p = memberCards();
    const history = [
      recorded('member-h', 'MemberEnrolled', { memberId: 'h', kana: 'ハヤシ', dependants: '3' }),
      recorded('member-i', 'MemberEnrolled', { memberId: 'i', kana: 'イトウ' }),
      recorded('member-h', 'DependantTransferred', { fromMemberId: 'h', toMemberId: 'i' }),
    ];
    await given(p, history.slice(0, 2));
    await applyBatch(store, p, history.slice(2)); // live: two batches
    const version = await store.createVersion(p.collection.name);
    const rebuilt = await applyBatch(store, p, history, {
      target: { name: p.collection.name, version },
      checkpoint: `${p.name}@v${version}`,
    });
    expect(rebuilt.checkpoint).toBe(history[2]!.position);
    const collect = async (target: Parameters<DocumentStore['iterate']>[0]) => {
      const all: unknown[] = [];
      for await (const view of store.iterate(target)) all.push(view);
      return all;
    };
    expect(await collect({ name: p.collection.name, version })).toEqual(await collect(p.collection.name));
    expect(await store.getCheckpoint(p.name)).toBe(history[2]!.position);
  });
});
