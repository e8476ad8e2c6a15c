import {
  eventIdFor,
  type Command,
  type Decider,
  type Event,
  type EventMetadata,
  type RecordedEvent,
} from '@kenpo/kernel';
import { WrongExpectedRevisionError, type EventStore, type StreamAppend } from './event-store.js';
import { eventsToAppend, foldRecorded, handleCommand, type HandleCommandResult } from './handle-command.js';

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
  const batch = await decideAndAppend(store, items, options);
  if ('fallback' in batch) return batch.fallback;
  // Answer from what was planned: only the appended events are read back (for their positions), nothing is re-folded.
  return sequentially(
    batch.planned,
    async ({ item, resent, history, state, append }): Promise<HandleCommandResult<State, E>> => {
      if (resent) return one(store, item); // rare: answers the earlier outcome from the stream
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

/**
 * handleCommandBatch for bulk work that needs only how many events each command appended (a payout run of 100,000
 * instructions, issue 16.5): the same decisions and the same single append, without reading the events back.
 * A re-sent command counts 0, as its events were appended before.
 */
export async function appendCommandBatch<State, C extends Command, E extends Event>(
  store: EventStore,
  items: readonly BatchItem<State, C, E>[],
  options: BatchOptions = {},
): Promise<number[]> {
  const batch = await decideAndAppend(store, items, options);
  if ('fallback' in batch) return batch.fallback.map((r) => r.events.length);
  return batch.planned.map(({ resent, append }) => (resent || !append ? 0 : append.events.length));
}

const one = <State, C extends Command, E extends Event>(store: EventStore, item: BatchItem<State, C, E>) =>
  handleCommand(store, item.streamId, item.decider, item.command, { metadataFor: item.metadataFor });

interface Planned<State, C extends Command, E extends Event> {
  item: BatchItem<State, C, E>;
  resent: boolean;
  history: RecordedEvent[];
  state: State | undefined;
  append: StreamAppend | null;
}

/** Decides every command from its stream and appends all decisions at once; one by one when that loses a race. */
async function decideAndAppend<State, C extends Command, E extends Event>(
  store: EventStore,
  items: readonly BatchItem<State, C, E>[],
  options: BatchOptions,
): Promise<{ planned: Planned<State, C, E>[] } | { fallback: HandleCommandResult<State, E>[] }> {
  if (new Set(items.map((i) => i.streamId)).size !== items.length) {
    if (options.atomic) throw new Error('an atomic batch names each stream once');
    return { fallback: await sequentially(items, (item) => one(store, item)) };
  }
  const planned = await Promise.all(
    items.map(async (item): Promise<Planned<State, C, E>> => {
      const history = await store.readStreamOrEmpty(item.streamId);
      const resent = history.some((e) => e.metadata.eventId === eventIdFor(item.command.metadata.commandId, 0));
      if (resent) return { item, resent, history, state: undefined, append: null };
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
    return { fallback: await sequentially(items, (item) => one(store, item)) };
  }
  return { planned };
}

async function sequentially<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}
