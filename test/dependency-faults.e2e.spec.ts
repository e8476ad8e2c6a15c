import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { anonymousApi, type ApiClient, apiAs, expectStatus } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enrollment, eventCount, individualNumber } from './support/members.js';

/** 503 problem+json naming the part, with Retry-After: a client knows to come back, not to fix its request. */
function expectUnavailable(res: { response: Response; error?: unknown }, code: string) {
  expect(res.response.status).toBe(503);
  expect(res.response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect((res.error as { code?: string }).code).toBe(code);
  expect(Number(res.response.headers.get('retry-after'))).toBeGreaterThan(0);
}

async function eventually(check: () => Promise<boolean>, what: string, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

/** A redis-server on a given port (the one the system was configured with, after the first one was stopped). */
async function redisServerOn(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
  await eventually(
    () =>
      probe.ping().then(
        () => true,
        () => false,
      ),
    'redis-server answering',
  );
  probe.disconnect();
  return child;
}

describe('failing dependencies answer 503 with Retry-After and a code; /health names the part (issue 18.5)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let operator: ApiClient;
  let anonymous: ApiClient;
  let restarted: ChildProcess | undefined;
  beforeAll(async () => {
    // Inline: the disk-full case below limits the pages of the app's own connection, which then is the one that
    // writes. The writer thread returns SQLite's codes unchanged (sqlite-event-store.int.spec.ts).
    system = await startTestBackOffice({ PROCESS_ROLES: 'api,projector,worker', SQLITE_EVENT_WRITER: 'inline' });
    clerk = await apiAs(system, 'clerk');
    operator = await apiAs(system, 'payment-operator');
    anonymous = await anonymousApi(system);
  });
  afterAll(async () => {
    await system?.close();
    restarted?.kill('SIGTERM');
  });

  const enroll = (seed: number, key?: string) =>
    clerk.POST('/members', {
      params: { header: { 'Idempotency-Key': key } },
      body: enrollment({ individualNumber: individualNumber(seed) }),
    });
  const health = () => anonymous.GET('/health');
  /** The health report of a 503 (documented as the report, not a problem). */
  const downReport = async () => {
    const res = await health();
    expect(res.response.status).toBe(503);
    const report = res.error!;
    if (!('info' in report)) throw new Error(`not a health report: ${JSON.stringify(report)}`);
    return report;
  };

  it('Redis down: keyed writes and payout runs answer 503 redis_unavailable; unkeyed writes go on; back when Redis is', async () => {
    const { runId } = expectStatus(await operator.POST('/payout-runs'), 202).data;
    // The run ends first: a write of its own landing later would end the next test's "down until a write succeeds".
    await eventually(
      async () =>
        (await operator.GET('/payout-runs/{runId}', { params: { path: { runId } } })).data?.status === 'nothing-to-pay',
      'the first run to end',
      600,
    );
    await system.redis.stop();
    const before = await eventCount(system);
    expectUnavailable(await enroll(8101, 'redis-down-0001'), 'redis_unavailable');
    expect(await eventCount(system)).toBe(before);
    expectUnavailable(await operator.POST('/payout-runs'), 'redis_unavailable');
    const runs = expectStatus(await operator.GET('/payout-runs'), 200).data;
    const anyRun = runs.items[0]?.runId ?? 'run-20250101-0900';
    expectUnavailable(
      await operator.GET('/payout-runs/{runId}', { params: { path: { runId: anyRun } } }),
      'redis_unavailable',
    );
    expect((await enroll(8102)).response.status).toBe(201); // no Redis needed without Idempotency-Key
    const down = await downReport();
    expect(down.error!.redis!.status).toBe('down');
    expect(down.info!.eventStore!.status).toBe('up');

    restarted = await redisServerOn(Number(new URL(system.redis.url).port));
    await eventually(async () => (await health()).response.status === 200, 'health back to 200');
    expect((await enroll(8101, 'redis-down-0001')).response.status).toBe(201);
  });

  it('disk full (SQLITE_FULL): 503 storage_full, the event store down on /health until a write succeeds', async () => {
    // The app's own connection to its event store, limited to the pages it has: the next write finds the disk
    // "full" exactly as SQLite reports a full disk (SQLITE_FULL), without filling the machine's disk.
    const db = (system.events as unknown as { db: Database.Database }).db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    let whileFull = 0;
    try {
      const before = await eventCount(system);
      let refused: Awaited<ReturnType<typeof enroll>> | undefined;
      for (let seed = 8200; seed < 8260 && !refused; seed++) {
        const res = await enroll(seed);
        if (res.response.status !== 201) refused = res;
      }
      expectUnavailable(refused!, 'storage_full');
      expect(refused!.error!.dependency).toBe('storage');
      whileFull = await eventCount(system);
      const down = await downReport();
      expect(down.error!.eventStore!.status).toBe('down');
      expect(down.error!.eventStore!.message).toMatch(/storage_full/);
      expect(whileFull).toBeGreaterThanOrEqual(before);
    } finally {
      db.pragma('max_page_count = 1073741823');
    }
    // Room again, but the event store stays down until a write succeeds. The first may be the app's own (the
    // reactor retrying what it could not record while the disk was full): up then means an event was recorded.
    const afterRoom = await health();
    if (afterRoom.response.status === 200) expect(await eventCount(system)).toBeGreaterThan(whileFull);
    else expect(afterRoom.response.status).toBe(503);
    expect((await enroll(8299)).response.status).toBe(201);
    const healthy = await health();
    expect(healthy.data?.error ?? {}).toEqual({});
    expect(healthy.response.status).toBe(200);
  });

  it('store locked past its busy timeout (SQLITE_BUSY): 503 store_busy, and the retry succeeds once it is free', async () => {
    const other = new Database(join(system.dataDir, 'events.db'));
    other.exec('BEGIN IMMEDIATE'); // another process holding the write lock
    try {
      expectUnavailable(await enroll(8301), 'store_busy');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await enroll(8301)).response.status).toBe(201);
  });
});
