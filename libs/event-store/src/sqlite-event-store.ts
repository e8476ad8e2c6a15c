import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { EventToAppend, RecordedEvent } from '@kenpo/kernel';
import { assertAppendable } from './append-rules.js';
import { ChangeNotifier } from './change-notifier.js';
import {
  EventStore,
  StreamNotFoundError,
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
import { InlineWriter, threadWriter, type LogWriter } from './sqlite-writer.js';
import type { ChainedAppendResult } from './sqlite-appender.js';
import { EVENT_COLUMNS, prepareDatabase, toRecordedEvent, type EventRow } from './sqlite-schema.js';

export interface SqliteEventStoreOptions {
  /** How long a writer waits for another connection's write lock before failing (ms). Default 5000. */
  busyTimeoutMs?: number;
  /** Fallback wake-up of live subscribers when no file-change event arrives (ms). Default 500. */
  wakeFallbackMs?: number;
  /** Watch the WAL file to wake subscribers on other processes' appends. Default true; off leaves the fallback tick. */
  watchWal?: boolean;
  /**
   * Commit appends on a thread of their own (default) or on the caller's event loop (false). The thread keeps the
   * commit's sync and the hash chain off the loop that serves requests; both commit the same way.
   */
  writerThread?: boolean;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** The embedded event store: one SQLite file in WAL mode, shared safely by several processes. */
export class SqliteEventStore extends EventStore {
  private readonly subscriptions = new Set<PullSubscription>();
  private readonly notifier: ChangeNotifier;
  private readonly statements;
  private readonly writer: LogWriter;
  private closed = false;
  private readonly chains = new WeakMap<AppendResult, NonNullable<ChainedAppendResult['chain']>>();

  private constructor(
    private readonly db: Database.Database,
    file: string,
    options: SqliteEventStoreOptions,
  ) {
    super();
    this.notifier = new ChangeNotifier(file, options.wakeFallbackMs, options.watchWal);
    this.statements = {
      stream: db.prepare<[string], { last_revision: number }>('SELECT last_revision FROM streams WHERE stream_id = ?'),
      forwards: db.prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      backwards: db.prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      // Without a LIMIT when none is asked: a bound LIMIT costs a stream read about 9 µs more (measured), and a
      // command reads several streams whole.
      wholeForwards: db.prepare<[string, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC`,
      ),
      after: db.prepare<[number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      // The log's last event rides along with the wanted types (TypesWanted): a reader's position reaches the head.
      afterOfTypes: db.prepare<[number, string, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND (type IN (SELECT value FROM json_each(?)) OR
           position = (SELECT max(position) FROM events)) ORDER BY position LIMIT ?`,
      ),
      head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
      // The expression is written as in the index (events_by_member) so that the planner uses it.
      namingMember: db.prepare<[string], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE json_extract(data, '$.memberId') = ? ORDER BY position`,
      ),
    };
    const committed = () => this.notifier.notify();
    this.writer =
      options.writerThread === false
        ? new InlineWriter(db, committed)
        : threadWriter(file, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS, committed);
  }

  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const file = resolve(filePath);
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    prepareDatabase(db, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
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
    const [result] = await this.writer.run([{ streamId, events, expectedRevision }]);
    return this.answer(result!);
  }

  /** All streams in one savepoint of the group's transaction: any conflict rolls the whole batch back. */
  override async appendMany(batch: readonly StreamAppend[]): Promise<AppendResult[]> {
    for (const { streamId, events, expectedRevision } of batch) assertAppendable(streamId, events, expectedRevision);
    if (batch.length === 0) return [];
    return (await this.writer.run(batch)).map((result) => this.answer(result));
  }

  /** The result callers see; the chain the writer told stays here for recordedBy. */
  private answer({ chain, ...result }: ChainedAppendResult): AppendResult {
    if (chain) this.chains.set(result, chain);
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.rowsOf(streamId, options);
    if (rows.length === 0 && !this.statements.stream.get(streamId)) throw new StreamNotFoundError(streamId);
    return rows.map(toRecordedEvent);
  }

  /** A stream without events is empty here: no error to build and no second query to tell "missing" apart. */
  override async readStreamOrEmpty(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.rowsOf(streamId, options).map(toRecordedEvent);
  }

  private rowsOf(streamId: string, options: ReadStreamOptions): EventRow[] {
    const limit = options.maxCount ?? -1;
    return options.direction === 'backwards'
      ? this.statements.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
      : limit === -1
        ? this.statements.wholeForwards.all(streamId, options.fromRevision ?? 0)
        : this.statements.forwards.all(streamId, options.fromRevision ?? 0, limit);
  }

  /**
   * From the append's result, without a read: one stream's events of an append are inserted one after the other in
   * one transaction, so their revisions and positions are consecutive up to the result's, and the writer tells the
   * hashes it chained them with. A retry of an earlier append wrote nothing now: that one is read.
   */
  override async recordedBy(
    streamId: string,
    events: readonly EventToAppend[],
    appended: AppendResult,
  ): Promise<RecordedEvent[]> {
    const chain = this.chains.get(appended);
    if (!chain || chain.hashes.length !== events.length) return super.recordedBy(streamId, events, appended);
    const last = events.length - 1;
    return events.map((event, i) => ({
      streamId,
      revision: appended.nextExpectedRevision - last + i,
      position: appended.position - last + i,
      type: event.type,
      data: event.data,
      metadata: {
        ...event.metadata,
        previousHash: i === 0 ? chain.previousHash : chain.hashes[i - 1]!,
        hash: chain.hashes[i]!,
      },
    }));
  }

  override get appendsManyAtomically(): boolean {
    return true;
  }

  override get indexesMembers(): boolean {
    return true;
  }
  override async readNamingMember(memberId: string): Promise<RecordedEvent[]> {
    return this.statements.namingMember.all(memberId).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAfter(options.after ?? -1, options.maxCount ?? -1, typesParameter(options.types));
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('event store is closed');
    const types = typesParameter(options.types);
    const subscription = new PullSubscription(
      (after, limit) => this.readAfter(after, limit, types),
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
    await this.writer.close();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.notifier.close();
    this.db.close();
  }

  /** `types`: the wanted types as a JSON array, or undefined for all (TypesWanted). */
  private readAfter(after: number, limit: number, types: string | undefined): RecordedEvent[] {
    const rows =
      types === undefined
        ? this.statements.after.all(after, limit)
        : this.statements.afterOfTypes.all(after, types, limit);
    return rows.map(toRecordedEvent);
  }
}

/** The wanted types as the JSON array `afterOfTypes` binds (json_each), or undefined for every type. */
function typesParameter(types: readonly string[] | undefined): string | undefined {
  return types === undefined ? undefined : JSON.stringify(types);
}
