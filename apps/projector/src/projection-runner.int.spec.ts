import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId, type RecordedEvent } from '@kenpo/kernel';
import { SqliteEventStore } from '@kenpo/event-store';
import {
  compareVersions,
  PROJECTIONS,
  projectAll,
  projectionPosition,
  replayInto,
  SqliteDocumentStore,
  syntheticMemberHistory,
  type Document,
  type SyntheticAppend,
} from '@kenpo/read-models';
import { projectionLag } from './projection-lag.js';
import { ProjectionRunner } from './projection-runner.js';
import { logPages, rebuildProjection } from './rebuild-projection.js';

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ProjectionRunner over SQLite (issue 4)', () => {
  let dir: string;
  let events: SqliteEventStore;
  let documents: SqliteDocumentStore;
  let runners: ProjectionRunner[];
  const appends: SyntheticAppend[] = [...syntheticMemberHistory(500)];
  const append = async (batch: SyntheticAppend[]) => {
    for (const a of batch) await events.append(a.streamId, a.events, a.expectedRevision);
  };
  const caughtUp = async () => {
    const head = await events.headPosition();
    for (const p of PROJECTIONS) if (((await projectionPosition(documents, p)) ?? -1) < head) return false;
    return true;
  };
  /** Every active view equals the in-memory fold of the whole log. */
  const expectViewsEqualFold = async () => {
    const log: RecordedEvent[] = [];
    for await (const page of events.readAllPages()) log.push(...page);
    for (const projection of PROJECTIONS) {
      const stored: Document[] = [];
      for await (const view of documents.iterate(projection.collection.name)) stored.push(view);
      expect(stored).toEqual([...projectAll(projection, log).values()]);
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kenpo-runner-'));
    events = SqliteEventStore.open(join(dir, 'events.db'));
    documents = SqliteDocumentStore.open(join(dir, 'read-models.db'));
    for (const p of PROJECTIONS) await documents.declare(p.collection);
    runners = PROJECTIONS.map((p) => new ProjectionRunner(events, documents, p, { batchSize: 100 }));
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await documents.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('catches up in batches, then applies live events; views equal a fold of the log', async () => {
    await append(appends.slice(0, 400));
    for (const runner of runners) runner.start();
    await until(caughtUp);
    await until(async () => runners.every((r) => r.status().state === 'live'));
    await append(appends.slice(400, 600));
    await until(caughtUp);
    await expectViewsEqualFold();
    const lag = await projectionLag(events, documents, PROJECTIONS[0]!, new Date());
    expect(lag).toMatchObject({ eventsBehind: 0, secondsBehind: 0, head: await events.headPosition() });
  });

  it('a rebuild while events keep coming switches versions; the live runner catches the new version up: identical to a fold', async () => {
    const writing = append(appends.slice(600, 900));
    const results = await Promise.all(
      PROJECTIONS.map((p) => rebuildProjection(events, documents, p, { dropAfterMs: 50, pageSize: 200 })),
    );
    await writing;
    for (const [i, result] of results.entries()) {
      expect(await documents.activeVersion(PROJECTIONS[i]!.collection.name)).toBe(result.version);
      expect(result.dropped).toBe(true);
    }
    await until(async () =>
      runners.every((r, i) => r.status().version === results[i]!.version && r.status().state === 'live'),
    );
    expect(appends.length).toBeGreaterThan(950);
    await append(appends.slice(900));
    await until(caughtUp);
    await expectViewsEqualFold();
  });

  it('a shadow replay (compliance verification) equals the live version', async () => {
    for (const projection of PROJECTIONS) {
      const name = projection.collection.name;
      const shadow = await documents.createVersion(name);
      await replayInto(documents, projection, logPages(events, 250), { version: shadow });
      expect(await compareVersions(documents, name, (await documents.activeVersion(name))!, shadow)).toMatchObject({
        equal: true,
      });
      await documents.dropVersion(name, shadow);
    }
  });

  it('reports lag while behind, and stops promptly', async () => {
    await Promise.all(runners.map((r) => r.stop()));
    expect(runners.every((r) => r.status().state === 'stopped')).toBe(true);
    const before = await events.headPosition();
    const commandId = newId();
    const metadata = {
      eventId: commandId,
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: 'test', role: 'system' as const },
      recordedAt: new Date(Date.now() - 5_000).toISOString(),
      schemaVersion: 1,
    };
    await events.append('test-lag', [{ type: 'LagProbed', data: {}, metadata }], 'no_stream');
    const lag = await projectionLag(events, documents, PROJECTIONS[1]!, new Date());
    expect(lag.position).toBe(before);
    expect(lag.eventsBehind).toBe((await events.readAll({ after: before })).length);
    expect(lag.eventsBehind).toBe(1);
    expect(lag.secondsBehind).toBeGreaterThanOrEqual(5);
  });
});
