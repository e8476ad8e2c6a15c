import type { EventToAppend, RecordedEvent } from '@kenpo/kernel';

/**
 * What the writer expects of the stream: `no_stream` (must not exist), `stream_exists`, `any`,
 * or the exact revision of its last event (0-based).
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: number;
}

export interface StreamAppend {
  streamId: string;
  events: readonly EventToAppend[];
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the first (forwards) or last (backwards) event. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions extends TypesWanted {
  /** Exclusive: events strictly after this global position. Defaults to the start of the log. */
  after?: number;
  maxCount?: number;
}

/**
 * The event types a reader needs: a hint that lets a store skip reading and decoding the rest. It never changes
 * where a reader ends up: every event of these types is delivered, and each read that ends before `maxCount` ends
 * with the log's last event whatever its type, so a consumer's position still reaches the head (read-your-writes
 * waits and lag compare it with the head). A store may deliver other events too: readers still check the type.
 */
export interface TypesWanted {
  types?: readonly string[];
}

export interface ReadAllPagesOptions extends TypesWanted {
  /** Exclusive, as in ReadAllOptions. */
  after?: number;
  /** Default 1000. */
  pageSize?: number;
}

export interface SubscribeOptions extends TypesWanted {
  /** Exclusive: deliver events strictly after this global position (a stored checkpoint). Omit for the start. */
  after?: number;
  /** Called once the catch-up part is done and the subscription is live. */
  onLive?: () => void;
  /**
   * Told of every failure. A handler error ends the subscription (restart it from your checkpoint); a read or
   * connection error is retried by the adapter with a bounded backoff and the subscription goes on.
   */
  onError?: (error: Error) => void;
}

/**
 * A subscription delivers every event of the global log (or of the types asked, see TypesWanted) exactly once per
 * subscription, in order: first the
 * catch-up from `after`, then live events, with no gap and no duplicate at the switch. The handler's promise is
 * awaited before the next event is delivered (back-pressure).
 */
export interface Subscription {
  close(): Promise<void>;
}

export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

/** The event store port. Abstract class so it doubles as a Nest injection token. */
export abstract class EventStore {
  /**
   * Appends atomically. Throws WrongExpectedRevisionError when the stream is not as expected, except when the
   * same event ids were already appended at that expected revision: then it answers the first append's result.
   */
  abstract append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;
  /**
   * Appends to several streams with one call. SQLite: one transaction, all or nothing, one sync to disk instead of one
   * per stream. This default (EventStoreDB has no multi-stream transaction) appends stream by stream IN THE GIVEN
   * ORDER and stops at the first failure. The choice that keeps a command from being left half-done there:
   * - every check (If-Match, the decider's rules) runs before the first append, so only a lost race or a crash can
   *   fall between two streams;
   * - registry streams (allocations, claims on unique keys) come first and the command's own stream last: the own
   *   stream is the commit point, and nothing reads a registry entry as a fact without it;
   * - registry appends carry event ids derived from the command id, and the registry reuses an entry its command
   *   already recorded: the retry (handleCommand's, or the client's with the same Idempotency-Key) completes the
   *   command with the same allocation. A command never retried leaves an unused entry (a skipped 番号), never a
   *   duplicate.
   */
  async appendMany(batch: readonly StreamAppend[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of batch)
      results.push(await this.append(streamId, events, expectedRevision));
    return results;
  }

  /** Throws StreamNotFoundError for a stream that has no events. */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** As readStream, but no events for a stream that does not exist (a store may answer that without an error). */
  async readStreamOrEmpty(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    try {
      return await this.readStream(streamId, options);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
  /**
   * The events an append of `events` to `streamId` recorded (its result: `appended`), as readStream would return
   * them. This default reads them back; a store that knows them without a read may answer from what it was given.
   */
  async recordedBy(
    streamId: string,
    events: readonly EventToAppend[],
    appended: AppendResult,
  ): Promise<RecordedEvent[]> {
    return this.readStream(streamId, {
      fromRevision: appended.nextExpectedRevision - events.length + 1,
      maxCount: events.length,
    });
  }
  /** Events of the global log in order. */
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The global log from `after` in pages of at most `pageSize` events, for exports and rebuilds of millions of
   * events in constant memory: only one page is held at a time.
   */
  async *readAllPages(options: ReadAllPagesOptions = {}): AsyncGenerator<RecordedEvent[], void, undefined> {
    const pageSize = options.pageSize ?? 1_000;
    let after = options.after ?? -1;
    for (;;) {
      const page = await this.readAll({
        after,
        maxCount: pageSize,
        ...(options.types ? { types: options.types } : {}),
      });
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]!.position;
    }
  }
  /**
   * Every event whose data names this member (`data.memberId`, a string), in log order: the per-member index behind a
   * member's compliance history. The SQLite store answers from an index on that field; this default scans the log,
   * so an adapter without such an index stays correct, only slower.
   */
  /** Whether `appendMany` writes all its streams or none (one transaction); else stream by stream, see above. */
  get appendsManyAtomically(): boolean {
    return false;
  }

  /** Whether `readNamingMember` answers from an index; without one, callers that page may prefer their own scan. */
  get indexesMembers(): boolean {
    return false;
  }
  async readNamingMember(memberId: string): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    for await (const page of this.readAllPages())
      for (const event of page) if (event.data.memberId === memberId) found.push(event);
    return found;
  }
  abstract subscribe(handler: EventHandler, options?: SubscribeOptions): Subscription;
  /** Position of the last event in the global log, or -1 when empty. */
  abstract headPosition(): Promise<number>;
  abstract close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}
