import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@kenpo/kernel';

/**
 * One row per event; `position` is the global order. Time-ordered (v7-derived) event ids keep the UNIQUE index
 * append-friendly. `streams` holds each stream's last revision and hash so an append checks concurrency and links
 * the hash chain with one primary-key lookup.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
-- A member's events outside their own stream (claims, payouts, registries) name them in data.memberId: their
-- compliance history reads this index, not the whole log. Partial: events that name no member take no room.
CREATE INDEX IF NOT EXISTS events_by_member ON events (json_extract(data, '$.memberId'))
  WHERE json_extract(data, '$.memberId') IS NOT NULL;
CREATE TABLE IF NOT EXISTS streams (
  stream_id     TEXT    PRIMARY KEY,
  last_revision INTEGER NOT NULL,
  last_hash     TEXT    NOT NULL
) WITHOUT ROWID;
`;

export function prepareDatabase(db: Database, busyTimeoutMs: number): void {
  db.pragma('journal_mode = WAL');
  // FULL: a committed event survives a power cut (architecture.md 2), at the price of an fsync per commit.
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.exec(SCHEMA);
}

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

export const EVENT_COLUMNS = 'position, stream_id, revision, type, data, metadata';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  };
}
