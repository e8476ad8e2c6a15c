import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue, Worker } from 'bullmq';
import { startRedisServer } from '@kenpo/platform';
import { seedApprovedClaims } from '../lib/claims.mjs';
import { checkpointsOf, headOf, until } from '../lib/checkpoints.mjs';
import { openRaw, rawBatchAppender } from '../lib/raw-sqlite.mjs';
import { check, line, result } from '../lib/result.mjs';
import { describeByProcess, perUnit, startBackOffice, sumOf } from '../lib/server.mjs';
import { perSecond, round } from '../lib/stats.mjs';

const RECORD_BYTES = 122; // 120-byte Zengin record + CRLF (domain.md 8.4)

/**
 * Issue 9.3 (and issue 6's benchmark line): a payout run of 10,000 approved payouts (and, issue 16.5, of 100,000) -> one Zengin transfer file and
 * all its events, in the all-in-one process. Approved claims are appended straight into the app's event store
 * (benefits decider, batched), the app's payout reactor schedules one payout per claim and its payout views catch
 * up; only then is a run started (POST /payout-runs) and timed from its job's start to its completion (BullMQ's
 * processedOn/finishedOn). The scheduling phase is reported beside it. Baselines: raw batched appends of as many
 * events as the run wrote; raw no-op BullMQ job throughput on a private Redis.
 */
export default {
  name: 'payouts',
  title: 'Payout run of 10,000 approved payouts (and of 100,000)',
  async run(ctx) {
    // Members with their registered public-funds accounts (the shared seed): 5 claims each at 10,000, 10 at 100,000.
    const run = await payoutRun(ctx, {
      payouts: ctx.quick ? 300 : 10_000,
      members: ctx.quick ? ctx.members : 2_000,
      name: 'payouts',
    });
    const big = await payoutRun(ctx, {
      payouts: ctx.quick ? 600 : 100_000,
      members: ctx.quick ? ctx.members : 10_000,
      name: 'payouts-100k',
    });
    const { system, appends, jobs } = run;
    const rate = perSecond(system.events, system.jobMs);
    const ratio = rate / appends.perSecond;
    const bigRate = perSecond(big.system.events, big.system.jobMs);
    return result({
      system: figureOf(system, rate),
      baseline: baselineOf(appends, jobs),
      ratio,
      checks: [check('ratio', ratio, '>=', 0.5), check('run s', system.jobMs / 1000, '<', 10)],
      notes: notesOf(run),
      lines: [
        line({
          id: 'payouts-100k',
          title: `Payout run of ${big.payouts} approved payouts, memory bounded (issue 16.5)`,
          system: figureOf(big.system, bigRate),
          baseline: baselineOf(big.appends, big.jobs),
          ratio: bigRate / big.appends.perSecond,
          checks: [
            check('run s', big.system.jobMs / 1000, '<', 30),
            // Per process, as the memory scenario judges it (one per container in production); the sum is in the notes.
            check(
              'largest process peak rss MiB during run',
              Math.max(...Object.values(big.system.memory.runPeakRssByProcess)),
              '<',
              512,
            ),
          ],
          notes: [
            ...notesOf(big),
            `memory of the process: ${big.system.memory.beforeRunRssMiB} MiB RSS before the run, at most ${big.system.memory.runPeakRssMiB} MiB during it (sampled every 100 ms; +${big.system.memory.runGrowthMiB} MiB); the ${run.payouts}-payout run grew it by ${system.memory.runGrowthMiB} MiB`,
          ],
        }),
      ],
    });
  },
};

/** Seeds `payouts` approved claims over `members` members, lets the app schedule them, then times one run. */
async function payoutRun(ctx, { payouts, members, name }) {
  const dir = ctx.scratch(name);
  const dataset = await ctx.dataset(members);
  const dataDir = ctx.dataDirWith(dataset, `${name}/app`);
  const memberIds = [...new Set(JSON.parse(readFileSync(dataset.personsFile, 'utf8')).map((p) => p.memberId))];

  let t = performance.now();
  const claimsHead = await seedApprovedClaims(join(dataDir, 'events.db'), payouts, memberIds);
  const seedMs = performance.now() - t;
  ctx.log(`${name}: seeded ${payouts} approved claims in ${Math.round(seedMs)} ms`);

  // A cron that never fires during the bench: only the run started here runs.
  // Timed from the start of the process: it may schedule much of the backlog before it listens.
  t = performance.now();
  const app = await startBackOffice({ dataDir, env: { PAYOUT_CRON: '0 0 1 1 *' }, readyTimeoutMs: 600_000 });
  const readyMs = performance.now() - t;
  let system;
  try {
    await until(
      () => (checkpointsOf(dataDir)['payout-reactor'] ?? -1) >= claimsHead,
      'the payout reactor to schedule every payout',
      1_200_000,
    );
    const scheduledHead = headOf(dataDir);
    await until(() => viewsAt(dataDir, scheduledHead), 'the payout views to reach the log head', 600_000);
    const scheduleMs = performance.now() - t;
    ctx.log(
      `${name}: app started (listening after ${Math.round(readyMs)} ms), reactor scheduled ${payouts} payouts and the views caught up, ${Math.round(scheduleMs)} ms in all`,
    );
    system = await timedRun(app, dataDir, scheduledHead, payouts);
    system.scheduleMs = Math.round(scheduleMs);
    system.readyMs = Math.round(readyMs);
    system.seedMs = Math.round(seedMs);
  } finally {
    await app.stop();
  }
  ctx.log(
    `${name}: ${system.events} events in ${system.jobMs} ms (job), ${system.wallMs} ms from POST to completion; rss ${system.memory.beforeRunRssMiB} → max ${system.memory.runPeakRssMiB} MiB`,
  );
  const appends = rawAppends(join(dir, 'raw.db'), system.events);
  const jobs = await rawBullmq(payouts);
  ctx.log(`${name}: raw ${round(appends.perSecond, 0)} events/s in batches, ${round(jobs.perSecond, 0)} BullMQ jobs/s`);
  return { payouts, memberCount: memberIds.length, system, appends, jobs };
}

function figureOf(system, rate) {
  return {
    value: round(rate, 0),
    unit: 'events/s (payout run)',
    runSeconds: round(system.jobMs / 1000, 2),
    runCpuSeconds: round(system.cpuMs / 1000, 2),
    payoutsPerSecond: round(perSecond(system.payouts, system.jobMs), 0),
    runPeakRssMiB: system.memory.runPeakRssMiB,
    ...system,
  };
}

function baselineOf(appends, jobs) {
  return {
    value: round(appends.perSecond, 0),
    unit: 'events/s (raw batched appends)',
    ms: Math.round(appends.ms),
    bullmqJobsPerSecond: round(jobs.perSecond, 0),
    bullmqMs: Math.round(jobs.ms),
  };
}

function notesOf({ payouts, memberCount, system }) {
  return [
    `run of ${payouts} payouts: ${system.jobMs} ms from job start to completion (${system.wallMs} ms from POST /payout-runs to completion seen; the processes used ${system.cpuMs} ms of CPU meanwhile: ${describeByProcess(system.cpuMsByProcess)}; peak RSS during the run, summed over the processes ${system.memory.runPeakRssMiB} MiB: ${describeByProcess(system.memory.runPeakRssByProcess, 'MiB')}), ` +
      `${system.events} events (${Object.entries(system.eventTypes)
        .map(([k, v]) => `${v} ${k}`)
        .join(
          ', ',
        )}), file ${system.fileBytes} bytes checked (${system.payouts} data records, trailer count and total = the records' and the run's); ` +
      `phases: plan ${system.phasesMs.plan} ms, file + instructions ${system.phasesMs.fileAndInstructions} ms, last batch and end of job ${system.phasesMs.finish} ms`,
    `before the run, untimed: ${payouts} claims of ${memberCount} members (half paid into the member's 公金受取口座, ` +
      `half into the claim's account) submitted + approved in ${system.seedMs} ms (batched), then the app started (listening after ${system.readyMs} ms), ` +
      `its reactor scheduled the payouts and the payout views caught up, in ${system.scheduleMs} ms from the process start (${round(perSecond(payouts, system.scheduleMs), 0)} payouts/s)`,
  ];
}

/** Every payout view checkpoint (payouts@vN, payout-runs@vN) at or past `head`. */
function viewsAt(dataDir, head) {
  const views = Object.entries(checkpointsOf(dataDir)).filter(([name]) => /^payout(s|-runs)@/.test(name));
  return views.length >= 2 && views.every(([, position]) => position >= head);
}

/** Starts a run over HTTP, waits for its job, and checks that it produced one file of every payout. */
async function timedRun(app, dataDir, headBefore, payouts) {
  const operator = await app.token('payment-operator');
  const auth = { authorization: `Bearer ${operator}` };
  const url = new URL(app.redisUrl);
  const queue = new Queue('payout-runs', {
    connection: { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null },
  });
  try {
    const before = app.memory();
    const beforeRunRssMiB = before.rssMiB;
    let runPeakRssMiB = beforeRunRssMiB;
    const runPeakRssByProcess = Object.fromEntries(Object.entries(before.byRole).map(([role, m]) => [role, m.rssMiB]));
    const sampler = setInterval(() => {
      const now = app.memory();
      runPeakRssMiB = Math.max(runPeakRssMiB, now.rssMiB);
      for (const [role, m] of Object.entries(now.byRole))
        runPeakRssByProcess[role] = Math.max(runPeakRssByProcess[role] ?? 0, m.rssMiB);
    }, 100);
    const cpuBefore = app.cpuMsByRole();
    const posted = performance.now();
    const response = await fetch(`${app.url}/payout-runs`, { method: 'POST', headers: auth });
    if (response.status !== 202) throw new Error(`POST /payout-runs: ${response.status} ${await response.text()}`);
    const { runId } = await response.json();
    const job = await until(
      async () => {
        const j = await queue.getJob(runId);
        if (j?.failedReason) throw new Error(`payout run failed: ${j.failedReason}`);
        return j?.finishedOn ? j : null;
      },
      `run ${runId} to finish`,
      300_000,
      20,
    );
    const wallMs = Math.round(performance.now() - posted);
    // CPU the processes used from the POST to the end (the run, and the subscriptions applying its events).
    const cpuMsByProcess = perUnit(cpuBefore, app.cpuMsByRole(), 1);
    const cpuMs = Math.round(sumOf(cpuMsByProcess));
    clearInterval(sampler);
    const view = await until(
      async () => {
        const r = await fetch(`${app.url}/payout-runs/${runId}`, { headers: auth });
        const body = r.status === 200 ? await r.json() : null;
        return body?.instructed === payouts ? body : null;
      },
      `the run view of ${runId}`,
      120_000,
    );
    const file = await fetch(`${app.url}/payout-runs/${runId}/transfer-file`, { headers: auth });
    const bytes = Buffer.from(await file.arrayBuffer());
    checkFile(runId, bytes, payouts, view.total);
    const { planRecordedAt, lastInstructionAt, ...events } = eventsSince(dataDir, headBefore);
    // Phases from the events' recordedAt (the command's clock): planning, then file + instructions, then the job's end.
    const phasesMs = {
      plan: planRecordedAt - job.processedOn,
      fileAndInstructions: lastInstructionAt - planRecordedAt,
      finish: job.finishedOn - lastInstructionAt,
    };
    return {
      runId,
      jobMs: job.finishedOn - job.processedOn,
      wallMs,
      payouts: view.count,
      total: view.total,
      fileBytes: bytes.length,
      phasesMs,
      memory: { beforeRunRssMiB, runPeakRssMiB, runGrowthMiB: runPeakRssMiB - beforeRunRssMiB, runPeakRssByProcess },
      cpuMs,
      cpuMsByProcess,
      ...events,
    };
  } finally {
    await queue.close();
  }
}

/**
 * Header, one data record per payout, trailer and end record, 120 bytes + CRLF each; the trailer's 合計件数 and
 * 合計金額 are the data records' count and sum, and the run's (domain.md 8.4: trailer count N(6) at 2-7, total N(12)
 * at 8-19; data record amount N(10) at 80-89).
 */
function checkFile(runId, bytes, payouts, total) {
  const fail = (what) => {
    throw new Error(`run ${runId}: transfer file ${what}`);
  };
  if (bytes.length !== (payouts + 3) * RECORD_BYTES)
    fail(`of ${bytes.length} bytes; expected ${(payouts + 3) * RECORD_BYTES} (${payouts} data records)`);
  const record = (i) => bytes.subarray(i * RECORD_BYTES, (i + 1) * RECORD_BYTES - 2).toString('latin1');
  let sum = 0;
  for (let i = 1; i <= payouts; i++) {
    const r = record(i);
    if (r[0] !== '2') fail(`record ${i} is not a data record`);
    sum += Number(r.slice(80, 90));
  }
  const trailer = record(payouts + 1);
  const count = Number(trailer.slice(1, 7));
  const trailerTotal = Number(trailer.slice(7, 19));
  if (record(0)[0] !== '1' || trailer[0] !== '8' || record(payouts + 2)[0] !== '9') fail('is not framed 1-2…-8-9');
  if (count !== payouts || trailerTotal !== sum || sum !== total)
    fail(`trailer says ${count} records for ${trailerTotal} yen; the records sum to ${sum}, the run to ${total}`);
}

/** The events appended after `position`, by type. */
function eventsSince(dataDir, position) {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        'SELECT type, count(*) AS n, min(recorded_at) AS first, max(recorded_at) AS last FROM events WHERE position > ? GROUP BY type',
      )
      .all(position);
    const at = (type, edge) => Date.parse(rows.find((r) => r.type === type)?.[edge] ?? '');
    return {
      events: rows.reduce((sum, r) => sum + r.n, 0),
      eventTypes: Object.fromEntries(rows.map((r) => [r.type, r.n])),
      planRecordedAt: at('TransferBatchCreated', 'first'),
      lastInstructionAt: at('PayoutInstructed', 'last'),
    };
  } finally {
    db.close();
  }
}

function rawAppends(file, count) {
  const db = openRaw(file);
  const append = rawBatchAppender(db);
  const data = JSON.stringify({
    runId: 'r',
    recordIndex: 1,
    transferDate: '2026-06-01',
    account: { bankCode: '0001', branchCode: '001', accountNumber: '1234567' },
    amount: 12_345,
  });
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
  const allDone = new Promise((resolve) => {
    finished = resolve;
  });
  const started = performance.now();
  const worker = new Worker(
    'bench-raw',
    async () => {
      if (++done === count) finished();
    },
    { connection, concurrency: 50 },
  );
  try {
    for (let from = 0; from < count; from += 1_000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1_000, count - from) }, (_, i) => ({
          name: 'pay',
          data: { i: from + i },
          opts: { jobId: `p-${from + i}` },
        })),
      );
    }
    await allDone;
    return { ms: performance.now() - started, perSecond: (count * 1000) / (performance.now() - started) };
  } finally {
    await worker.close();
    await queue.close();
    await redis.stop();
  }
}

export { payoutRun };
