import Database from 'better-sqlite3';

/*
 * Raw better-sqlite3 baselines: the engine's own limits with none of our code in the way, using the same
 * durability settings as the event store (WAL, synchronous=FULL), so a ratio compares like with like.
 */

export function openRaw(file, { synchronous = 'FULL' } = {}) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`CREATE TABLE IF NOT EXISTS raw_events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL,
    UNIQUE (stream_id, revision))`);
  return db;
}

/**
 * Single-event appends, one transaction each, with the optimistic-concurrency read of the stream's last revision
 * inside the write transaction (what any event store must do at minimum).
 */
export function rawAppender(db) {
  const last = db.prepare('SELECT max(revision) AS r FROM raw_events WHERE stream_id = ?');
  const insert = db.prepare('INSERT INTO raw_events (stream_id, revision, data) VALUES (?, ?, ?)');
  const append = db.transaction((streamId, data) => {
    const r = last.get(streamId).r;
    insert.run(streamId, r === null ? 0 : r + 1, data);
  });
  return (streamId, data) => append.immediate(streamId, data);
}

/** Inserts many events per transaction (the fastest raw write path), for batch baselines. */
export function rawBatchAppender(db) {
  const last = db.prepare('SELECT max(revision) AS r FROM raw_events WHERE stream_id = ?');
  const insert = db.prepare('INSERT INTO raw_events (stream_id, revision, data) VALUES (?, ?, ?)');
  return db.transaction((rows) => {
    for (const [streamId, data] of rows) {
      const r = last.get(streamId).r;
      insert.run(streamId, r === null ? 0 : r + 1, data);
    }
  });
}
