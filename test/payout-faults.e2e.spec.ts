import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type ApiClient, apiAs, expectProblem, expectStatus } from './support/api.js';
import { transferBatchStreamId, transferFileName } from '@kenpo/payouts';
import { startTestBackOffice, TEST_JWT_SECRET, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import {
  approvedClaim,
  burial,
  childbirth,
  claimAccount,
  eventually,
  instructionsPerPayout,
  payableFilesPerPayout,
} from './support/payouts.js';

const MAIN = join(import.meta.dirname, '..', 'apps', 'back-office-api', 'dist', 'main.js');

/**
 * Crash tests with the REAL worker process (node apps/back-office-api/dist/main.js, PROCESS_ROLES=worker) sharing
 * the test's DATA_DIR and Redis. PAYOUT_FAULT (test only) makes it SIGKILL itself at a point of the run; the
 * restarted worker picks the stalled job up again once its lock (PAYOUT_LOCK_MS) has expired.
 */
describe('payout run crashes (issue 6: exactly once, same file)', () => {
  let system: TestBackOffice;
  let operator: ApiClient;
  const runView = (runId: string) => operator.GET('/payout-runs/{runId}', { params: { path: { runId } } });
  const transferFile = (runId: string) =>
    operator.GET('/payout-runs/{runId}/transfer-file', { params: { path: { runId } }, parseAs: 'arrayBuffer' });
  const workers: ChildProcess[] = [];

  function startWorker(fault?: string): Promise<{ child: ChildProcess; output: () => string }> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATA_DIR: system.dataDir,
      REDIS_URL: system.redis.url,
      PROCESS_ROLES: 'worker',
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: '0',
      LOG_LEVEL: 'info',
      PAYOUT_LOCK_MS: '1000',
      PAYOUT_CRON: '0 0 1 1 *',
      // Two instructions per transaction, so a crash after the 2nd leaves the run half instructed.
      PAYOUT_INSTRUCT_BATCH: '2',
      ...(fault ? { PAYOUT_FAULT: fault } : {}),
    };
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    workers.push(child);
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk;
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk;
    });
    return new Promise((resolve, reject) => {
      // Generous: on a loaded 2-core machine a cold start has taken more than 20 s.
      const timer = setTimeout(() => reject(new Error(`worker not ready:\n${log}`)), 90_000);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        // Its start-up recovery may resume a run and reach the fault before the worker says it listens.
        if (fault && signal === 'SIGKILL') resolve({ child, output: () => log });
        else reject(new Error(`worker exited early (${code ?? signal}):\n${log}`));
      });
      const ready = () => {
        if (!log.includes('listening on')) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout!.off('data', ready);
        resolve({ child, output: () => log });
      };
      child.stdout!.on('data', ready);
    });
  }

  const killedBy = (child: ChildProcess) =>
    new Promise<NodeJS.Signals | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode);
      else child.once('exit', (_code, signal) => resolve(signal));
    });

  const batchEvents = async (runId: string) => {
    try {
      return await system.events.readStream(transferBatchStreamId(runId));
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    system = await startTestBackOffice({
      PROCESS_ROLES: 'api,projector',
      PAYOUT_CRON: '0 0 1 1 *',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    operator = await apiAs(system, 'payment-operator');
  });
  afterAll(async () => {
    for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(workers.map(killedBy));
    await system?.close();
  });

  it('killed after the plan, after the file and after 2 instructions: every claim instructed once, the same file bytes', async () => {
    const clerk = await apiAs(system, 'clerk');
    const claims: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(6100 + i) }));
      if (i % 2 === 0) {
        const registered = await clerk.PUT('/members/{memberId}/public-funds-account', {
          params: { path: { memberId } },
          body: {
            bankCode: '0001',
            branchCode: '001',
            accountType: 'ordinary',
            accountNumber: `20000${i}0`,
            holderName: 'ヤマダ タロウ',
          },
        });
        expectStatus(registered, 200);
        claims.push(await approvedClaim(system.events, memberId, childbirth(), { method: 'public-funds' }));
      } else {
        claims.push(await approvedClaim(system.events, memberId, burial(), claimAccount));
      }
    }

    let worker = await startWorker('after-plan');
    await eventually(async () => {
      const due = await operator.GET('/payouts', { params: { query: { status: 'due' } } });
      return due.data?.items.length === claims.length;
    }, 'the worker to schedule every payout');
    const runId = expectStatus(await operator.POST('/payout-runs'), 202).data.runId;
    expect(await killedBy(worker.child)).toBe('SIGKILL');
    const [created] = await batchEvents(runId);
    expect(created!.type).toBe('TransferBatchCreated');
    const recordedSha = String(created!.data.sha256);
    const file = join(system.dataDir, 'transfers', transferFileName(runId));
    expect(existsSync(file)).toBe(false);

    worker = await startWorker('after-file');
    expect(await killedBy(worker.child)).toBe('SIGKILL');
    const written = readFileSync(file);
    expect(createHash('sha256').update(written).digest('hex')).toBe(recordedSha);
    expect((await instructionsPerPayout(system.events)).size).toBe(0);

    worker = await startWorker('after-instruct:2');
    expect(await killedBy(worker.child)).toBe('SIGKILL');
    expect((await instructionsPerPayout(system.events)).size).toBeGreaterThanOrEqual(2);

    await startWorker();
    const run = await eventually(
      async () => {
        const { data } = await runView(runId);
        return data?.job?.state === 'completed' && data.status !== 'pending' && data.instructed === claims.length
          ? data
          : null;
      },
      'the run to complete after the last restart',
      30_000,
    );

    expect(run).toMatchObject({ count: claims.length, sha256: recordedSha });
    expect((await batchEvents(runId)).filter((e) => e.type === 'TransferBatchCreated')).toHaveLength(1);
    const instructed = await instructionsPerPayout(system.events);
    expect([...instructed.keys()].sort()).toEqual(claims.map((c) => `payout-${c}`).sort());
    for (const runs of instructed.values()) expect(runs).toEqual([runId]);
    // Same bytes after every crash: the file on disk is the one written before the third crash.
    expect(readFileSync(file).equals(written)).toBe(true);
  }, 240_000);

  it('issue 18: killed right after the plan and file, with Redis losing the job: the next start-up resumes the run, no payout in two payable files', async () => {
    // Only the workers started here may take the run.
    for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(workers.map(killedBy));
    const claims: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(6200 + i) }));
      claims.push(await approvedClaim(system.events, memberId, burial(), claimAccount));
    }
    let worker = await startWorker('after-file');
    await eventually(async () => {
      const due = await operator.GET('/payouts', { params: { query: { status: 'due' } } });
      return due.data?.items.length === claims.length;
    }, 'the worker to schedule the new payouts');
    const runId = expectStatus(await operator.POST('/payout-runs'), 202).data.runId;
    expect(await killedBy(worker.child)).toBe('SIGKILL');
    expect(existsSync(join(system.dataDir, 'transfers', transferFileName(runId)))).toBe(true);
    // Redis loses everything, the run's job included.
    const redis = new Redis(system.redis.url);
    await redis.flushall();
    redis.disconnect();
    // The file of an unfinished run is not payable: before this issue it was served here.
    const early = expectProblem(await transferFile(runId), 409);
    expect(early.error.code).toBe('transfer_file_not_final');

    worker = await startWorker();
    const run = await eventually(
      async () => {
        const { data } = await runView(runId);
        return data?.status === 'created' ? data : null;
      },
      'the start-up recovery to resume and finish the run',
      30_000,
    );
    expect(run).toMatchObject({ count: claims.length, instructed: claims.length });
    expect(run.resumed).toEqual([expect.objectContaining({ trigger: 'start-up' })]);
    expectStatus(await transferFile(runId), 200);

    const next = expectStatus(await operator.POST('/payout-runs'), 202).data.runId;
    const after = await eventually(async () => {
      const { data } = await runView(next);
      return data?.job?.state === 'completed' && data.status !== 'requested' ? data : null;
    }, 'the next run to finish');
    expect(after.status).toBe('nothing-to-pay');
    const files = await payableFilesPerPayout(system.events);
    for (const claimId of claims) expect(files.get(claimId)).toEqual([runId]);
    for (const runs of files.values()) expect(runs).toHaveLength(1);
  }, 240_000);
});
