import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runLoad } from '../lib/load.mjs';
import { startCaughtUp } from '../lib/loaded-app.mjs';
import { check, notAvailable, result } from '../lib/result.mjs';
import { startBackOffice } from '../lib/server.mjs';
import { repeatFor, summarize } from '../lib/stats.mjs';

const INSURER_NUMBER = '06139992'; // the configuration's default (libs/platform config)
const DATE = '2026-06-01';

/**
 * Issue 9.4: GET /eligibility at a fixed rate against the read models of 100,000 members (1,000,000 events), load
 * from another process; baseline: the same lookups (eligibility index by 記号:番号, then the member summaries)
 * done directly on the SQLite read store.
 */
export default {
  name: 'eligibility',
  title: 'Eligibility verification (GET /eligibility)',
  async run(ctx) {
    const members = ctx.members;
    const dataset = await ctx.dataset(members);
    const persons = JSON.parse(readFileSync(dataset.personsFile, 'utf8'));
    const rate = ctx.quick ? 50 : 200;
    const seconds = ctx.quick ? 2 : 30;

    // The memory scenario of the same run leaves a caught-up data directory behind; else catch up here.
    const ready = ctx.shared.get(`caught-up-${members}`);
    const { app, dataDir } = ready
      ? { app: await startBackOffice({ dataDir: ready }), dataDir: ready }
      : await catchUp(ctx, dataset);
    let load;
    try {
      const token = await app.token('clerk');
      const probe = await fetch(
        `${app.url}/eligibility?${new URLSearchParams({ insurerNumber: INSURER_NUMBER, ...pick(persons[0]), date: DATE })}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const body = await probe.text();
      if (probe.status === 404 && body.includes('Cannot GET'))
        return notAvailable('GET /eligibility is not routed in this build (issue 4)');
      if (probe.status !== 200) throw new Error(`GET /eligibility answered ${probe.status}: ${body.slice(0, 300)}`);
      await runLoad({
        workload: 'eligibility',
        url: app.url,
        token,
        persons,
        insurerNumber: INSURER_NUMBER,
        date: DATE,
        connections: 10,
        overallRate: rate,
        durationSeconds: 1,
      }); // warm-up
      load = await runLoad({
        workload: 'eligibility',
        url: app.url,
        token,
        persons,
        insurerNumber: INSURER_NUMBER,
        date: DATE,
        connections: 10,
        overallRate: rate,
        durationSeconds: seconds,
      });
    } finally {
      await app.stop();
    }
    const raw = summarize((await rawLookups(dataDir, persons, ctx.quick ? 500 : 3_000)).latencies);
    return result({
      system: {
        value: load.latency.p99,
        unit: 'ms p99',
        p50: load.latency.p50,
        p99: load.latency.p99,
        perSecond: Math.round(load.perSecond),
        requests: load.completed,
        non2xx: load.non2xx,
        errors: load.errors,
        statusCodes: load.statusCodes,
      },
      baseline: { value: raw.p99, unit: 'ms p99', p50: raw.p50, p99: raw.p99, lookups: raw.count },
      ratio: raw.p99 / load.latency.p99,
      checks: [check('p99 ms', load.latency.p99, '<=', 5), check('failed', load.non2xx + load.errors, '<=', 0)],
      notes: [
        `${rate} requests/s for ${seconds} s over ${persons.length} persons (insured and dependants) of ${members} members; ratio = raw p99 / HTTP p99`,
        ...(load.problems.length > 0 ? [`first failures: ${load.problems.join(' | ')}`] : []),
      ],
    });
  },
};

const pick = (p) => ({ symbol: p.symbol, number: p.number, branch: p.branch });

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
