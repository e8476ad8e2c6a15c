import type { EventStore, StreamAppend } from '@kenpo/event-store';
import { newId } from '@kenpo/kernel';

/** Streams the in-process reactors write on their own; a fault aimed at a request leaves them alone. */
const BACKGROUND = /^(payout-|transfer-batch-|payout-run-)/;

export interface StoreFault {
  /** How many writes the fault broke. */
  readonly tripped: number;
  restore(): void;
}

/**
 * Test-only composition: the running system's event store fails right after the first stream of a command's write.
 * - appendMany (SQLite: one transaction) gets a poisoned stream after its first: it throws inside the transaction,
 *   so whatever the first stream wrote must be rolled back;
 * - with `sequential`, appendMany behaves like a store without multi-stream transactions (EventStoreDB): the streams
 *   are appended one by one and the second throws, leaving the first written;
 * - a command that writes its streams with separate appends has the second append refused.
 */
export function failBetweenStreams(store: EventStore, options: { sequential?: boolean } = {}): StoreFault {
  const append = store.append.bind(store);
  const appendMany = store.appendMany.bind(store);
  let streamsAppended = 0;
  let tripped = 0;
  const fail = () => {
    tripped++;
    return new Error('fault injected between two streams of one command');
  };
  store.append = async (streamId, events, expected) => {
    if (!BACKGROUND.test(streamId) && ++streamsAppended >= 2) throw fail();
    return append(streamId, events, expected);
  };
  // Sequential, the store behaves as one without multi-stream transactions (EventStoreDB), and says so.
  if (options.sequential) Object.defineProperty(store, 'appendsManyAtomically', { value: false, configurable: true });
  store.appendMany = async (batch: readonly StreamAppend[]) => {
    if (batch.length < 2) return appendMany(batch);
    if (options.sequential) {
      await append(batch[0]!.streamId, batch[0]!.events, batch[0]!.expectedRevision);
      throw fail();
    }
    tripped++;
    return appendMany([batch[0]!, poisoned(), ...batch.slice(1)]);
  };
  return {
    get tripped() {
      return tripped;
    },
    restore() {
      // The overrides are own properties of the instance: removing them exposes the adapter's methods again.
      delete (store as Partial<EventStore>).append;
      delete (store as Partial<EventStore>).appendMany;
      delete (store as { appendsManyAtomically?: boolean }).appendsManyAtomically;
    },
  };
}

/** A stream whose event cannot be serialised: the adapter throws while writing it, inside the transaction. */
function poisoned(): StreamAppend {
  const data = {
    get fault(): never {
      throw new Error('fault injected between two streams of one command');
    },
  };
  return {
    streamId: `fault-injected-${newId()}`,
    expectedRevision: 'no_stream',
    events: [
      { type: 'FaultInjected', data, metadata: { eventId: newId(), recordedAt: new Date().toISOString() } as never },
    ],
  };
}
