import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@kenpo/event-store';
import * as readModels from '@kenpo/read-models';
import { check, notAvailable, result } from '../lib/result.mjs';
import { perSecond, round } from '../lib/stats.mjs';

const PAGE = 1_000;

/**
 * Issue 9.2 (and issue 4's benchmark line): replay of the whole log into every member view in one pass
 * (replayAllInto of @kenpo/read-models: each page read once, applied to every projection), against a raw read of the
 * same events plus a raw upsert of as many view rows as the replay wrote, in batches. Issue 4's figure (200,000
 * events rebuilt, beside a raw read of the same events) is measured first, on fresh views.
 */
export default {
  name: 'rebuild',
  title: 'Rebuild: replay into all member views',
  async run(ctx) {
    const { replayAllInto, PROJECTIONS, SqliteDocumentStore } = readModels;
    if (typeof replayAllInto !== 'function' || !Array.isArray(PROJECTIONS)) {
      return notAvailable('@kenpo/read-models does not export replayAllInto and PROJECTIONS yet (issue 4)');
    }
    const dataset = await ctx.dataset(ctx.members);
    const dir = ctx.scratch('rebuild');
    const events = SqliteEventStore.open(dataset.eventsFile, { watchWal: false });
    try {
      // Issue 4's line first: the first 200,000 events of the log (all of them in quick mode) into fresh views.
      const small = await replayed(
        ctx,
        events,
        SqliteDocumentStore.open(join(dir, 'read-models-200k.db')),
        ISSUE_4_EVENTS,
      );
      const smallRaw = rawRead(dataset.eventsFile, small.events);
      ctx.log(`${small.events} events: replay ${Math.round(small.ms)} ms, raw read ${Math.round(smallRaw.readMs)} ms`);

      let cpu = process.cpuUsage();
      const raw = rawRead(dataset.eventsFile, Number.POSITIVE_INFINITY);
      const rawReadCpu = process.cpuUsage(cpu);
      ctx.log(`raw: read ${raw.events} events in ${round(raw.readMs)} ms`);
      const full = await replayed(
        ctx,
        events,
        SqliteDocumentStore.open(join(dir, 'read-models.db')),
        Number.POSITIVE_INFINITY,
      );
      cpu = process.cpuUsage();
      const upsertMs = rawUpserts(join(dir, 'raw-views.db'), full.collections);
      // CPU time (user + system) beside wall time: on a shared machine the ratio of CPU times moves less.
      const upsertCpuMs = cpuMs(process.cpuUsage(cpu));
      const baselineCpuMs = cpuMs(rawReadCpu) + upsertCpuMs;
      const views = Object.fromEntries(
        full.collections.map(({ name, count, writes, averageBytes }) => [name, { views: count, writes, averageBytes }]),
      );
      const baselineMs = raw.readMs + upsertMs;
      const system = perSecond(full.events, full.ms);
      const baseline = perSecond(raw.events, baselineMs);
      const issue4 = {
        events: small.events,
        replayPerSecond: round(perSecond(small.events, small.ms), 0),
        rawReadPerSecond: round(perSecond(smallRaw.events, smallRaw.readMs), 0),
        ms: Math.round(small.ms),
        rawReadMs: Math.round(smallRaw.readMs),
      };
      return result({
        system: {
          value: round(system, 0),
          unit: 'events/s',
          ms: Math.round(full.ms),
          cpuMs: Math.round(full.cpuMs),
          events: full.events,
          viewWrites: full.writes,
          applyMs: full.applyMs,
          readMs: Math.round(full.readMs),
          indexMs: Math.round(full.indexMs),
          views,
          issue4,
        },
        baseline: {
          value: round(baseline, 0),
          unit: 'events/s',
          ms: Math.round(baselineMs),
          cpuMs: Math.round(baselineCpuMs),
          readMs: Math.round(raw.readMs),
          upsertMs: Math.round(upsertMs),
          rows: full.writes,
        },
        ratio: system / baseline,
        checks: [check('ratio', system / baseline, '>=', 0.5)],
        notes: [
          `one pass (replayAllInto) over ${full.events} events feeding ${PROJECTIONS.length} projections from each page of ${PAGE} into fresh versions: ` +
            `read ${Math.round(full.readMs)} ms, apply+write ${Object.entries(full.applyMs)
              .map(([k, v]) => `${k} ${Math.round(v)} ms`)
              .join(', ')}, then their indexes built at the switch ${Math.round(full.indexMs)} ms; ` +
            `view writes: ${full.collections.map((c) => `${c.name} ${c.writes} into ${c.count} views of ~${c.averageBytes} bytes`).join(', ')}`,
          `CPU time (user + system): replay ${Math.round(full.cpuMs)} ms, baseline ${Math.round(baselineCpuMs)} ms (read ${Math.round(cpuMs(rawReadCpu))} ms + upserts ${Math.round(upsertCpuMs)} ms; ratio of CPU times ${round(baselineCpuMs / full.cpuMs, 3)})`,
          `issue 4: ${issue4.events} events rebuilt at ${issue4.replayPerSecond} events/s (${issue4.ms} ms) beside a raw read at ${issue4.rawReadPerSecond} events/s (${issue4.rawReadMs} ms)`,
        ],
      });
    } finally {
      await events.close();
    }
  },
};

const ISSUE_4_EVENTS = 200_000;

/**
 * Every member projection into a fresh version, one read of the log (replayAllInto), up to `limit` events, then the
 * switch to those versions (`activate`, which builds their indexes): what a blue/green rebuild does, timed whole.
 * Returns the figures, the view writes counted and a sample of the views written.
 */
export async function replayed(ctx, events, store, limit, onBatch = () => undefined) {
  const { replayAllInto, PROJECTIONS } = readModels;
  const counter = countingWrites(store);
  let readMs = 0;
  const pages = (after) =>
    timedPages(events.readAllPages({ after, pageSize: PAGE }), limit, (ms) => {
      readMs += ms;
    });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const targets = [];
  for (const projection of PROJECTIONS) {
    await store.declare(projection.collection);
    targets.push({ projection, version: await store.createVersion(projection.collection.name) });
  }
  const progress = await replayAllInto(counter.store, targets, pages, {
    onBatch: (p) => {
      onBatch(p);
      if (p.batches % 200 === 0) ctx.log(`replayed ${p.events} events in ${Math.round(p.ms)} ms`);
    },
  });
  const indexed = performance.now();
  for (const { projection, version } of targets) await store.activate(projection.collection.name, version);
  const indexMs = performance.now() - indexed;
  const ms = performance.now() - started;
  const replayCpuMs = cpuMs(process.cpuUsage(cpu));
  const collections = await sampleDocs(store, PROJECTIONS, counter.writes);
  await store.close();
  return {
    events: progress.events,
    ms,
    cpuMs: replayCpuMs,
    readMs,
    indexMs,
    writesByProjection: progress.writes,
    applyMs: Object.fromEntries(Object.entries(progress.applyMs).map(([k, v]) => [k, Math.round(v)])),
    writes: collections.reduce((sum, c) => sum + c.writes, 0),
    collections,
  };
}

/** Pages of the log, cut after `limit` events, timing each read. */
async function* timedPages(iterable, limit, onRead) {
  const iterator = iterable[Symbol.asyncIterator]();
  let left = limit;
  try {
    while (left > 0) {
      const t = performance.now();
      const next = await iterator.next();
      onRead(performance.now() - t);
      if (next.done) return;
      const page = next.value.length > left ? next.value.slice(0, left) : next.value;
      left -= page.length;
      yield page;
    }
  } finally {
    await iterator.return?.();
  }
}

/** The raw read: the first `limit` event rows in log order, with their JSON parsed (the least any replay must do). */
export function rawRead(eventsFile, limit) {
  const db = new Database(eventsFile, { readonly: true });
  const started = performance.now();
  let events = 0;
  let after = -1;
  const page = db.prepare(
    'SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
  );
  while (events < limit) {
    const rows = page.all(after, Math.min(PAGE, limit - events));
    if (rows.length === 0) break;
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    events += rows.length;
    after = rows.at(-1).position;
  }
  const readMs = performance.now() - started;
  db.close();
  return { events, readMs };
}

/**
 * Upserts, per view collection, as many rows as the replay wrote into it (its real documents, ids varied over as many
 * distinct views as it has), in transactions of PAGE rows, into a plain table configured as the read store is.
 */
export function rawUpserts(file, collections) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const started = performance.now();
  for (const { name, writes, docs, count } of collections) {
    db.exec(`CREATE TABLE IF NOT EXISTS "raw_${name}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
    const upsert = db.prepare(
      `INSERT INTO "raw_${name}" (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
    );
    const batch = db.transaction((from, to) => {
      for (let i = from; i < to; i++) {
        const id = `v-${i % Math.max(1, count)}`;
        upsert.run(id, JSON.stringify({ ...docs[i % docs.length], id }));
      }
    });
    for (let from = 0; from < writes; from += PAGE) batch(from, Math.min(writes, from + PAGE));
  }
  const ms = performance.now() - started;
  db.close();
  return ms;
}

/** Per projection: how many views it holds, about 100 of them as samples, and how many writes the replay made. */
async function sampleDocs(store, projections, writes) {
  const collections = [];
  for (const projection of projections) {
    const name = projection.collection.name;
    const all = [];
    for await (const doc of store.iterate(name)) all.push(doc);
    const step = Math.max(1, Math.floor(all.length / 100));
    const docs = all.filter((_, i) => i % step === 0);
    collections.push({
      name,
      count: all.length,
      writes: writes.get(name) ?? 0,
      docs: docs.length > 0 ? docs : [{ id: 'x' }],
      averageBytes:
        all.length > 0 ? Math.round(docs.reduce((sum, d) => sum + JSON.stringify(d).length, 0) / docs.length) : 0,
    });
  }
  return collections;
}

/** Counts the view rows the replay writes per collection, without changing what it does. */
function countingWrites(store) {
  const counter = { writes: new Map(), store: null };
  counter.store = new Proxy(store, {
    get(target, property) {
      if (property === 'bulkWrite') {
        return (collection, ops, options) => {
          const name = typeof collection === 'string' ? collection : collection.name;
          counter.writes.set(name, (counter.writes.get(name) ?? 0) + ops.length);
          return target.bulkWrite(collection, ops, options);
        };
      }
      const value = target[property];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return counter;
}

const cpuMs = (usage) => (usage.user + usage.system) / 1000;
