import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { SqliteEventStore } from '@kenpo/event-store';
import { mintToken, type RedisEndpoint } from '@kenpo/platform';
import { SqliteDocumentStore } from '@kenpo/read-models';
import { startTestRedis, tempDir, type TempDir } from '@kenpo/testing';
import { apiAt, expectStatus } from '../support/api.js';
import { type AppProcess, kill9, startAppProcess, stopGracefully } from '../support/app-process.js';
import { TEST_JWT_SECRET } from '../support/back-office.js';
import { enrollment, individualNumber } from '../support/members.js';
import { expectViewsEqualToRebuild, projectionPositions } from '../support/rebuild-compare.js';

const CLIENTS = 8;
/** Acknowledged enrollments before the kill: enough that the kill lands among requests in flight. */
const ACKNOWLEDGED_BEFORE_KILL = 40;

interface Acknowledged {
  memberId: string;
  revision: number;
  position: number;
}

/**
 * Issue 18.7: the whole system (the API's process, taking its projector and payment worker processes with it)
 * SIGKILLed while 8 clients write; every write it acknowledged is found after the restart, and every view equals a
 * rebuild from the log.
 */
describe('kill -9 under concurrent write load (issue 18.7)', () => {
  let dir: TempDir;
  let redis: RedisEndpoint;
  let app: AppProcess | undefined;
  let clerk: string;

  beforeAll(async () => {
    dir = tempDir('kenpo-fault-kill-');
    redis = await startTestRedis();
    clerk = await mintToken(TEST_JWT_SECRET, 'clerk-load', 'clerk');
  });
  afterAll(async () => {
    if (app) await kill9(app.child);
    await redis?.stop();
    dir?.remove();
  });

  it('finds every acknowledged write after the restart, and views equal to a rebuild', async () => {
    const env = { DATA_DIR: dir.path, REDIS_URL: redis.url };
    app = await startAppProcess(env);
    const api = apiAt(app.url, clerk);
    const acknowledged: Acknowledged[] = [];
    let seed = 71_000;
    let killing: Promise<unknown> | undefined;
    const client = async (index: number) => {
      while (!killing) {
        const body = enrollment({ individualNumber: individualNumber(seed++), symbol: `70${index}` });
        try {
          const res = await api.POST('/members', { body });
          if (res.response.status === 201) acknowledged.push(res.data as Acknowledged);
          else throw new Error(`unexpected ${res.response.status} ${JSON.stringify(res.error)}`);
        } catch (error) {
          if (!killing) throw error;
          // the connection died with the process: not acknowledged, so nothing to find
        }
        if (acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL && !killing) killing = kill9(app!.child);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    expect(await killing).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

    app = await startAppProcess(env);
    const events = SqliteEventStore.open(join(dir.path, 'events.db'));
    const documents = SqliteDocumentStore.open(join(dir.path, 'read-models.db'));
    try {
      // Every acknowledged write is in the log at its revision and position...
      for (const ack of acknowledged) {
        const stream = await events.readStream(`member-${ack.memberId}`);
        expect(stream.at(ack.revision)?.position).toBe(ack.position);
      }
      // ...and answered by the restarted system, read-your-writes included.
      const last = acknowledged.reduce((max, a) => Math.max(max, a.position), -1);
      for (const ack of acknowledged.slice(-5)) {
        const view = await apiAt(app.url, clerk).GET('/members/{memberId}', {
          params: { path: { memberId: ack.memberId }, query: { minPosition: String(last) } },
        });
        expectStatus(view, 200);
      }
      const head = await events.headPosition();
      for (let i = 0; i < 1_000 && (await projectionPositions(documents)).some((p) => p < head); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await stopGracefully(app.child)).toBe(0);
      app = undefined;
      const compared = await expectViewsEqualToRebuild(events, documents);
      expect(Math.min(...compared)).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await documents.close();
      await events.close();
    }
  }, 180_000);
});
