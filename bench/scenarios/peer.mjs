import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { eventIdFor, newId } from '@kenpo/kernel';
import { SqliteEventStore } from '@kenpo/event-store';
import { BENCH_DIR } from '../lib/context.mjs';
import { openRaw, rawAppender } from '../lib/raw-sqlite.mjs';
import { check, result } from '../lib/result.mjs';
import { round } from '../lib/stats.mjs';

const STREAMS = 1_000;
const PEER_DIR = join(BENCH_DIR, '.peer');
export const PEER_INSTALL = `npm install --no-save --no-package-lock --prefix bench/.peer @event-driven-io/emmett@0.38.5 @event-driven-io/emmett-sqlite@0.38.5 sqlite3@5.1.7`;

/**
 * Issue 9.6: the same single-event append workload (one event per append, expected revision checked, 1,000
 * streams) through our SqliteEventStore and through @event-driven-io/emmett-sqlite, beside the raw better-sqlite3
 * floor. emmett-sqlite needs the `sqlite3` native package, which compiles from source here (its prebuilt binary
 * download is unreachable), so it is installed on demand into bench/.peer rather than slowing every `npm install`.
 */
export default {
  name: 'peer',
  title: 'Peer: single-event appends vs @event-driven-io/emmett-sqlite',
  async run(ctx) {
    const count = ctx.quick ? 300 : 5_000;
    const dir = ctx.scratch('peer');
    const raw = rawAppends(join(dir, 'raw.db'), count);
    const ours = await ourAppends(join(dir, 'ours.db'), count);
    ctx.log(`raw ${round(raw, 0)}/s, ours ${round(ours, 0)}/s`);
    const emmett = await loadEmmett();
    const system = {
      value: round(ours, 0),
      unit: 'appends/s (ours)',
      rawAppendsPerSecond: round(raw, 0),
      oursToRaw: round(ours / raw, 3),
    };
    if (!emmett) {
      return {
        status: 'not-available',
        system,
        baseline: null,
        ratio: null,
        target: 'ours / emmett >= 1',
        checks: [],
        notes: [`@event-driven-io/emmett-sqlite is not installed; install it on demand with: ${PEER_INSTALL}`],
      };
    }
    const { perSecond: peer, retries } = await emmettAppends(emmett, join(dir, 'emmett.db'), count);
    // Both stores must really hold every event (a silently failing append would look fast).
    const stored = {
      ours: rowsIn(join(dir, 'ours.db'), 'events'),
      emmett: rowsIn(join(dir, 'emmett.db'), 'emt_messages'),
    };
    if (stored.ours !== count || stored.emmett !== count)
      throw new Error(`appended ${count}, stored ${JSON.stringify(stored)}`);
    return result({
      system,
      baseline: { value: round(peer, 0), unit: 'appends/s (emmett-sqlite)', retriedAfterBusy: retries },
      ratio: ours / peer,
      checks: [check('ours/emmett', ours / peer, '>=', 1)],
      notes: [
        `${count} single-event appends on ${STREAMS} streams each (every event found stored afterwards); the raw better-sqlite3 floor did ${round(raw, 0)}/s`,
        `emmett-sqlite (on the node sqlite3 driver, WAL, default synchronous) opens and closes its database connection around every ` +
          `call on a file database, re-running its PRAGMA each time (see bench/README.md for what that costs); ${retries} of its ` +
          `appends failed their COMMIT with SQLITE_BUSY "SQL statements in progress" and were retried`,
      ],
    });
  },
};

function rawAppends(file, count) {
  const db = openRaw(file);
  const append = rawAppender(db);
  const data = JSON.stringify({ payload: 'x'.repeat(400) });
  const started = performance.now();
  for (let i = 0; i < count; i++) append(`s-${i % STREAMS}`, data);
  const ms = performance.now() - started;
  db.close();
  return (count * 1000) / ms;
}

async function ourAppends(file, count) {
  const store = SqliteEventStore.open(file, { watchWal: false });
  const revisions = new Map();
  const actor = { id: 'bench', role: 'clerk' };
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const stream = `s-${i % STREAMS}`;
    const commandId = newId();
    const metadata = {
      eventId: eventIdFor(commandId, 0),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor,
      recordedAt: new Date().toISOString(),
      schemaVersion: 1,
    };
    const r = await store.append(
      stream,
      [{ type: 'Touched', data: { payload: 'x'.repeat(400) }, metadata }],
      revisions.get(stream) ?? 'no_stream',
    );
    revisions.set(stream, r.nextExpectedRevision);
  }
  const ms = performance.now() - started;
  await store.close();
  return (count * 1000) / ms;
}

/** emmett-sqlite from the project's node_modules (if ever a dependency) or from the on-demand bench/.peer. */
async function loadEmmett() {
  try {
    return await import('@event-driven-io/emmett-sqlite');
  } catch {
    /* not a dependency of the project */
  }
  if (!existsSync(join(PEER_DIR, 'node_modules/@event-driven-io/emmett-sqlite'))) return null;
  const resolved = createRequire(join(PEER_DIR, 'package.json')).resolve('@event-driven-io/emmett-sqlite');
  return import(pathToFileURL(resolved).href);
}

function rowsIn(file, table) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n;
  } finally {
    db.close();
  }
}

async function emmettAppends(emmett, file, count) {
  const store = emmett.getSQLiteEventStore({ fileName: file });
  const versions = new Map();
  let retries = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const stream = `s-${i % STREAMS}`;
    const expected = versions.get(stream);
    let r;
    for (let attempt = 1; !r; attempt++) {
      try {
        r = await store.appendToStream(
          stream,
          [{ type: 'Touched', data: { payload: 'x'.repeat(400) } }],
          expected === undefined ? {} : { expectedStreamVersion: expected },
        );
      } catch (error) {
        // emmett-sqlite 0.38.5 now and then fails a COMMIT with SQLITE_BUSY "SQL statements in progress" and rolls the
        // append back (likely cause: it starts `PRAGMA journal_mode = WAL` on each new connection without awaiting it).
        if (!/SQLITE_BUSY/.test(String(error?.message)) || attempt >= 5) throw error;
        retries++;
      }
    }
    versions.set(stream, r.nextExpectedStreamVersion);
  }
  const ms = performance.now() - started;
  await store.close?.();
  return { perSecond: (count * 1000) / ms, retries };
}
