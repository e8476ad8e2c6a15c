import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getPriority } from 'node:os';
import { mintToken, type RedisEndpoint } from '@kenpo/platform';
import { partsOf, startTestRedis, tempDir, type TempDir } from '@kenpo/testing';
import { apiAt, expectStatus } from './support/api.js';
import { type AppProcess, alive, kill9, startAppProcess, stopGracefully, untilGone } from './support/app-process.js';
import { TEST_JWT_SECRET } from './support/back-office.js';
import { enrollment, individualNumber } from './support/members.js';

/**
 * Issue 16.1: the embedded profile runs the API in the process `npm start` starts and the projector and the payment
 * worker in child processes of their own (each its own event loop), as one unit: the parts end with it, and a part
 * killed takes it down the same way (so a supervisor restarts the whole, and the crash tests keep their meaning).
 */
describe('process layout of the embedded profile (issue 16.1)', () => {
  let dir: TempDir;
  let redis: RedisEndpoint;
  let app: AppProcess | undefined;
  let clerk: string;

  beforeAll(async () => {
    dir = tempDir('kenpo-layout-');
    redis = await startTestRedis();
    clerk = await mintToken(TEST_JWT_SECRET, 'clerk-layout', 'clerk');
  });
  afterAll(async () => {
    if (app) await kill9(app.child);
    await redis?.stop();
    dir?.remove();
  });

  it('projects and serves the queue dashboard from separate processes, and stops them with it', async () => {
    app = await startAppProcess({ DATA_DIR: dir.path, REDIS_URL: redis.url });
    expect(partsOf(app.child.pid!).map((part) => part.roles)).toEqual(['projector', 'worker']);
    // When the cores are contended, requests waiting on the API go before catching up and runs.
    for (const part of partsOf(app.child.pid!))
      expect(getPriority(part.pid)).toBeGreaterThan(getPriority(app.child.pid!));

    const api = apiAt(app.url, clerk);
    const enrolled = expectStatus(
      await api.POST('/members', { body: enrollment({ individualNumber: individualNumber(61_001) }) }),
      201,
    ).data;
    // Read-your-writes through a view only the projector process writes.
    const view = await api.GET('/members/{memberId}', {
      params: { path: { memberId: enrolled.memberId }, query: { minPosition: String(enrolled.position) } },
    });
    expect(expectStatus(view, 200).data.memberId).toBe(enrolled.memberId);
    expect(view.response.headers.get('x-read-model-stale')).toBeNull();
    // The dashboard stays on the API's port though the worker runs apart.
    const operator = await mintToken(TEST_JWT_SECRET, 'operator-layout', 'payment-operator');
    const dashboard = await fetch(`${app.url}/queues/`, { headers: { authorization: `Bearer ${operator}` } });
    expect(dashboard.status).toBe(200);

    const parts = partsOf(app.child.pid!);
    expect(await stopGracefully(app.child)).toBe(0);
    app = undefined;
    expect(parts.filter((part) => alive(part.pid))).toEqual([]);
  }, 90_000);

  it('ends its parts when it is killed, and is killed with a part killed', async () => {
    app = await startAppProcess({ DATA_DIR: dir.path, REDIS_URL: redis.url });
    let parts = partsOf(app.child.pid!);
    expect(parts).toHaveLength(2);
    expect(await kill9(app.child)).toBe('SIGKILL'); // and waits until its parts are gone, or throws

    app = await startAppProcess({ DATA_DIR: dir.path, REDIS_URL: redis.url });
    parts = partsOf(app.child.pid!);
    const projector = parts.find((part) => part.roles === 'projector')!;
    const exited = new Promise((resolve) => app!.child.once('exit', (_code, signal) => resolve(signal)));
    process.kill(projector.pid, 'SIGKILL');
    expect(await exited).toBe('SIGKILL');
    app = undefined;
    await untilGone(parts);
  }, 120_000);
});
