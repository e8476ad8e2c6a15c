import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkpointsOf, headOf, until } from '../lib/checkpoints.mjs';
import { runLoad } from '../lib/load.mjs';
import { startCaughtUp } from '../lib/loaded-app.mjs';
import { check, line, notAvailable, result } from '../lib/result.mjs';
import { startBackOffice } from '../lib/server.mjs';
import { repeatFor, round, summarize } from '../lib/stats.mjs';

const INSURER_NUMBER = '06139992'; // the configuration's default (libs/platform config)
const DATE = '2026-06-01';

/**
 * Issue 9.4: GET /eligibility at a fixed rate against the read models of 100,000 members (1,000,000 events), load
 * from another process; baseline: the same lookups (eligibility index by 記号:番号, then the member summaries)
 * done directly on the SQLite read store.
 */
/** Eligibility requests per second of the target (issue 16.2), and the commands written meanwhile. */
const RATE = 200;
const COMMANDS_PER_SECOND = 100;
const P99_LIMIT_MS = 5;

/**
 * Issue 9.4 and 16.2: GET /eligibility at a fixed rate against the read models of 100,000 members (1,000,000
 * events) **while commands (enrollments + dependant additions) are written at 100/s in the same process**, load from
 * other processes; then a step-up search for the rate at which p99 crosses 5 ms (same command load). Baseline: the
 * same lookups (eligibility index by 記号:番号, then the member summaries) done directly on the SQLite read store.
 */
export default {
  name: 'eligibility',
  title: 'Eligibility verification (GET /eligibility) while commands are written',
  async run(ctx) {
    const members = ctx.members;
    const dataset = await ctx.dataset(members);
    const persons = JSON.parse(readFileSync(dataset.personsFile, 'utf8'));
    const rate = ctx.quick ? 50 : RATE;
    const commandRate = ctx.quick ? 10 : COMMANDS_PER_SECOND;
    const seconds = ctx.quick ? 2 : 30;
    const steps = ctx.quick ? [100] : [300, 400, 500, 600, 800, 1_000, 1_200, 1_500, 2_000];
    const stepSeconds = ctx.quick ? 2 : 10;

    // The memory scenario of the same run leaves a caught-up data directory behind; else catch up here.
    const ready = ctx.shared.get(`caught-up-${members}`);
    const { app, dataDir } = ready
      ? { app: await startBackOffice({ dataDir: ready }), dataDir: ready }
      : await catchUp(ctx, dataset);
    let mixed;
    let alone;
    const search = [];
    try {
      // Every subscription of the process (payout reactor and views too, not only the member views the memory
      // scenario waited for) at the head first: a catch-up still running would block the event loop page by page.
      const head = headOf(dataDir);
      await until(
        () => Object.values(checkpointsOf(dataDir)).every((p) => p >= head),
        'every subscription to reach the head of the log',
        ctx.quick ? 120_000 : 1_800_000,
        1_000,
      );
      const token = await app.token('clerk');
      const probe = await fetch(
        `${app.url}/eligibility?${new URLSearchParams({ insurerNumber: INSURER_NUMBER, ...pick(persons[0]), date: DATE })}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const body = await probe.text();
      if (probe.status === 404 && body.includes('Cannot GET'))
        return notAvailable('GET /eligibility is not routed in this build (issue 4)');
      if (probe.status !== 200) throw new Error(`GET /eligibility answered ${probe.status}: ${body.slice(0, 300)}`);
      const eligibility = (overallRate, durationSeconds) =>
        runLoad({
          workload: 'eligibility',
          url: app.url,
          token,
          persons,
          insurerNumber: INSURER_NUMBER,
          date: DATE,
          // Open loop: evenly spaced requests, each timed from its intended start (bench/lib/open-loop.mjs), over 50
          // keep-alive connections (terminals).
          openLoop: true,
          connections: 50,
          overallRate,
          durationSeconds,
        });
      let seedBase = 50_000_000;
      // Commands at a fixed rate for the whole measurement (they start first and end after it).
      const withCommands = async (measure, durationSeconds) => {
        seedBase += 1_000_000;
        const commands = runLoad({
          workload: 'commands',
          url: app.url,
          token,
          openLoop: true,
          connections: 20,
          overallRate: commandRate,
          durationSeconds: durationSeconds + 2,
          seedBase,
        });
        await new Promise((r) => setTimeout(r, 1_000));
        const measured = await measure();
        return { eligibility: measured, commands: await commands };
      };
      await withCommands(() => eligibility(rate, 2), 2); // warm-up of both paths
      const cpuBefore = app.cpuMs();
      alone = await eligibility(rate, ctx.quick ? 2 : 10);
      alone.cpuMsPerRequest = round((app.cpuMs() - cpuBefore) / alone.completed, 2);
      mixed = await withCommands(() => eligibility(rate, seconds), seconds);
      ctx.log(
        `${rate} req/s with ${commandRate} commands/s: p50 ${mixed.eligibility.latency.p50} ms, p99 ${mixed.eligibility.latency.p99} ms (alone: p99 ${alone.latency.p99} ms); commands ${Math.round(mixed.commands.perSecond)}/s p99 ${mixed.commands.latency.p99} ms`,
      );
      for (const step of steps) {
        const { eligibility: e, commands: c } = await withCommands(() => eligibility(step, stepSeconds), stepSeconds);
        search.push({
          offered: step,
          achieved: Math.round(e.perSecond),
          p50: e.latency.p50,
          p99: e.latency.p99,
          failed: e.non2xx + e.errors,
          commandsPerSecond: Math.round(c.perSecond),
          commandsP99: c.latency.p99,
        });
        ctx.log(`step-up ${step} req/s: achieved ${Math.round(e.perSecond)}/s, p99 ${e.latency.p99} ms`);
        // Past the crossing, or the app no longer keeps up with the offered rate: stop.
        if (e.latency.p99 > P99_LIMIT_MS || e.perSecond < step * 0.9) break;
      }
    } finally {
      await app.stop();
    }
    const raw = summarize((await rawLookups(dataDir, persons, ctx.quick ? 500 : 3_000)).latencies);
    const e = mixed.eligibility;
    const c = mixed.commands;
    const holds = (s) => s.p99 <= P99_LIMIT_MS && s.achieved >= s.offered * 0.9;
    const held = [{ offered: rate, achieved: e.perSecond, p99: e.latency.p99 }, ...search].filter(holds);
    const lastHeld = held.length > 0 ? Math.max(...held.map((s) => s.offered)) : null;
    const crossed = search.find((s) => !holds(s));
    const commandsFailed = c.non2xx + c.errors;
    return result({
      system: {
        value: e.latency.p99,
        unit: 'ms p99',
        p50: e.latency.p50,
        p99: e.latency.p99,
        perSecond: Math.round(e.perSecond),
        requests: e.completed,
        non2xx: e.non2xx,
        errors: e.errors,
        statusCodes: e.statusCodes,
        commandsPerSecond: Math.round(c.perSecond),
        commandsP99: c.latency.p99,
        commandsFailed,
        aloneP50: alone.latency.p50,
        aloneP99: alone.latency.p99,
        aloneCpuMsPerRequest: alone.cpuMsPerRequest,
        generatorLateness: e.generatorLateness,
        aloneGeneratorLateness: alone.generatorLateness,
      },
      baseline: { value: raw.p99, unit: 'ms p99', p50: raw.p50, p99: raw.p99, lookups: raw.count },
      ratio: raw.p99 / e.latency.p99,
      checks: [
        check('p99 ms', e.latency.p99, '<=', P99_LIMIT_MS),
        check('failed', e.non2xx + e.errors + commandsFailed, '<=', 0),
      ],
      notes: [
        `${rate} requests/s for ${seconds} s over ${persons.length} persons (insured and dependants) of ${members} members, while enrollments and dependant additions were written at ${commandRate}/s in the same process (achieved ${Math.round(c.perSecond)}/s, p99 ${c.latency.p99} ms); alone, without commands: p50 ${alone.latency.p50} ms, p99 ${alone.latency.p99} ms, ${alone.cpuMsPerRequest} ms of the app's CPU per request; ratio = raw p99 / HTTP p99`,
        `when the slow requests came: ${tailOf('beside the commands', e)}; ${tailOf('alone', alone)}`,
        `the load generator's own lateness, counted in every latency (its timer fires on a whole millisecond after a wake-up): requests sent p50 ${e.generatorLateness.p50} ms, p99 ${e.generatorLateness.p99} ms after their intended start beside the commands, p50 ${alone.generatorLateness.p50} ms, p99 ${alone.generatorLateness.p99} ms alone`,
        `step-up with the same command load: ${search.map((s) => `${s.offered}/s → p99 ${s.p99} ms${s.achieved < s.offered * 0.9 ? ` (achieved ${s.achieved}/s)` : ''}`).join(', ')}`,
        ...(e.problems.length + c.problems.length > 0
          ? [`first failures: ${[...e.problems, ...c.problems].join(' | ')}`]
          : []),
      ],
      lines: [
        line({
          id: 'eligibility-crossing',
          title: `Rate at which GET /eligibility p99 crosses ${P99_LIMIT_MS} ms (commands at ${commandRate}/s)`,
          system: {
            value: lastHeld ?? 0,
            unit: `req/s, highest rate with p99 ≤ ${P99_LIMIT_MS} ms`,
            crossedAt: crossed?.offered ?? null,
            crossedP99: crossed?.p99 ?? null,
            stepSeconds,
          },
          baseline: {
            value: Math.round(1000 / raw.p50),
            unit: 'lookups/s, raw on one core (1000 / raw p50)',
          },
          ratio: lastHeld === null ? null : lastHeld / Math.round(1000 / raw.p50),
          checks: [],
          notes: [
            crossed
              ? `p99 crossed ${P99_LIMIT_MS} ms at ${crossed.offered} req/s (${crossed.p99} ms)`
              : `p99 stayed ≤ ${P99_LIMIT_MS} ms up to ${steps.at(-1)} req/s`,
          ],
          details: { search },
        }),
      ],
    });
  },
};

const pick = (p) => ({ symbol: p.symbol, number: p.number, branch: p.branch });

/** The worst latency of each second and how many requests were slower than 5, 10, 25 and 50 ms (open-loop.mjs). */
const tailOf = (phase, load) =>
  `${phase}, the worst of each second (ms) ${load.worstBySecond.join(' ')}, requests slower than ${Object.entries(
    load.above,
  )
    .map(([ms, n]) => `${ms} ms ${n}`)
    .join(', ')} of ${load.completed}`;

async function catchUp(ctx, dataset) {
  const dataDir = ctx.dataDirWith(dataset, 'eligibility');
  const { app } = await startCaughtUp({
    dataDir,
    head: dataset.events,
    timeoutMs: ctx.quick ? 120_000 : 1_800_000,
    log: ctx.log,
  });
  return { app, dataDir };
}

/** The lookup the endpoint does, straight on the read store file: one primary-key get, then the summaries. */
async function rawLookups(dataDir, persons, count) {
  const db = new Database(join(dataDir, 'read-models.db'), { readonly: true });
  const table = (name) => `${name}_v${db.prepare('SELECT active FROM _collections WHERE name = ?').get(name).active}`;
  const index = db.prepare(`SELECT doc FROM "${table('eligibility')}" WHERE id = ?`);
  const summaries = db.prepare(
    `SELECT doc FROM "${table('member_summary')}" WHERE id IN (SELECT value FROM json_each(?))`,
  );
  let i = 0;
  const measured = await repeatFor(
    0,
    () => {
      const p = persons[i++ % persons.length];
      const doc = JSON.parse(index.get(`${p.symbol}:${p.number}`).doc);
      summaries.all(JSON.stringify(doc.designations.map((d) => d.memberId))).forEach((row) => JSON.parse(row.doc));
    },
    count,
  );
  db.close();
  return measured;
}
