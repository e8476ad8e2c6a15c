import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
// Raw requests on purpose (supertest): each has its own timeout and a connection refused while Redis restarts counts
// as no answer, which the test tallies itself.
import request from 'supertest';
import { SqliteEventStore } from '@kenpo/event-store';
import { mintToken, type RedisEndpoint } from '@kenpo/platform';
import { startTestRedis, tempDir, type TempDir } from '@kenpo/testing';
import { type AppProcess, kill9, startAppProcess } from '../support/app-process.js';
import { TEST_JWT_SECRET } from '../support/back-office.js';
import { enrollment, individualNumber } from '../support/members.js';

const CLIENTS = 4;
const REQUESTS_PER_CLIENT = 12;

/**
 * Issue 18.7: Redis (the Idempotency-Key answers, the queues) is killed in the middle of keyed writes and comes back
 * EMPTY on the same port. A client retries every write that got no 2xx with the same key: each key ends as exactly
 * one member, every acknowledged write is kept, and nothing is written twice although Redis forgot every answer.
 */
describe('Redis killed and restarted empty mid-run (issue 18.7)', () => {
  let dir: TempDir;
  let redis: RedisEndpoint | undefined;
  let app: AppProcess | undefined;
  let clerk: string;

  beforeAll(async () => {
    dir = tempDir('kenpo-fault-redis-');
    redis = await startTestRedis();
    clerk = await mintToken(TEST_JWT_SECRET, 'clerk-redis', 'clerk');
  });
  afterAll(async () => {
    if (app) await kill9(app.child);
    await redis?.stop();
    dir?.remove();
  });

  it('each key is one member, acknowledged writes kept, retries with the same key never write twice', async () => {
    const port = Number(new URL(redis!.url).port);
    app = await startAppProcess({ DATA_DIR: dir.path, REDIS_URL: redis!.url });
    const url = app.url;
    const bodies = new Map<string, Record<string, unknown>>();
    const outcomes = new Map<string, number>();
    let seed = 72_000;
    const send = async (key: string) => {
      const res = await request(url)
        .post('/members')
        .set('authorization', `Bearer ${clerk}`)
        .set('idempotency-key', key)
        .timeout(20_000)
        .send(bodies.get(key)!)
        .catch(() => null);
      outcomes.set(key, res?.status ?? 0);
      return res;
    };
    let sent = 0;
    let restarted: Promise<void> | undefined;
    const client = async (c: number) => {
      for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
        const key = `redis-fault-${c}-${i}`;
        bodies.set(key, enrollment({ individualNumber: individualNumber(seed++), symbol: `71${c}` }));
        await send(key);
        // A third of the way in, Redis dies with every answer it held and an empty one takes its port.
        if (++sent === Math.floor((CLIENTS * REQUESTS_PER_CLIENT) / 3))
          restarted = (async () => {
            await redis!.stop();
            await new Promise((resolve) => setTimeout(resolve, 300));
            redis = await startTestRedis(port);
          })();
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    await restarted;
    const acknowledged = [...outcomes].filter(([, status]) => status === 201).map(([key]) => key);
    expect(acknowledged.length).toBeGreaterThan(0);

    // The client's retry: every key again (acknowledged or not), until each answers 201 or its replay.
    for (let round = 0; round < 5; round++) {
      const open = [...bodies.keys()].filter((key) => round === 0 || outcomes.get(key) !== 201);
      for (const key of open) await send(key);
    }
    expect([...outcomes.values()].every((status) => status === 201)).toBe(true);

    const events = SqliteEventStore.open(join(dir.path, 'events.db'));
    try {
      const enrolled = new Map<string, number>();
      for await (const page of events.readAllPages())
        for (const e of page)
          if (e.type === 'MemberEnrolled') enrolled.set(e.streamId, (enrolled.get(e.streamId) ?? 0) + 1);
      // One member per key, each enrolled once: Redis forgetting the answers made no retry write twice.
      expect(enrolled.size).toBe(bodies.size);
      expect([...enrolled.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await events.close();
    }
  }, 240_000);
});
