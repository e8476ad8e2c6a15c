import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@kenpo/kernel';
import type { Document } from './document-store.js';
import { applyBatch, checkpointName, projectAll } from './projection.js';
import { PROJECTIONS } from './projections/member-projections.js';
import { memberSummaryProjection } from './projections/member-summary.projection.js';
import { compareVersions, rebuild, replayInto, type EventPages } from './rebuild.js';
import { SqliteDocumentStore } from './sqlite/sqlite-document-store.js';
import { syntheticMemberHistory } from './testing/synthetic-member-history.js';
import { waitForPosition } from './wait-for-checkpoint.js';

/** The synthetic history as a store would record it, plus events of another stream category in between. */
function recordedHistory(members: number): RecordedEvent[] {
  const log: RecordedEvent[] = [];
  const revisions = new Map<string, number>();
  for (const append of syntheticMemberHistory(members)) {
    for (const event of append.events) {
      const revision = (revisions.get(append.streamId) ?? -1) + 1;
      revisions.set(append.streamId, revision);
      log.push({ ...event, streamId: append.streamId, revision, position: log.length * 2 } as RecordedEvent);
    }
  }
  return log;
}

const pagesOf = (log: readonly RecordedEvent[], size = 97): EventPages =>
  async function* (after) {
    const rest = log.filter((e) => e.position > after);
    for (let i = 0; i < rest.length; i += size) yield rest.slice(i, i + size);
  };

describe('replay, rebuild and comparison of versions (issue 4)', () => {
  let dir: string;
  let store: SqliteDocumentStore;
  const log = recordedHistory(120);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kenpo-rebuild-'));
    store = SqliteDocumentStore.open(join(dir, 'read-models.db'));
    for (const p of PROJECTIONS) await store.declare(p.collection);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuild replays into a new version, switches to it and drops the old one; every view equals the in-memory fold', async () => {
    for (const projection of PROJECTIONS) {
      const name = projection.collection.name;
      const live = (await store.activeVersion(name))!;
      for (let i = 0; i < log.length; i += 50)
        await applyBatch(store, projection, log.slice(i, i + 50), {
          checkpoint: checkpointName(projection.name, live),
        });
      const result = await rebuild(store, projection, pagesOf(log), { dropAfterMs: 0 });
      expect(result).toMatchObject({ previous: live, dropped: true, position: log.at(-1)!.position });
      expect(await store.activeVersion(name)).toBe(result.version);
      expect(await store.versions(name)).toEqual([result.version]);
      const stored: Document[] = [];
      for await (const view of store.iterate(name)) stored.push(view);
      expect(stored).toEqual([...projectAll(projection, log).values()]);
      expect(stored.length).toBeGreaterThan(100);
    }
  });

  it('replayInto resumes from its checkpoint; compareVersions finds missing, extra and different views', async () => {
    const name = memberSummaryProjection.collection.name;
    const active = (await store.activeVersion(name))!;
    const shadow = await store.createVersion(name);
    const half = log[Math.floor(log.length / 2)]!.position;
    const first = await replayInto(
      store,
      memberSummaryProjection,
      async function* (after) {
        yield* pagesOf(log.filter((e) => e.position <= half))(after);
      },
      { version: shadow },
    );
    const second = await replayInto(store, memberSummaryProjection, pagesOf(log), { version: shadow });
    expect(first.events + second.events).toBe(log.length);
    expect(await compareVersions(store, name, active, shadow)).toMatchObject({ equal: true, differences: [] });

    const views: Document[] = [];
    for await (const view of store.iterate({ name, version: shadow })) views.push(view);
    await store.bulkWrite({ name, version: shadow }, [
      { delete: views[0]!.id },
      { put: { ...views[1]!, revision: 99 } },
      { put: { id: 'zzz-extra' } },
    ]);
    const comparison = await compareVersions(store, name, active, shadow);
    expect(comparison.equal).toBe(false);
    expect(comparison.differences).toEqual([
      { id: views[0]!.id, kind: 'missing' },
      { id: views[1]!.id, kind: 'different' },
      { id: 'zzz-extra', kind: 'extra' },
    ]);
    await store.dropVersion(name, shadow);
  });

  it('waitForPosition answers as soon as the active version reaches the position, or gives up after the timeout', async () => {
    const projection = PROJECTIONS[1]!;
    const head = log.at(-1)!.position;
    expect(await waitForPosition(store, projection, head)).toEqual({ reached: true, position: head });
    const unrelated = {
      ...log.at(-1)!,
      streamId: 'payout-x',
      type: 'PayoutScheduled',
      position: head + 10,
      revision: 0,
    };
    expect(await waitForPosition(store, projection, head + 10, { timeoutMs: 100 })).toEqual({
      reached: false,
      position: head,
    });
    const version = (await store.activeVersion(projection.collection.name))!;
    const waiting = waitForPosition(store, projection, head + 10, { timeoutMs: 5_000 });
    const started = performance.now();
    setTimeout(
      () => void applyBatch(store, projection, [unrelated], { checkpoint: checkpointName(projection.name, version) }),
      30,
    );
    expect(await waiting).toEqual({ reached: true, position: head + 10 });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
