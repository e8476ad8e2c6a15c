import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { type ApiClient, apiAs, expectStatus } from '../support/api.js';
import { type AppProcess, kill9, startAppProcess, stopGracefully } from '../support/app-process.js';
import { startTestBackOffice, type TestBackOffice } from '../support/back-office.js';
import { enroll, enrollment, individualNumber } from '../support/members.js';
import {
  approvedClaim,
  burial,
  claimAccount,
  eventually,
  instructionsPerPayout,
  payableFilesPerPayout,
} from '../support/payouts.js';

/** Where a round kills the worker: a named point of the run, or from outside after a random delay. */
const POINTS = ['after-plan', 'after-file', 'after-instruct:1', 'after-instruct:2', 'random-delay'] as const;
const ROUNDS = 4;
const CLAIMS_PER_ROUND = 3;

/** A small seeded generator (mulberry32): the same points and delays on every CI run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Issue 18.7: payout runs killed at random points (the real worker process, SIGKILL), each time with Redis losing
 * the run's job (FLUSHALL). Restarted workers recover unfinished runs; in the end every approved claim is instructed
 * exactly once and named in exactly one payable transfer file.
 */
describe('payout runs killed at random points with Redis losing the job (issue 18.7)', () => {
  let system: TestBackOffice;
  let operator: ApiClient;
  let worker: AppProcess | undefined;
  const startWorker = (fault?: string) =>
    startAppProcess({
      DATA_DIR: system.dataDir,
      REDIS_URL: system.redis.url,
      PROCESS_ROLES: 'worker',
      PAYOUT_LOCK_MS: '1000',
      PAYOUT_INSTRUCT_BATCH: '1',
      ...(fault ? { PAYOUT_FAULT: fault } : {}),
    });
  const flushRedis = async () => {
    const redis = new Redis(system.redis.url);
    await redis.flushall();
    redis.disconnect();
  };
  const due = async () =>
    (await operator.GET('/payouts', { params: { query: { status: 'due' } } })).data?.items.length ?? 0;

  beforeAll(async () => {
    system = await startTestBackOffice({
      PROCESS_ROLES: 'api,projector',
      PAYOUT_CRON: '0 0 1 1 *',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    operator = await apiAs(system, 'payment-operator');
  }, 120_000);
  afterAll(async () => {
    if (worker) await kill9(worker.child);
    await system?.close();
  });

  it('every claim instructed once and in exactly one payable file', async () => {
    // Seed 42 draws after-instruct:2, after-instruct:1, a kill 267 ms after the request, after-plan.
    const random = seeded(42);
    const claims: string[] = [];
    let seed = 73_000;
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < CLAIMS_PER_ROUND; i++) {
        const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(seed++) }));
        claims.push(await approvedClaim(system.events, memberId, burial(), claimAccount));
      }
      const point = POINTS[Math.floor(random() * POINTS.length)]!;
      worker = await startWorker(point === 'random-delay' ? undefined : point);
      await eventually(async () => (await due()) >= CLAIMS_PER_ROUND, `round ${round}: payouts scheduled`);
      expectStatus(await operator.POST('/payout-runs'), 202);
      if (point === 'random-delay') {
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 400)));
        await kill9(worker.child);
      } else {
        // The worker kills itself at the point; if the run never reaches it (e.g. fewer instructions), stop it.
        await Promise.race([
          new Promise((resolve) => worker!.child.once('exit', resolve)),
          new Promise((resolve) => setTimeout(resolve, 15_000)),
        ]);
        await kill9(worker.child);
      }
      await flushRedis(); // Redis loses the run's job, its locks and the schedule with it
      worker = undefined;
    }

    // A clean worker: its start-up recovery resumes or voids the unfinished runs; then one more run pays the rest.
    worker = await startWorker();
    await eventually(
      async () => {
        if ((await due()) === 0) return true;
        expectStatus(await operator.POST('/payout-runs'), 202);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return false;
      },
      'every payout to be instructed',
      60_000,
    );
    expect(await stopGracefully(worker.child)).toBe(0);
    worker = undefined;

    const instructed = await instructionsPerPayout(system.events);
    expect([...instructed.keys()].sort()).toEqual(claims.map((c) => `payout-${c}`).sort());
    for (const runs of instructed.values()) expect(runs).toHaveLength(1);
    const files = await payableFilesPerPayout(system.events);
    for (const claimId of claims)
      expect({ claimId, files: files.get(claimId) }).toEqual({ claimId, files: [expect.any(String)] });
  }, 300_000);
});
