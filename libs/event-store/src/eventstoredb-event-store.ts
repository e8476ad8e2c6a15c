import type { EventStoreDBClient } from '@eventstore/db-client';
import type { EventToAppend, RecordedEvent } from '@kenpo/kernel';
import { assertAppendable, retryRevision, revisionMatches } from './append-rules.js';
import { chainMetadata, GENESIS_HASH } from './event-hash.js';
import {
  EventStore,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventHandler,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from './event-store.js';
import { errorType, fromEsdb, isSystemEvent, toEsdbPosition, type EsdbModule } from './eventstoredb-mapping.js';
import { EsdbSubscription } from './eventstoredb-subscription.js';

/** Attempts for `any` / `stream_exists` appends that lose a race while linking the hash chain. */
const CHAIN_ATTEMPTS = 10;
/** How far back a retried `any` append is looked for. */
const RETRY_WINDOW = 100;

/**
 * The production event store: EventStoreDB / KurrentDB over gRPC. The client module is loaded on first use, so the
 * embedded profile never pays for gRPC.
 *
 * Every append is sent with the exact revision whose hash it links to (also for `any` and `stream_exists`, which are
 * checked here and retried on a lost race): otherwise two writers could both link to the same predecessor.
 */
export class EventStoreDbEventStore extends EventStore {
  private connection: Promise<{ client: EventStoreDBClient; lib: EsdbModule }> | undefined;
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(private readonly connectionString: string) {
    super();
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    assertAppendable(streamId, events, expectedRevision);
    const { client, lib } = await this.connect();
    for (let attempt = 1; ; attempt++) {
      const last = (await this.readStreamOrEmpty(streamId, { direction: 'backwards', maxCount: 1 }))[0];
      const actual = last ? last.revision : 'no_stream';
      const matches = revisionMatches(expectedRevision, actual);
      if (!matches || expectedRevision === 'any' || expectedRevision === 'stream_exists') {
        const earlier = await this.earlierAppend(streamId, events, expectedRevision);
        if (earlier) return earlier;
        if (!matches) throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
      }
      let previousHash = last?.metadata.hash ?? GENESIS_HASH;
      const first = last ? last.revision + 1 : 0;
      const data = events.map((event, i) => {
        const metadata = chainMetadata(streamId, first + i, event.type, event.data, event.metadata, previousHash);
        previousHash = metadata.hash!;
        return lib.jsonEvent({ id: metadata.eventId, type: event.type, data: event.data, metadata });
      });
      try {
        const result = await client.appendToStream(streamId, data, {
          expectedRevision: last ? BigInt(last.revision) : lib.NO_STREAM,
        });
        const nextExpectedRevision = Number(result.nextExpectedRevision);
        // The position is read back from the last event rather than taken from the append response, whose position
        // for a multi-event write is not documented to be the last event's: a retried append must answer the same.
        return { nextExpectedRevision, position: await this.positionOf(streamId, nextExpectedRevision) };
      } catch (error) {
        // Someone appended between our read and our write: re-read; the next round answers precisely.
        if (errorType(error) !== 'wrong-expected-version' || attempt >= CHAIN_ATTEMPTS)
          throw this.mapError(error, streamId, expectedRevision);
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { client, lib } = await this.connect();
    const backwards = options.direction === 'backwards';
    const fromRevision =
      options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? lib.END : lib.START;
    const events: RecordedEvent[] = [];
    try {
      const read = client.readStream(streamId, {
        direction: backwards ? lib.BACKWARDS : lib.FORWARDS,
        fromRevision,
        maxCount: options.maxCount === 0 ? 1 : options.maxCount,
      });
      for await (const resolved of read) {
        const event = fromEsdb(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      throw this.mapError(error, streamId);
    }
    return options.maxCount === 0 ? [] : events;
  }

  /** `options.types` is not used: every event is read (TypesWanted allows it), as subscriptions deliver them all. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { client, lib } = await this.connect();
    const after = options.after ?? -1;
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    if (maxCount <= 0) return events;
    // No server-side maxCount: system events are skipped here, so the count of ours is only known while reading.
    const read = client.readAll({
      fromPosition: after >= 0 ? toEsdbPosition(after) : lib.START,
      direction: lib.FORWARDS,
    });
    for await (const resolved of read) {
      const event = fromEsdb(resolved);
      if (!event || event.position <= after) continue;
      events.push(event);
      if (events.length >= maxCount) break;
    }
    return events;
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    const subscription = new EsdbSubscription(
      () => this.connect(),
      handler,
      options,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    const { client, lib } = await this.connect();
    for await (const resolved of client.readAll({ fromPosition: lib.END, direction: lib.BACKWARDS })) {
      const event = resolved.event;
      if (event && !isSystemEvent(event.streamId, event.type))
        return Number(event.position?.commit ?? resolved.commitPosition ?? -1);
    }
    return -1;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await (await connection).client.dispose();
  }

  private connect(): Promise<{ client: EventStoreDBClient; lib: EsdbModule }> {
    this.connection ??= import('@eventstore/db-client').then((lib) => ({
      lib,
      client: lib.EventStoreDBClient.connectionString(this.connectionString),
    }));
    return this.connection;
  }

  private async positionOf(streamId: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event?.position ?? -1;
  }

  private async earlierAppend(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | undefined> {
    const at = retryRevision(expected);
    const candidates =
      at !== undefined
        ? await this.readStreamOrEmpty(streamId, { fromRevision: at, maxCount: events.length })
        : await this.findFrom(streamId, events[0]!.metadata.eventId, events.length);
    const same =
      candidates.length === events.length &&
      candidates.every((e, i) => e.metadata.eventId === events[i]!.metadata.eventId);
    return same
      ? { nextExpectedRevision: candidates.at(-1)!.revision, position: candidates.at(-1)!.position }
      : undefined;
  }

  /**
   * For `any` / `stream_exists`: the stored events from the one with `eventId` on. Only the stream's last
   * RETRY_WINDOW events are searched, so such appends stay cheap on long streams; a retry comes soon after the
   * first attempt, and our own commands append with exact revisions anyway.
   */
  private async findFrom(streamId: string, eventId: string, count: number): Promise<RecordedEvent[]> {
    const events = await this.readStreamOrEmpty(streamId, { direction: 'backwards', maxCount: RETRY_WINDOW + count });
    const index = events.findIndex((e) => e.metadata.eventId === eventId);
    return index < 0 ? [] : events.slice(Math.max(0, index - count + 1), index + 1).reverse();
  }

  private mapError(error: unknown, streamId: string, expected?: ExpectedRevision): unknown {
    const type = errorType(error);
    if (type === 'stream-not-found') return new StreamNotFoundError(streamId);
    if (type === 'wrong-expected-version' && expected !== undefined) {
      const actual = (error as { actualVersion?: unknown }).actualVersion;
      return new WrongExpectedRevisionError(
        streamId,
        expected,
        typeof actual === 'bigint' ? Number(actual) : 'no_stream',
      );
    }
    return error;
  }
}
