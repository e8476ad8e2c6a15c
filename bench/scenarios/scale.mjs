import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@kenpo/event-store';
import { PROJECTIONS, replayAllInto, SqliteDocumentStore } from '@kenpo/read-models';
import { runLoad } from '../lib/load.mjs';
import { check, line, result } from '../lib/result.mjs';
import { startBackOffice } from '../lib/server.mjs';
import { perSecond, repeatFor, round, summarize } from '../lib/stats.mjs';
import { rawRead, rawUpserts } from './rebuild.mjs';

const PAGE = 1_000;
const MIB = 2 ** 20;
const INSURER_NUMBER = '06139992';
const DATE = '2026-06-01';
const SAMPLE = 2_000;

/**
 * Issue 16.4: 1,000,000 members × 11 events (seeded as the shared data set is, bench/lib/seed.mjs) — 11 million
 * events. Reports the disk size per million events, the rebuild of every member view in one pass (time, events/s,
 * the bench process's RSS sampled throughout and its peak) beside a raw read and raw upserts of the same size, then
 * the API process (role api) on those views and that log: GET /eligibility at 200 requests/s and a member's
 * compliance history (per-member index), each beside the same lookup done raw on the SQLite files, with the API's
 * RSS and peak. Runs only when named (`npm run bench -- scale`, up to 30 minutes); `--scale-members N` sizes it.
 */
export default {
  name: 'scale',
  title: 'Scale: 1,000,000 members, 11 million events',
  async run(ctx) {
    const members = ctx.scaleMembers ?? (ctx.quick ? 300 : 1_000_000);
    const dataset = await ctx.dataset(members);
    const dir = ctx.scratch('scale');
    const dataDir = join(dir, 'app');
    mkdirSync(dataDir, { recursive: true });

    // An older cached file gets the event store's current schema (the per-member index) once, before anything is timed.
    let t = performance.now();
    await SqliteEventStore.open(dataset.eventsFile, { watchWal: false }).close();
    const schemaMs = performance.now() - t;
    const eventsBytes = statSync(dataset.eventsFile).size;

    // The rebuild: every member view from the log in one pass, into the read store the API will serve from.
    const rss = { max: 0, samples: 0 };
    const sample = () => {
      rss.max = Math.max(rss.max, process.memoryUsage.rss());
      rss.samples++;
    };
    const events = SqliteEventStore.open(dataset.eventsFile, { watchWal: false });
    const store = SqliteDocumentStore.open(join(dataDir, 'read-models.db'));
    const targets = [];
    t = performance.now();
    // As a blue/green rebuild: fresh versions, filled without indexes, then switched to (which builds the indexes).
    for (const projection of PROJECTIONS) {
      await store.declare(projection.collection);
      targets.push({ projection, version: await store.createVersion(projection.collection.name) });
    }
    const progress = await replayAllInto(store, targets, (after) => events.readAllPages({ after, pageSize: PAGE }), {
      onBatch: (p) => {
        if (p.batches % 50 === 0) sample();
        if (p.batches % 1_000 === 0)
          ctx.log(`rebuilt ${p.events} events in ${Math.round(p.ms / 1000)} s, rss ${mib(rss.max)} MiB`);
      },
    });
    for (const { projection, version } of targets) await store.activate(projection.collection.name, version);
    const rebuildMs = performance.now() - t;
    sample();
    await store.close();
    await events.close();
    const rebuildPeak = peakOfSelf();
    const readModelsBytes = statSync(join(dataDir, 'read-models.db')).size;
    const writes = Object.values(progress.writes).reduce((a, b) => a + b, 0);
    ctx.log(`rebuild: ${progress.events} events in ${Math.round(rebuildMs / 1000)} s, ${writes} view writes`);

    // Raw baselines of the same size: the read of every event (rows + JSON.parse), then as many raw upserts.
    const raw = rawRead(dataset.eventsFile, Number.POSITIVE_INFINITY);
    const upsertMs = rawUpserts(
      join(dir, 'raw-views.db'),
      sampledCollections(join(dataDir, 'read-models.db'), progress),
    );
    rmSync(join(dir, 'raw-views.db'), { force: true });
    ctx.log(`raw: read ${Math.round(raw.readMs / 1000)} s, upserts ${Math.round(upsertMs / 1000)} s`);

    // The API on the log and the rebuilt views. A hard link, not a copy of gigabytes; the head is checked after.
    linkOrCopy(dataset.eventsFile, join(dataDir, 'events.db'));
    const { persons, memberIds } = sampledPeople(join(dataDir, 'read-models.db'), ctx.quick ? 100 : SAMPLE);
    const rawEligibility = summarize(
      (await rawEligibilityLookups(join(dataDir, 'read-models.db'), persons, 3_000)).latencies,
    );
    const rawHistory = summarize(
      (await rawHistories(dataset.eventsFile, memberIds, ctx.quick ? 300 : 3_000)).latencies,
    );
    const app = await startBackOffice({ dataDir, env: { PROCESS_ROLES: 'api' }, readyTimeoutMs: 300_000 });
    let eligibility;
    let history;
    let appMemory;
    try {
      const clerk = await app.token('clerk');
      const load = {
        workload: 'eligibility',
        url: app.url,
        token: clerk,
        persons,
        insurerNumber: INSURER_NUMBER,
        date: DATE,
        connections: 10,
        overallRate: load200(ctx),
      };
      await runLoad({ ...load, durationSeconds: 1 }); // warm-up
      eligibility = await runLoad({ ...load, durationSeconds: ctx.quick ? 2 : 30 });
      const officer = { authorization: `Bearer ${await app.token('compliance-officer')}` };
      const failures = [];
      const historyOf = async (i) => {
        const response = await fetch(`${app.url}/compliance/members/${memberIds[i % memberIds.length]}/events`, {
          headers: officer,
        });
        const body = await response.json();
        if (response.status !== 200 || !(body.items?.length >= 10))
          failures.push(`${response.status} ${JSON.stringify(body).slice(0, 200)}`);
      };
      await repeatFor(0, historyOf, 50); // warm-up
      const measured = await repeatFor(ctx.quick ? 1_000 : 20_000, historyOf, 100);
      history = { ...summarize(measured.latencies), failures: failures.length, problems: failures.slice(0, 3) };
      appMemory = app.memory();
    } finally {
      await app.stop();
    }
    // The seed numbers its events 1..N: an event the API had written would show as a higher head.
    const log = new Database(dataset.eventsFile, { readonly: true });
    const { head } = log.prepare('SELECT max(position) AS head FROM events').get();
    log.close();
    if (head !== dataset.events)
      throw new Error(`the cached data set changed under the API: head ${head}, expected ${dataset.events}`);

    const perMillion = (bytes) => round(bytes / (progress.events / 1e6) / MIB, 0);
    const system = perSecond(progress.events, rebuildMs);
    const baseline = perSecond(raw.events, raw.readMs + upsertMs);
    const peak = Math.max(rebuildPeak, mib(rss.max));
    return result({
      system: {
        value: round(system, 0),
        unit: 'events/s',
        events: progress.events,
        members,
        rebuildSeconds: round(rebuildMs / 1000, 1),
        viewWrites: writes,
        rebuildRssMaxMiB: mib(rss.max),
        rebuildPeakMiB: rebuildPeak,
        eventsMiBPerMillion: perMillion(eventsBytes),
        readModelsMiBPerMillion: perMillion(readModelsBytes),
        eventsGiB: round(eventsBytes / 2 ** 30, 2),
        eligibilityP50: eligibility.latency.p50,
        eligibilityP99: eligibility.latency.p99,
        eligibilityPerSecond: Math.round(eligibility.perSecond),
        eligibilityFailed: eligibility.non2xx + eligibility.errors,
        historyP50: history.p50,
        historyP99: history.p99,
        historyRequests: history.count,
        historyFailed: history.failures,
        apiRssMiB: appMemory.rssMiB,
        apiPeakMiB: appMemory.peakRssMiB,
        schemaMs: Math.round(schemaMs),
      },
      baseline: {
        value: round(baseline, 0),
        unit: 'events/s',
        readMs: Math.round(raw.readMs),
        upsertMs: Math.round(upsertMs),
        eligibilityP50: rawEligibility.p50,
        eligibilityP99: rawEligibility.p99,
        historyP50: rawHistory.p50,
        historyP99: rawHistory.p99,
      },
      ratio: system / baseline,
      checks: [check('rebuild peak MiB', peak, '<', 512)],
      lines: [
        line({
          id: 'scale-eligibility',
          title: `Scale: GET /eligibility at ${load200(ctx)} requests/s on the views of ${members} members`,
          system: {
            value: eligibility.latency.p99,
            unit: 'ms p99',
            p50: eligibility.latency.p50,
            p99: eligibility.latency.p99,
            perSecond: Math.round(eligibility.perSecond),
            requests: eligibility.completed,
            apiRssMiB: appMemory.rssMiB,
            apiPeakMiB: appMemory.peakRssMiB,
          },
          baseline: { value: rawEligibility.p99, unit: 'ms p99', p50: rawEligibility.p50, p99: rawEligibility.p99 },
          ratio: rawEligibility.p99 / eligibility.latency.p99,
          checks: [
            check('p99 ms', eligibility.latency.p99, '<=', 50),
            check('API peak MiB', appMemory.peakRssMiB, '<', 512),
            check('failed', eligibility.non2xx + eligibility.errors, '<=', 0),
          ],
        }),
        line({
          id: 'scale-history',
          title: `Scale: a member's compliance history (GET /compliance/members/{id}/events) among ${progress.events} events`,
          system: { value: history.p99, unit: 'ms p99', p50: history.p50, p99: history.p99, requests: history.count },
          baseline: { value: rawHistory.p99, unit: 'ms p99', p50: rawHistory.p50, p99: rawHistory.p99 },
          ratio: rawHistory.p99 / history.p99,
          checks: [check('p99 ms', history.p99, '<=', 50), check('failed', history.failures, '<=', 0)],
        }),
      ],
      notes: [
        `${progress.events} events of ${members} members (${round(eventsBytes / 2 ** 30, 2)} GiB: ${perMillion(eventsBytes)} MiB per million events; ` +
          `read models ${round(readModelsBytes / 2 ** 30, 2)} GiB); schema brought up to date in ${Math.round(schemaMs)} ms before timing`,
        `rebuild ${round(rebuildMs / 1000, 1)} s (${writes} view writes; ${Object.entries(progress.applyMs)
          .map(([k, v]) => `${k} ${Math.round(v / 1000)} s`)
          .join(
            ', ',
          )}), bench process RSS ≤ ${mib(rss.max)} MiB over ${rss.samples} samples, peak ${rebuildPeak} MiB; ` +
          `raw read ${Math.round(raw.readMs / 1000)} s + raw upserts ${Math.round(upsertMs / 1000)} s`,
        `API (PROCESS_ROLES=api) on those views and that log: GET /eligibility at ${Math.round(eligibility.perSecond)}/s p50 ${eligibility.latency.p50} ms p99 ${eligibility.latency.p99} ms ` +
          `(raw lookup p99 ${rawEligibility.p99} ms); GET /compliance/members/{id}/events (history) one at a time p50 ${history.p50} ms p99 ${history.p99} ms ` +
          `(raw index + stream read p99 ${rawHistory.p99} ms); persons and members sampled across the whole data set; API RSS ${appMemory.rssMiB} MiB, peak ${appMemory.peakRssMiB} MiB`,
        ...(eligibility.problems.length + history.problems.length > 0
          ? [`first failures: ${[...eligibility.problems, ...history.problems].join(' | ')}`]
          : []),
      ],
    });
  },
};

const mib = (bytes) => Math.round(bytes / MIB);
const load200 = (ctx) => (ctx.quick ? 50 : 200);

/** Peak resident memory of this process (VmHWM), in MiB. */
function peakOfSelf() {
  const kib = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Math.round(Number(kib) / 1024);
}

function linkOrCopy(from, to) {
  if (existsSync(to)) return;
  try {
    linkSync(from, to);
  } catch {
    throw new Error(`cannot hard-link ${from} into the scratch directory (another file system?)`);
  }
}

/** Rows of a view collection picked at random rowids (the tables are rowid tables): no full scan of a big table. */
function sampleRows(db, table, count) {
  const max = db.prepare(`SELECT max(rowid) AS m FROM "${table}"`).get().m ?? 0;
  const get = db.prepare(`SELECT doc FROM "${table}" WHERE rowid = ?`);
  const docs = [];
  for (let i = 0; docs.length < Math.min(count, max) && i < count * 10; i++) {
    const row = get.get(1 + Math.floor(Math.random() * max));
    if (row) docs.push(JSON.parse(row.doc));
  }
  return docs;
}

const tableOf = (db, name) =>
  `${name}_v${db.prepare('SELECT active FROM _collections WHERE name = ?').get(name).active}`;

/** What rawUpserts needs of each collection: its view count, the replay's writes and ~100 of its real documents. */
function sampledCollections(file, progress) {
  const db = new Database(file, { readonly: true });
  try {
    return PROJECTIONS.map((p) => {
      const table = tableOf(db, p.collection.name);
      return {
        name: p.collection.name,
        count: db.prepare(`SELECT count(*) AS n FROM "${table}"`).get().n,
        writes: progress.writes[p.name] ?? 0,
        docs: sampleRows(db, table, 100),
      };
    });
  } finally {
    db.close();
  }
}

/** Persons (insured and dependants) and member ids spread over the whole data set, from the member summaries. */
function sampledPeople(file, count) {
  const db = new Database(file, { readonly: true });
  try {
    const summaries = sampleRows(db, tableOf(db, 'member_summary'), count);
    const persons = summaries.flatMap(({ memberId, state }) =>
      [state.insured, ...state.dependants].map((p) => ({
        memberId,
        personId: p.personId,
        symbol: state.identifiers.symbol,
        number: state.identifiers.number,
        branch: p.branch,
      })),
    );
    return { persons, memberIds: summaries.map((s) => s.memberId) };
  } finally {
    db.close();
  }
}

/** The eligibility lookup straight on the read store: the index by 記号:番号, then the member summaries. */
function rawEligibilityLookups(file, persons, count) {
  const db = new Database(file, { readonly: true });
  const index = db.prepare(`SELECT doc FROM "${tableOf(db, 'eligibility')}" WHERE id = ?`);
  const summaries = db.prepare(
    `SELECT doc FROM "${tableOf(db, 'member_summary')}" WHERE id IN (SELECT value FROM json_each(?))`,
  );
  let i = 0;
  return repeatFor(
    0,
    () => {
      const p = persons[i++ % persons.length];
      const doc = JSON.parse(index.get(`${p.symbol}:${p.number}`).doc);
      summaries.all(JSON.stringify(doc.designations.map((d) => d.memberId))).forEach((row) => JSON.parse(row.doc));
    },
    count,
  ).finally(() => db.close());
}

/** A member's history straight on the event store file: the per-member index and the member's stream, parsed. */
function rawHistories(file, memberIds, count) {
  const db = new Database(file, { readonly: true });
  const named = db.prepare(`SELECT data, metadata FROM events WHERE json_extract(data, '$.memberId') = ?`);
  const stream = db.prepare('SELECT data, metadata FROM events WHERE stream_id = ? ORDER BY revision');
  let i = 0;
  return repeatFor(
    0,
    () => {
      const id = memberIds[i++ % memberIds.length];
      for (const row of [...named.all(id), ...stream.all(`member-${id}`)]) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
      }
    },
    count,
  ).finally(() => db.close());
}
