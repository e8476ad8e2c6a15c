import {
  eventIdFor,
  type Command,
  type Decider,
  type Event,
  type EventMetadata,
  type RecordedEvent,
} from '@kenpo/kernel';
import { WrongExpectedRevisionError, type EventStore, type StreamAppend } from './event-store.js';
import {
  eventsToAppend,
  foldRecorded,
  handleCommand,
  readOrEmpty,
  type HandleCommandResult,
} from './handle-command.js';

export interface BatchItem<State, C extends Command, E extends Event> {
  streamId: string;
  decider: Decider<State, C, E>;
  command: C;
  metadataFor?: (event: E, index: number) => Partial<EventMetadata>;
}

export interface BatchOptions {
  /**
   * All or nothing: `alongside` (appends decided by the caller with their expected revisions, e.g. a registry or
   * ledger the caller planned from) go into the same appendMany first, and a lost race throws
   * WrongExpectedRevisionError for the caller to plan again instead of falling back to one command at a time.
   */
  atomic?: { alongside: readonly StreamAppend[] };
}

/**
 * Many commands on distinct streams in one `appendMany` (one transaction and one sync on SQLite), for bulk work such
 * as a month's automatic benefits or a payout run. Each command keeps handleCommand's semantics: a re-sent command
 * returns its recorded outcome, a decision of [] appends nothing. When the batch loses a race, or names a stream twice,
 * every item goes through handleCommand one by one, which retries per stream (unless `atomic`).
 */
export async function handleCommandBatch<State, C extends Command, E extends Event>(
  store: EventStore,
  items: readonly BatchItem<State, C, E>[],
  options: BatchOptions = {},
): Promise<HandleCommandResult<State, E>[]> {
  const one = (item: BatchItem<State, C, E>) =>
    handleCommand(store, item.streamId, item.decider, item.command, { metadataFor: item.metadataFor });
  if (new Set(items.map((i) => i.streamId)).size !== items.length) {
    if (options.atomic) throw new Error('an atomic batch names each stream once');
    return sequentially(items, one);
  }

  const planned = await Promise.all(
    items.map(async (item) => {
      const history = await readOrEmpty(store, item.streamId);
      const resent = history.some((e) => e.metadata.eventId === eventIdFor(item.command.metadata.commandId, 0));
      if (resent) return { item, resent, history, state: undefined as State | undefined, append: null };
      const state: State | undefined = foldRecorded(item.decider, history);
      const decided = item.decider.decide(item.command, state);
      const append: StreamAppend | null =
        decided.length === 0
          ? null
          : {
              streamId: item.streamId,
              events: eventsToAppend(item.command, decided, item.metadataFor),
              expectedRevision: history.at(-1)?.revision ?? 'no_stream',
            };
      return { item, resent, history, state, append };
    }),
  );
  try {
    await store.appendMany([
      ...(options.atomic?.alongside ?? []),
      ...planned.flatMap((p) => (p.append ? [p.append] : [])),
    ]);
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError) || options.atomic) throw error;
    return sequentially(items, one);
  }
  // Answer from what was planned: only the appended events are read back (for their positions), nothing is re-folded.
  return sequentially(
    planned,
    async ({ item, resent, history, state, append }): Promise<HandleCommandResult<State, E>> => {
      if (resent) return one(item); // rare: answers the earlier outcome from the stream
      const last = history.at(-1);
      if (!append)
        return {
          events: [],
          nextExpectedRevision: last?.revision ?? -1,
          position: last?.position ?? null,
          state: state as State,
        };
      const events = (await store.readStream(item.streamId, {
        fromRevision: (last?.revision ?? -1) + 1,
        maxCount: append.events.length,
      })) as RecordedEvent<E>[];
      let after = state as State;
      for (const event of events) after = item.decider.evolve(after, event as unknown as E);
      return { events, nextExpectedRevision: events.at(-1)!.revision, position: events.at(-1)!.position, state: after };
    },
  );
}

async function sequentially<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}
