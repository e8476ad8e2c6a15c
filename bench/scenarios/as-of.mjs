import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { eventIdFor, newId } from '@kenpo/kernel';
import { SqliteEventStore } from '@kenpo/event-store';
import { memberDecider } from '@kenpo/membership';
import { ROOT } from '../lib/context.mjs';
import { check, result } from '../lib/result.mjs';
import { repeatFor, round, summarize } from '../lib/stats.mjs';

const EVENTS = 1_000;
const ACTOR = { id: 'bench', role: 'clerk' };

/**
 * Issue 9.5: the state of a member with 1,000 events as known at an instant, with the compliance module's own
 * function (read the stream, fold with the member decider's evolve up to that instant); baseline: the raw read of
 * the same 1,000 rows with their JSON parsed.
 */
export default {
  name: 'as-of',
  title: 'As-of state of a member with 1,000 events',
  async run(ctx) {
    const dir = ctx.scratch('as-of');
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open(file, { watchWal: false });
    const { memberId, midpoint } = await writeLongMember(store);
    const asOf = await asOfFunction();
    const duration = ctx.quick ? 500 : 5_000;

    const latest = new Date('2100-01-01T00:00:00Z');
    const probe = await asOf.fn(store, memberId, latest);
    if (probe?.revision !== EVENTS - 1)
      throw new Error(`the fold saw revision ${probe?.revision}, expected ${EVENTS - 1}`);
    const query = (fn) => (i) => fn(store, memberId, i % 2 ? latest : midpoint);
    await repeatFor(0, query(asOf.fold), 20); // JIT warm-up, not counted
    // The whole fold from the first event, as every question was answered before snapshots (and as a first question still is).
    const folded = await repeatFor(duration, query(asOf.fold), 20);
    await repeatFor(0, query(asOf.fn), 20);
    const system = await repeatFor(duration, query(asOf.fn), 20);
    await store.close();

    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT data, metadata FROM events WHERE stream_id = ? ORDER BY revision');
    const raw = await repeatFor(
      duration,
      () => {
        for (const row of rows.all(`member-${memberId}`)) {
          JSON.parse(row.data);
          JSON.parse(row.metadata);
        }
      },
      20,
    );
    db.close();

    const s = summarize(system.latencies);
    const b = summarize(raw.latencies);
    const f = summarize(folded.latencies);
    return result({
      system: {
        value: s.p99,
        unit: 'ms p99',
        p50: s.p50,
        p99: s.p99,
        samples: s.count,
        via: asOf.via,
        wholeFold: { p50: f.p50, p99: f.p99, samples: f.count },
      },
      baseline: { value: b.p99, unit: 'ms p99', p50: b.p50, p99: b.p99, samples: b.count },
      // Latencies: less is better, so the ratio is baseline / system (1 = as fast as the raw read).
      ratio: b.p99 / s.p99,
      checks: [check('p99 ms', s.p99, '<=', 10)],
      notes: [
        `${EVENTS} events in one member stream; half the queries as of the latest instant, half as of its midpoint (${asOf.via})`,
        `the whole fold from the first event (no snapshot: a member's first question after a start): p50 ${f.p50} ms, p99 ${f.p99} ms`,
      ],
    });
  },
};

/**
 * The compliance module's fold when it is built (with its snapshots when it has them: the service keeps one
 * MemberSnapshots per process), else the same read-and-fold done here. `fold` is the fold without snapshots.
 */
async function asOfFunction() {
  const compiled = join(ROOT, 'apps/back-office-api/dist/compliance/member-as-of.js');
  if (existsSync(compiled)) {
    const module = await import(pathToFileURL(compiled).href);
    const snapshotsFile = join(ROOT, 'apps/back-office-api/dist/compliance/member-snapshots.js');
    const { MemberSnapshots } = existsSync(snapshotsFile) ? await import(pathToFileURL(snapshotsFile).href) : {};
    if (typeof module.memberKnownAt === 'function') {
      const snapshots = MemberSnapshots ? new MemberSnapshots() : undefined;
      return {
        fn: (store, memberId, at) => module.memberKnownAt(store, memberId, at, snapshots),
        fold: (store, memberId, at) => module.memberKnownAt(store, memberId, at),
        via: `memberKnownAt of apps/back-office-api/src/compliance${snapshots ? `, with MemberSnapshots (every ${snapshots.every} revisions)` : ''}`,
      };
    }
  }
  const fold = async (store, memberId, at) => {
    let state = memberDecider.initialState();
    let revision = null;
    for (const e of await store.readStream(`member-${memberId}`)) {
      if (Date.parse(e.metadata.recordedAt) > at.getTime()) break;
      state = memberDecider.evolve(state, e);
      revision = e.revision;
    }
    return { state, revision };
  };
  return { via: 'readStream + memberDecider.evolve (compliance module not built)', fn: fold, fold };
}

/** An enrollment (3 events) and 997 remuneration revisions, decided by the real decider, one append per command. */
async function writeLongMember(store) {
  const memberId = newId();
  let state = memberDecider.initialState();
  let revision = -1;
  let clock = Date.parse('2025-04-01T00:00:00Z');
  let midpoint;
  const record = async (type, data) => {
    clock += 60_000;
    const commandId = newId(clock);
    const now = new Date(clock).toISOString();
    const events = memberDecider.decide(
      { type, data, metadata: { commandId, correlationId: commandId, actor: ACTOR, now } },
      state,
    );
    for (const e of events) state = memberDecider.evolve(state, e);
    const result = await store.append(
      `member-${memberId}`,
      events.map((e, i) => ({
        type: e.type,
        data: e.data,
        metadata: {
          eventId: eventIdFor(commandId, i),
          commandId,
          correlationId: commandId,
          causationId: commandId,
          actor: ACTOR,
          recordedAt: now,
          schemaVersion: 1,
        },
      })),
      revision < 0 ? 'no_stream' : revision,
    );
    revision = result.nextExpectedRevision;
    if (!midpoint && revision >= EVENTS / 2) midpoint = new Date(clock);
  };
  await record('EnrollMember', {
    memberId,
    officeCode: 'OF-001',
    symbol: '1001',
    number: '1',
    individualNumber: { ref: 'bench-as-of', ciphertext: 'x' },
    name: '試験 太郎',
    nameKana: 'シケン タロウ',
    dateOfBirth: '1985-06-15',
    sex: 'male',
    postalCode: '100-0001',
    address: '東京都千代田区千代田1-1',
    acquisitionDate: '2025-04-01',
    remuneration: { monthlyRemuneration: 300_000 },
  });
  for (let i = 0; revision < EVENTS - 1; i++) {
    const month = i + 4;
    await record('ReviseStandardRemuneration', {
      effectiveFrom: `${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`,
      kind: 'occasional',
      remuneration: { monthlyRemuneration: 200_000 + (i % 30) * 10_000 },
    });
  }
  return { memberId, midpoint };
}
