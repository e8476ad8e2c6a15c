import { isUuid, type EventToAppend } from '@kenpo/kernel';
import type { ExpectedRevision } from './event-store.js';

/** Thrown when an event id is already stored elsewhere in the log (not a retry of the same append). */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already stored`);
    this.name = 'DuplicateEventIdError';
  }
}

/** Both adapters refuse the same malformed input, so the contract behaves alike. */
export function assertAppendable(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId === '' || streamId.startsWith('$')) {
    throw new RangeError('stream id must be a non-empty string not starting with $');
  }
  if (events.length === 0) throw new RangeError('append needs at least one event');
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError('expected revision must be a non-negative integer, no_stream, stream_exists or any');
  }
  const ids = new Set<string>();
  for (const event of events) {
    const { eventId, recordedAt } = event.metadata;
    // EventStoreDB requires UUID ids; requiring them here too keeps the adapters interchangeable.
    if (!isUuid(eventId)) throw new RangeError('metadata.eventId must be a UUID');
    if (ids.has(eventId)) throw new DuplicateEventIdError(eventId);
    ids.add(eventId);
    if (typeof recordedAt !== 'string' || recordedAt === '') throw new RangeError('metadata.recordedAt is required');
    if (typeof event.type !== 'string' || event.type === '' || event.type.startsWith('$')) {
      throw new RangeError('event type must be a non-empty string not starting with $');
    }
  }
}

/** Whether a stream whose last revision is `actual` satisfies `expected`. */
export function revisionMatches(expected: ExpectedRevision, actual: number | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

/** Where a retried append's first event must sit for it to count as the same append; undefined = anywhere. */
export function retryRevision(expected: ExpectedRevision): number | undefined {
  if (expected === 'no_stream') return 0;
  return typeof expected === 'number' ? expected + 1 : undefined;
}
