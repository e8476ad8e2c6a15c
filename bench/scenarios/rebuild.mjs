import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@kenpo/event-store';
import * as readModels from '@kenpo/read-models';
import { check, notAvailable, result } from '../lib/result.mjs';
import { perSecond, round } from '../lib/stats.mjs';

const PAGE = 1_000;

/**
 * Issue 9.2 (and issue 4's benchmark line): replay of the whole log into every member view with the projector's own
 * replay function, against a raw read of the same events plus a raw upsert of as many view rows as the replay
 * wrote, in batches.
 */
export default {
  name: 'rebuild',
  title: 'Rebuild: replay into all member views',
  async run(ctx) {
    const { replayInto, PROJECTIONS, SqliteDocumentStore } = readModels;
    if (typeof replayInto !== 'function' || !Array.isArray(PROJECTIONS)) {
      return notAvailable('@kenpo/read-models does not export replayInto and PROJECTIONS yet (issue 4)');
    }
    const dataset = await ctx.dataset(ctx.members);
    const dir = ctx.scratch('rebuild');

    const raw = rawBaseline(dataset.eventsFile);
    ctx.log(`raw: read ${raw.events} events in ${round(raw.readMs)} ms`);

    const events = SqliteEventStore.open(dataset.eventsFile, { watchWal: false });
    const store = SqliteDocumentStore.open(join(dir, 'read-models.db'));
    const counter = countingWrites(store);
    const started = performance.now();
    const perProjection = {};
    for (const projection of PROJECTIONS) {
      const t = performance.now();
      await store.declare(projection.collection);
      const version = await store.activeVersion(projection.collection.name);
      await replayInto(counter.store, projection, (after) => events.readAllPages({ after, pageSize: PAGE }), { version });
      perProjection[projection.name] = Math.round(performance.now() - t);
    }
    const systemMs = performance.now() - started;
    const head = await events.headPosition();
    await events.close();
    const sample = await sampleDocs(store, PROJECTIONS);
    await store.close();

    const upsertMs = rawUpserts(join(dir, 'raw-views.db'), counter.writes, sample);
    const baselineMs = raw.readMs + upsertMs;
    const system = perSecond(raw.events, systemMs);
    const baseline = perSecond(raw.events, baselineMs);
    return result({
      system: { value: round(system, 0), unit: 'events/s', ms: Math.round(systemMs), events: raw.events, viewWrites: counter.writes, perProjectionMs: perProjection },
      baseline: { value: round(baseline, 0), unit: 'events/s', ms: Math.round(baselineMs), readMs: Math.round(raw.readMs), upsertMs: Math.round(upsertMs), rows: counter.writes, distinctRows: sample.count },
      ratio: system / baseline,
      checks: [check('ratio', system / baseline, '>=', 0.5)],
      notes: [`${PROJECTIONS.length} projections, each replaying the log of ${raw.events} events (head ${head}) in pages of ${PAGE}`],
    });
  },
};

/** The raw read: every event row in log order, with its JSON parsed (the least any replay must do). */
function rawBaseline(eventsFile) {
  const db = new Database(eventsFile, { readonly: true });
  const started = performance.now();
  let events = 0;
  let after = -1;
  const page = db.prepare('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?');
  for (;;) {
    const rows = page.all(after, PAGE);
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

/** Upserts `rows` view rows (real view documents, ids varied) in batches of PAGE, as the read store is configured. */
function rawUpserts(file, rows, { docs, count }) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS views (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
  const upsert = db.prepare('INSERT INTO views (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc');
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const doc = docs[i % docs.length];
      // As many distinct views as the replay made, each written about as often.
      const id = `v-${i % Math.max(1, count)}`;
      upsert.run(id, JSON.stringify({ ...doc, id }));
    }
  });
  const started = performance.now();
  for (let from = 0; from < rows; from += PAGE) batch(from, Math.min(rows, from + PAGE));
  const ms = performance.now() - started;
  db.close();
  return ms;
}

/** A few real view documents of each collection, and how many views there are in all. */
async function sampleDocs(store, projections) {
  const docs = [];
  let count = 0;
  for (const projection of projections) {
    for await (const doc of store.iterate(projection.collection.name)) {
      if (count++ % 1_000 === 0) docs.push(doc);
    }
  }
  return { docs: docs.length > 0 ? docs : [{ id: 'x' }], count };
}

/** Counts the view rows the replay writes, without changing what it does. */
function countingWrites(store) {
  const counter = { writes: 0, store: null };
  counter.store = new Proxy(store, {
    get(target, property) {
      if (property === 'bulkWrite') {
        return (collection, ops, options) => {
          counter.writes += ops.length;
          return target.bulkWrite(collection, ops, options);
        };
      }
      const value = target[property];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return counter;
}
