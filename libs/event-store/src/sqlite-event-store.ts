import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { EventToAppend, RecordedEvent } from '@kenpo/kernel';
import { assertAppendable, DuplicateEventIdError, retryRevision, revisionMatches } from './append-rules.js';
import { ChangeNotifier } from './change-notifier.js';
import { chainMetadata, GENESIS_HASH } from './event-hash.js';
import { GroupCommit } from './group-commit.js';
import {
  EventStore,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventHandler,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
} from './event-store.js';
import { PullSubscription } from './pull-subscription.js';
import { EVENT_COLUMNS, prepareDatabase, toRecordedEvent, type EventRow } from './sqlite-schema.js';

export interface SqliteEventStoreOptions {
  /** How long a writer waits for another connection's write lock before failing (ms). Default 5000. */
  busyTimeoutMs?: number;
  /** Fallback wake-up of live subscribers when no file-change event arrives (ms). Default 500. */
  wakeFallbackMs?: number;
  /** Watch the WAL file to wake subscribers on other processes' appends. Default true; off leaves the fallback tick. */
  watchWal?: boolean;
}

interface StreamRow {
  last_revision: number;
  last_hash: string;
}

/** The embedded event store: one SQLite file in WAL mode, shared safely by several processes. */
export class SqliteEventStore extends EventStore {
  private readonly subscriptions = new Set<PullSubscription>();
  private readonly notifier: ChangeNotifier;
  private readonly statements;
  private readonly writes: GroupCommit;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    file: string,
    options: SqliteEventStoreOptions,
  ) {
    super();
    this.notifier = new ChangeNotifier(file, options.wakeFallbackMs, options.watchWal);
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
      forwards: db.prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      backwards: db.prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      after: db.prepare<[number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
      // The expression is written as in the index (events_by_member) so that the planner uses it.
      namingMember: db.prepare<[string], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE json_extract(data, '$.memberId') = ? ORDER BY position`,
      ),
    };
    this.writes = new GroupCommit(db, () => this.notifier.notify());
  }

  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const file = resolve(filePath);
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    prepareDatabase(db, options.busyTimeoutMs ?? 5_000);
    return new SqliteEventStore(db, file, options);
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    assertAppendable(streamId, events, expectedRevision);
    // The group's IMMEDIATE transaction takes the write lock before the revision check: no other connection can
    // slip in between; concurrent appends of this process share the transaction and its sync (group commit).
    return this.writes.run(() => this.appendNow(streamId, events, expectedRevision));
  }

  /** All streams in one savepoint of the group's transaction: any conflict rolls the whole batch back. */
  override async appendMany(batch: readonly StreamAppend[]): Promise<AppendResult[]> {
    for (const { streamId, events, expectedRevision } of batch) assertAppendable(streamId, events, expectedRevision);
    if (batch.length === 0) return [];
    return this.writes.run(() =>
      batch.map(({ streamId, events, expectedRevision }) => this.appendNow(streamId, events, expectedRevision)),
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.forwards.all(streamId, options.fromRevision ?? 0, limit);
    if (rows.length === 0 && !this.statements.stream.get(streamId)) throw new StreamNotFoundError(streamId);
    return rows.map(toRecordedEvent);
  }

  override get indexesMembers(): boolean {
    return true;
  }
  override async readNamingMember(memberId: string): Promise<RecordedEvent[]> {
    return this.statements.namingMember.all(memberId).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAfter(options.after ?? -1, options.maxCount ?? -1);
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('event store is closed');
    const subscription = new PullSubscription(
      (after, limit) => this.readAfter(after, limit),
      this.notifier,
      handler,
      options,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    return this.statements.head.get()?.head ?? -1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.writes.flush();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.notifier.close();
    this.db.close();
  }

  private readAfter(after: number, limit: number): RecordedEvent[] {
    return this.statements.after.all(after, limit).map(toRecordedEvent);
  }

  private appendNow(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult {
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
    }
    this.statements.saveStream.run(streamId, revision, previousHash);
    return { nextExpectedRevision: revision, position };
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
