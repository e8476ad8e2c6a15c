import type Database from 'better-sqlite3';
import type { EventToAppend } from '@kenpo/kernel';
import { DuplicateEventIdError, retryRevision, revisionMatches } from './append-rules.js';
import { chainMetadata, GENESIS_HASH } from './event-hash.js';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type ExpectedRevision,
  type StreamAppend,
} from './event-store.js';

/** An append's result with the hash chain it wrote, so the store can tell the recorded events without a read. */
export interface ChainedAppendResult extends AppendResult {
  /** Absent when the append was an earlier one's retry (nothing written now). */
  chain?: { previousHash: string; hashes: string[] };
}

interface StreamRow {
  last_revision: number;
  last_hash: string;
}

/**
 * The write side of the SQLite log: the expected-revision check, retries recognised by their event ids, the hash
 * chain and the inserts. Synchronous SQL on its connection; the caller provides the transaction (a group commit's
 * savepoint), which holds the write lock across the check and the inserts.
 */
export class SqliteAppender {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      stream: db.prepare<[string], StreamRow>('SELECT last_revision, last_hash FROM streams WHERE stream_id = ?'),
      saveStream: db.prepare(
        'INSERT INTO streams (stream_id, last_revision, last_hash) VALUES (?, ?, ?) ' +
          'ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash',
      ),
      insert: db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byEventId: db.prepare<[string], { stream_id: string; revision: number }>(
        'SELECT stream_id, revision FROM events WHERE event_id = ?',
      ),
      idsFrom: db.prepare<[string, number, number], { event_id: string; position: number }>(
        'SELECT event_id, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
    };
  }

  /** All streams of a batch in the caller's savepoint: any conflict throws and rolls the whole batch back. */
  appendMany(batch: readonly StreamAppend[]): ChainedAppendResult[] {
    return batch.map(({ streamId, events, expectedRevision }) => this.append(streamId, events, expectedRevision));
  }

  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): ChainedAppendResult {
    const stream = this.statements.stream.get(streamId);
    const actual = stream ? stream.last_revision : 'no_stream';
    const matches = revisionMatches(expected, actual);
    if (!matches || expected === 'any' || expected === 'stream_exists') {
      const earlier = this.earlierAppend(streamId, events, expected);
      if (earlier) return earlier;
      if (!matches) throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    let revision = stream ? stream.last_revision : -1;
    let previousHash = stream?.last_hash ?? GENESIS_HASH;
    const chain = { previousHash, hashes: [] as string[] };
    let position = -1;
    for (const event of events) {
      revision++;
      const metadata = chainMetadata(streamId, revision, event.type, event.data, event.metadata, previousHash);
      try {
        const info = this.statements.insert.run(
          streamId,
          revision,
          metadata.eventId,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(metadata),
          metadata.recordedAt,
        );
        position = Number(info.lastInsertRowid);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
          throw new DuplicateEventIdError(metadata.eventId);
        throw error;
      }
      previousHash = metadata.hash!;
      chain.hashes.push(previousHash);
    }
    this.statements.saveStream.run(streamId, revision, previousHash);
    return { nextExpectedRevision: revision, position, chain };
  }

  /** The result of an earlier append of these very event ids to this stream, if there was one. */
  private earlierAppend(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const first = this.statements.byEventId.get(events[0]!.metadata.eventId);
    if (!first || first.stream_id !== streamId) return undefined;
    const at = retryRevision(expected);
    if (at !== undefined && first.revision !== at) return undefined;
    const stored = this.statements.idsFrom.all(streamId, first.revision, events.length);
    const same =
      stored.length === events.length && stored.every((row, i) => row.event_id === events[i]!.metadata.eventId);
    return same
      ? { nextExpectedRevision: first.revision + events.length - 1, position: stored.at(-1)!.position }
      : undefined;
  }
}
