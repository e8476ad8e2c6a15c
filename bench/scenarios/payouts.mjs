import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { startRedisServer } from '@kenpo/platform';
import { ROOT } from '../lib/context.mjs';
import { openRaw, rawBatchAppender } from '../lib/raw-sqlite.mjs';
import { notAvailable } from '../lib/result.mjs';
import { round } from '../lib/stats.mjs';

/**
 * Issue 9.3 (and issue 6's benchmark line): a payout run of 10,000 approved payouts -> one transfer file and all its
 * events. The system part needs the payment worker's run API (POST /payout-runs, issue 6), which had not landed when
 * this was written; the two raw baselines are measured already so the figures are ready beside it:
 * raw batched appends of the run's events, and raw BullMQ job throughput on a private Redis.
 */
export default {
  name: 'payouts',
  title: 'Payout run of 10,000 approved payouts',
  async run(ctx) {
    const payouts = ctx.quick ? 500 : 10_000;
    const dir = ctx.scratch('payouts');
    const appends = rawAppends(join(dir, 'raw.db'), payouts + 1); // PayoutInstructed each + TransferBatchCreated
    const jobs = await rawBullmq(payouts);
    ctx.log(`raw: ${round(appends.perSecond, 0)} events/s in batches, ${round(jobs.perSecond, 0)} BullMQ jobs/s`);
    const routed = paymentRunRouted();
    return notAvailable(routed
      ? 'the payment worker now routes payout runs: the system measurement of this scenario is still to be written (bench/scenarios/payouts.mjs)'
      : 'payout runs (POST /payout-runs in apps/payment-worker, issue 6) are not built yet; baselines measured',
    {
      baseline: { value: round(appends.perSecond, 0), unit: 'events/s (raw batched appends)', events: payouts + 1, ms: Math.round(appends.ms),
        bullmqJobsPerSecond: round(jobs.perSecond, 0), bullmqMs: Math.round(jobs.ms) },
      target: 'ratio >= 0.5, run < 10 s',
    });
  },
};

/** Whether the built payment worker has a payout-runs route (a plain text search of its compiled files). */
function paymentRunRouted() {
  const dist = join(ROOT, 'apps/payment-worker/dist');
  if (!existsSync(dist)) return false;
  return readdirSync(dist, { recursive: true }).filter((f) => String(f).endsWith('.js'))
    .some((f) => /Controller\(['"]payout-runs['"]\)/.test(readFileSync(join(dist, String(f)), 'utf8')));
}

function rawAppends(file, count) {
  const db = openRaw(file);
  const append = rawBatchAppender(db);
  const data = JSON.stringify({ runId: 'r', recordIndex: 1, transferDate: '2026-06-01', account: { bankCode: '0001', branchCode: '001', accountNumber: '1234567' }, amount: 12_345 });
  const started = performance.now();
  for (let from = 0; from < count; from += 1_000) {
    const rows = [];
    for (let i = from; i < Math.min(count, from + 1_000); i++) rows.push([`payout-${i}`, data]);
    append(rows);
  }
  const ms = performance.now() - started;
  db.close();
  return { ms, perSecond: (count * 1000) / ms };
}

/** No-op jobs through one queue and one worker (concurrency 50) on a private redis-server. */
async function rawBullmq(count) {
  const redis = await startRedisServer({ bin: 'redis-server' });
  const url = new URL(redis.url);
  const connection = { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null };
  const queue = new Queue('bench-raw', { connection });
  let done = 0;
  let finished;
  const allDone = new Promise((resolve) => { finished = resolve; });
  const started = performance.now();
  const worker = new Worker('bench-raw', async () => {
    if (++done === count) finished();
  }, { connection, concurrency: 50 });
  try {
    for (let from = 0; from < count; from += 1_000) {
      await queue.addBulk(Array.from({ length: Math.min(1_000, count - from) }, (_, i) => ({ name: 'pay', data: { i: from + i }, opts: { jobId: `p-${from + i}` } })));
    }
    await allDone;
    return { ms: performance.now() - started, perSecond: (count * 1000) / (performance.now() - started) };
  } finally {
    await worker.close();
    await queue.close();
    await redis.stop();
  }
}
