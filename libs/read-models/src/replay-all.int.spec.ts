import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@kenpo/kernel';
import type { Document } from './document-store.js';
import { checkpointName, projectAll } from './projection.js';
import { PROJECTIONS } from './projections/member-projections.js';
import type { EventPages } from './rebuild.js';
import { replayAllInto, replayInto } from './index.js';
import { SqliteDocumentStore } from './sqlite/sqlite-document-store.js';
import { syntheticMemberHistory } from './testing/synthetic-member-history.js';

/** The synthetic history as a store would record it (positions with gaps, as another category's events leave). */
function recordedHistory(members: number): RecordedEvent[] {
  const log: RecordedEvent[] = [];
  const revisions = new Map<string, number>();
  for (const append of syntheticMemberHistory(members)) {
    for (const event of append.events) {
      const revision = (revisions.get(append.streamId) ?? -1) + 1;
      revisions.set(append.streamId, revision);
      log.push({ ...event, streamId: append.streamId, revision, position: log.length * 3 + 1 } as RecordedEvent);
    }
  }
  return log;
}

/** Pages of the log after a position, recording every read (from where, how many events). */
function countedPages(log: readonly RecordedEvent[], size = 89) {
  const reads: { after: number; events: number }[] = [];
  const pages: EventPages = async function* (after) {
    const read = { after, events: 0 };
    reads.push(read);
    const rest = log.filter((e) => e.position > after);
    for (let i = 0; i < rest.length; i += size) {
      read.events += Math.min(size, rest.length - i);
      yield rest.slice(i, i + size);
    }
  };
  return { pages, reads };
}

async function viewsOf(store: SqliteDocumentStore, name: string, version: number): Promise<Document[]> {
  const views: Document[] = [];
  for await (const view of store.iterate({ name, version })) views.push(view);
  return views;
}

describe('replayAllInto: every member projection from one read of the log (issues 4 and 9)', () => {
  let dir: string;
  let store: SqliteDocumentStore;
  const log = recordedHistory(90);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kenpo-replay-all-'));
    store = SqliteDocumentStore.open(join(dir, 'read-models.db'));
    for (const p of PROJECTIONS) await store.declare(p.collection);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the log once and leaves every projection equal to its in-memory fold, checkpoints at the head', async () => {
    const targets = await Promise.all(
      PROJECTIONS.map(async (projection) => ({
        projection,
        version: await store.createVersion(projection.collection.name),
      })),
    );
    const { pages, reads } = countedPages(log);
    const progress = await replayAllInto(store, targets, pages);

    expect(reads).toEqual([{ after: -1, events: log.length }]);
    expect(progress).toMatchObject({
      events: log.length,
      batches: Math.ceil(log.length / 89),
      position: log.at(-1)!.position,
    });
    expect(Object.keys(progress.applyMs).sort()).toEqual(PROJECTIONS.map((p) => p.name).sort());
    for (const { projection, version } of targets) {
      const views = await viewsOf(store, projection.collection.name, version);
      expect(views.length).toBeGreaterThan(50);
      expect(views).toEqual([...projectAll(projection, log).values()]);
      expect(await store.getCheckpoint(checkpointName(projection.name, version))).toBe(log.at(-1)!.position);
    }
  });

  it('targets at different checkpoints (one interrupted earlier): one read from the lowest, each ends equal to its fold', async () => {
    const [summary, search] = PROJECTIONS;
    const ahead = { projection: summary!, version: await store.createVersion(summary!.collection.name) };
    const fresh = { projection: search!, version: await store.createVersion(search!.collection.name) };
    const cut = log[Math.floor(log.length * 0.6)]!.position;
    // The first target already has 60% of the log (an interrupted earlier replay); the second has nothing.
    await replayInto(store, ahead.projection, countedPages(log.filter((e) => e.position <= cut)).pages, {
      version: ahead.version,
    });
    const { pages, reads } = countedPages(log);
    const progress = await replayAllInto(store, [ahead, fresh], pages);

    expect(reads).toEqual([{ after: -1, events: log.length }]);
    expect(progress.position).toBe(log.at(-1)!.position);
    for (const { projection, version } of [ahead, fresh]) {
      expect(await viewsOf(store, projection.collection.name, version)).toEqual([
        ...projectAll(projection, log).values(),
      ]);
    }

    // Resumed when everything is there: reads from the head, applies nothing.
    const again = countedPages(log);
    const resumed = await replayAllInto(store, [ahead, fresh], again.pages);
    expect(again.reads).toEqual([{ after: log.at(-1)!.position, events: 0 }]);
    expect(resumed).toMatchObject({ events: 0, batches: 0, position: log.at(-1)!.position });
  });
  it('write-behind with a tiny cache (flushes and evictions mid-page), interrupted then resumed: every view equals its fold', async () => {
    const targets = await Promise.all(
      PROJECTIONS.map(async (projection) => ({
        projection,
        version: await store.createVersion(projection.collection.name),
      })),
    );
    const options = { flushEvery: 150, maxCachedViews: 7 };
    const stop = new AbortController();
    const { pages } = countedPages(log);
    await expect(
      replayAllInto(store, targets, pages, {
        ...options,
        signal: stop.signal,
        onBatch: (p) => (p.batches === 4 ? stop.abort() : undefined),
      }),
    ).rejects.toThrow();
    // What was flushed before the interruption is consistent with its checkpoint: resuming finishes the job.
    const positions = await Promise.all(
      targets.map((t) => store.getCheckpoint(checkpointName(t.projection.name, t.version))),
    );
    expect(positions.every((p) => p !== null && p < log.at(-1)!.position)).toBe(true);
    const resumed = await replayAllInto(store, targets, countedPages(log).pages, options);
    expect(resumed.position).toBe(log.at(-1)!.position);
    for (const { projection, version } of targets) {
      expect(await viewsOf(store, projection.collection.name, version)).toEqual([
        ...projectAll(projection, log).values(),
      ]);
      expect(await store.getCheckpoint(checkpointName(projection.name, version))).toBe(log.at(-1)!.position);
    }
    // The cache bounds the views held, so some views were written more than once.
    expect(resumed.writes[PROJECTIONS[0]!.name]).toBeGreaterThan(0);
  });
});
