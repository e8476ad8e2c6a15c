import type { RecordedEvent } from '@kenpo/kernel';
import { type ChainBreakReason, type EventStore, GENESIS_HASH, hashEvent } from '@kenpo/event-store';
import { maskStreamId } from './masking.js';

export interface IntegrityBreak {
  /** Keyed-hash stream names are shown masked; `position` locates the event exactly. */
  streamId: string;
  revision: number;
  position: number;
  eventId: string | null;
  type: string;
  reason: ChainBreakReason;
}

export interface IntegrityReport {
  ok: boolean;
  checkedEvents: number;
  streams: number;
  /** Position of the last event checked (-1 for an empty store). */
  lastPosition: number;
  /** The first break of each broken stream, in log order. */
  breaks: IntegrityBreak[];
  checkedAt: string;
}

/** What is kept per stream while scanning: constant size, whatever the stream's length. */
interface StreamCursor {
  nextRevision: number;
  lastHash: string;
  broken: boolean;
}

/** The first reason `event` does not continue its stream's chain, or null when it does. */
export function chainBreakOf(event: RecordedEvent, cursor: StreamCursor | undefined): ChainBreakReason | null {
  const expectedRevision = cursor?.nextRevision ?? 0;
  if (event.revision !== expectedRevision) return 'revision_gap';
  const { hash, previousHash } = event.metadata;
  if (typeof hash !== 'string' || typeof previousHash !== 'string') return 'missing_hash';
  if (previousHash !== (cursor?.lastHash ?? GENESIS_HASH)) return 'previous_hash_mismatch';
  if (hashEvent(event) !== hash) return 'hash_mismatch';
  return null;
}

/**
 * Walks the whole log page by page and checks every stream's hash chain (libs/event-store event-hash.ts):
 * one page in memory at a time and, per stream, only its last revision and hash. Reports the first break per
 * stream; later events of a broken stream are not judged again (every one of them would follow from the first).
 * Not detectable by a chain: removing a stream's last events. The stores' own stream table would show that.
 */
export async function verifyIntegrity(
  store: EventStore,
  now: Date,
  options: { pageSize?: number } = {},
): Promise<IntegrityReport> {
  const streams = new Map<string, StreamCursor>();
  const breaks: IntegrityBreak[] = [];
  let checkedEvents = 0;
  let lastPosition = -1;
  for await (const page of store.readAllPages({ pageSize: options.pageSize ?? 1_000 })) {
    for (const event of page) {
      checkedEvents++;
      lastPosition = event.position;
      const cursor = streams.get(event.streamId);
      if (cursor?.broken) continue;
      const reason = chainBreakOf(event, cursor);
      if (reason) {
        breaks.push({
          streamId: maskStreamId(event.streamId),
          revision: event.revision,
          position: event.position,
          eventId: typeof event.metadata.eventId === 'string' ? event.metadata.eventId : null,
          type: event.type,
          reason,
        });
        streams.set(event.streamId, { nextRevision: event.revision + 1, lastHash: '', broken: true });
        continue;
      }
      streams.set(event.streamId, { nextRevision: event.revision + 1, lastHash: event.metadata.hash!, broken: false });
    }
  }
  return {
    ok: breaks.length === 0,
    checkedEvents,
    streams: streams.size,
    lastPosition,
    breaks,
    checkedAt: now.toISOString(),
  };
}
