import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventIdFor, newId } from '@kenpo/kernel';
import { chainMetadata, GENESIS_HASH, SqliteEventStore } from '@kenpo/event-store';
import { memberDecider } from '@kenpo/membership';

/*
 * Big synthetic data sets, fast: member histories decided by the real member decider (so every event is one the
 * system could have recorded, with a valid hash chain), written straight into the event store's SQLite schema in
 * large transactions. Individual Numbers are faked in their protected form ({ref, ciphertext}): no
 * clear number exists anywhere. Members are processed in chunks whose events are interleaved round by round, so a
 * member's events are spread over the log as they would be in real life.
 */

export const EVENTS_PER_MEMBER = 10;
const CHUNK = 1_000;
const SYMBOLS = 100;
const SEED_VERSION = 2; // 2: protected numbers as { ref, ciphertext } (issue 14.1)
const ACTOR = { id: 'bench-seed', role: 'clerk' };

const protectedNumber = (seed) => ({
  ref: createHash('sha256').update(`bench-${seed}`).digest('hex').slice(0, 32),
  ciphertext: 'x',
});
const kana = ['アイ', 'カキ', 'サシ', 'タチ', 'ナニ', 'ハヒ', 'マミ', 'ヤユ', 'ラリ', 'ワン'];

/** The commands of one member's history, round by round (the decider turns them into 10 events). */
function memberRounds(i, memberId, symbol, number) {
  const name = `${kana[i % 10]}${kana[Math.floor(i / 10) % 10]}`;
  const year = 1960 + (i % 40);
  return [
    {
      type: 'EnrollMember',
      data: {
        memberId,
        officeCode: `OF-${symbol}`,
        symbol,
        number,
        individualNumber: protectedNumber(2 * i),
        name: `試験 ${name}`,
        nameKana: `シケン ${name}`,
        dateOfBirth: `${year}-0${1 + (i % 9)}-1${i % 10}`,
        sex: i % 2 ? 'female' : 'male',
        postalCode: '100-0001',
        address: '東京都千代田区千代田1-1',
        acquisitionDate: '2025-04-01',
        remuneration: { monthlyRemuneration: 200_000 + (i % 50) * 10_000 },
      },
    },
    {
      type: 'RecognizeDependant',
      data: {
        dependantId: newId(),
        relationship: 'spouse',
        individualNumber: protectedNumber(2 * i + 1),
        name: `試験 ハナコ${name}`,
        nameKana: `シケン ハナコ${name}`,
        dateOfBirth: `${year + 2}-02-03`,
        sex: i % 2 ? 'male' : 'female',
        recognizedFrom: '2025-04-01',
        expectedAnnualIncome: 500_000,
        sameHousehold: true,
        residence: { inJapan: true, exception: null, excludedVisa: null },
        disabled: false,
        insuredAnnualIncome: 4_800_000,
      },
    },
    { type: 'LinkCard', data: { personId: 'insured', linkedOn: '2025-05-01' } },
    {
      type: 'ReviseStandardRemuneration',
      data: {
        effectiveFrom: '2025-09',
        kind: 'periodic',
        remuneration: { monthlyRemuneration: 220_000 + (i % 50) * 10_000 },
      },
    },
    {
      type: 'RegisterPublicFundsAccount',
      data: {
        bankCode: '0001',
        branchCode: '001',
        accountType: 'ordinary',
        accountNumber: String(1_000_000 + i).slice(-7),
        holderName: `シケン ${name}`,
      },
    },
    {
      type: 'ReviseStandardRemuneration',
      data: {
        effectiveFrom: '2026-09',
        kind: 'periodic',
        remuneration: { monthlyRemuneration: 240_000 + (i % 50) * 10_000 },
      },
    },
  ];
}

/**
 * Writes `members` member histories (about EVENTS_PER_MEMBER events each) into `<dir>/events.db` and a sample of
 * persons to look up in `<dir>/persons.json`. Reuses a complete earlier data set of the same size.
 */
export async function seedDataset(dir, members, { log = () => {} } = {}) {
  const file = join(dir, 'events.db');
  const manifest = join(dir, 'dataset.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    if (m.version === SEED_VERSION && m.members === members) return m;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const partial = join(dir, 'events.db.partial');
  await SqliteEventStore.open(partial, { watchWal: false }).close();
  const db = new Database(partial);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // a half-written data set is thrown away, not recovered
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const saveStream = db.prepare(
    'INSERT OR REPLACE INTO streams (stream_id, last_revision, last_hash) VALUES (?, ?, ?)',
  );
  const write = db.transaction((rows, streams) => {
    for (const r of rows) insert.run(r);
    for (const s of streams) saveStream.run(s);
  });

  const started = performance.now();
  const persons = [];
  let events = 0;
  let clock = Date.parse('2025-04-01T00:00:00.000Z');
  const numbers = new Array(SYMBOLS).fill(0);
  for (let from = 0; from < members; from += CHUNK) {
    const chunk = [];
    for (let i = from; i < Math.min(members, from + CHUNK); i++) {
      const s = i % SYMBOLS;
      numbers[s] += 1;
      const memberId = newId(clock);
      const symbol = String(1000 + s);
      chunk.push({
        streamId: `member-${memberId}`,
        memberId,
        state: memberDecider.initialState(),
        revision: -1,
        hash: GENESIS_HASH,
        rounds: memberRounds(i, memberId, symbol, String(numbers[s])),
      });
    }
    const rows = [];
    for (let round = 0; round < chunk[0].rounds.length; round++) {
      for (const m of chunk) {
        clock += 10;
        const now = new Date(clock).toISOString();
        const commandId = newId(clock);
        const command = { ...m.rounds[round], metadata: { commandId, correlationId: commandId, actor: ACTOR, now } };
        memberDecider.decide(command, m.state).forEach((event, index) => {
          m.state = memberDecider.evolve(m.state, event);
          m.revision += 1;
          const metadata = chainMetadata(
            m.streamId,
            m.revision,
            event.type,
            event.data,
            {
              eventId: eventIdFor(commandId, index),
              commandId,
              correlationId: commandId,
              causationId: commandId,
              actor: ACTOR,
              recordedAt: now,
              schemaVersion: 1,
            },
            m.hash,
          );
          m.hash = metadata.hash;
          if (persons.length < 5_000 && (event.type === 'MemberEnrolled' || event.type === 'DependantRecognized')) {
            const { symbol, number } = m.rounds[0].data;
            persons.push({
              memberId: m.memberId,
              personId: event.data.personId,
              symbol,
              number,
              branch: event.data.branch,
            });
          }
          rows.push([
            m.streamId,
            m.revision,
            metadata.eventId,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(metadata),
            now,
          ]);
        });
      }
    }
    write(
      rows,
      chunk.map((m) => [m.streamId, m.revision, m.hash]),
    );
    events += rows.length;
    if ((from / CHUNK) % 20 === 0) log(`seeded ${events} events (${Math.round(performance.now() - started)} ms)`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, file);
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  const result = {
    version: SEED_VERSION,
    members,
    events,
    persons: 'persons.json',
    seedMs: Math.round(performance.now() - started),
  };
  writeFileSync(join(dir, 'persons.json'), JSON.stringify(persons));
  writeFileSync(manifest, JSON.stringify(result));
  return result;
}
