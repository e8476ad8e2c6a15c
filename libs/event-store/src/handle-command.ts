import {
  ConflictError,
  eventIdFor,
  type Command,
  type Decider,
  type Event,
  type EventMetadata,
  type EventToAppend,
  type RecordedEvent,
} from '@kenpo/kernel';
import { WrongExpectedRevisionError, type AppendResult, type EventStore, type StreamAppend } from './event-store.js';
import { sleep } from './sleep.js';

export interface HandleCommandOptions<E extends Event, State = unknown, C extends Command = Command> {
  /** The revision the client last saw (its If-Match); a different current revision is refused as stale. */
  expectedRevision?: number | 'no_stream';
  /** Extra metadata per event, e.g. `{ effectiveDate }` where the business date differs from the recording time. */
  metadataFor?: (event: E, index: number) => Partial<EventMetadata>;
  /** Re-reads and re-decisions after a concurrency conflict before giving up with 409. Default 5. */
  maxRetries?: number;
  /**
   * Other streams the command writes (a registry allocation, a claim on a unique key), planned on every attempt after
   * the If-Match check from the folded state. Returns the command completed with what it allocated and the appends,
   * which are written only if the decider accepts the command, in ONE appendMany with the command's own stream.
   */
  alongside?: (state: State, command: C) => Promise<Alongside<C>>;
  /** The stream as the caller has just read it (readStreamOrEmpty): the first attempt decides on it, a retry reads. */
  history?: readonly RecordedEvent[];
}

export interface Alongside<C extends Command> {
  command: C;
  appends: readonly StreamAppend[];
}

export interface HandleCommandResult<State, E extends Event> {
  /** The events this command recorded: appended now, or found from an earlier identical send. */
  events: RecordedEvent<E>[];
  /** The stream's revision after them (-1 for a stream that still has no events): the client's next If-Match. */
  nextExpectedRevision: number;
  /** Global position of the last of them (or of the stream's last event when nothing was appended), or null. */
  position: number | null;
  state: State;
}

/**
 * The one write path (conventions.md, Shape 6): read the stream, fold, decide, append at the read revision, and on
 * a lost race read and decide again (bounded, with jittered backoff). Deterministic event ids make a re-sent command
 * return its recorded outcome instead of deciding twice.
 */
export async function handleCommand<State, C extends Command, E extends Event>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, C, E>,
  command: C,
  options: HandleCommandOptions<E, State, C> = {},
): Promise<HandleCommandResult<State, E>> {
  const maxRetries = options.maxRetries ?? 5;
  const firstEventId = eventIdFor(command.metadata.commandId, 0);
  for (let attempt = 0; ; attempt++) {
    const history = attempt === 0 && options.history ? options.history : await store.readStreamOrEmpty(streamId);
    const earlier = history.findIndex((e) => e.metadata.eventId === firstEventId);
    if (earlier >= 0) return recordedOutcome(decider, history, earlier, command.metadata.commandId);

    const current = history.at(-1);
    const revision = current?.revision ?? -1;
    if (
      options.expectedRevision !== undefined &&
      (options.expectedRevision === 'no_stream' ? -1 : options.expectedRevision) !== revision
    ) {
      throw new ConflictError('stale_revision', 'the record was changed since it was read', [
        {
          field: 'If-Match',
          rule: 'stale_revision',
          message: `expected revision ${String(options.expectedRevision)}, current ${revision}`,
        },
      ]);
    }
    let state = foldRecorded(decider, history);
    const planned = options.alongside ? await options.alongside(state, command) : { command, appends: [] };
    const decided = decider.decide(planned.command, state);
    if (decided.length === 0)
      return { events: [], nextExpectedRevision: revision, position: current?.position ?? null, state };

    const toAppend = eventsToAppend(planned.command, decided, options.metadataFor);
    const own: StreamAppend = {
      streamId,
      events: toAppend,
      expectedRevision: current ? current.revision : 'no_stream',
    };
    let appended: AppendResult;
    try {
      // The command's own stream goes last: on a store without multi-stream transactions it is the commit point.
      appended =
        planned.appends.length === 0
          ? await store.append(own.streamId, own.events, own.expectedRevision)
          : (await store.appendMany([...planned.appends, own])).at(-1)!;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxRetries) {
        throw new ConflictError('concurrency_conflict', 'the record is being changed by someone else; try again', [
          { field: 'stream', rule: 'concurrency_conflict', message: 'too many concurrent changes' },
        ]);
      }
      await sleep(Math.random() * Math.min(100, 5 * 2 ** attempt));
      continue;
    }
    const events = (await store.recordedBy(streamId, toAppend, appended)) as RecordedEvent<E>[];
    for (const event of events) state = decider.evolve(state, event as unknown as E);
    return { events, nextExpectedRevision: events.at(-1)!.revision, position: events.at(-1)!.position, state };
  }
}

export function baseMetadata(command: Command, index: number): EventMetadata {
  const { commandId, correlationId, causationId, actor, now, reason } = command.metadata;
  return {
    eventId: eventIdFor(commandId, index),
    commandId,
    correlationId,
    causationId: causationId ?? commandId,
    actor,
    recordedAt: now,
    schemaVersion: 1,
    ...(reason === undefined ? {} : { reason }),
  };
}

export function eventsToAppend<E extends Event>(
  command: Command,
  decided: readonly E[],
  metadataFor?: (event: E, index: number) => Partial<EventMetadata>,
): EventToAppend<E>[] {
  return decided.map((event, i): EventToAppend<E> => ({
    type: event.type,
    data: event.data,
    // The ids stay ours: idempotency rests on them.
    metadata: {
      ...baseMetadata(command, i),
      ...metadataFor?.(event, i),
      eventId: eventIdFor(command.metadata.commandId, i),
      commandId: command.metadata.commandId,
    },
  }));
}

/** A re-sent command: answer what it recorded the first time, with the state right after it. */
function recordedOutcome<State, E extends Event>(
  decider: Decider<State, never, E>,
  history: readonly RecordedEvent[],
  from: number,
  commandId: string,
): HandleCommandResult<State, E> {
  let end = from;
  while (end + 1 < history.length && history[end + 1]!.metadata.eventId === eventIdFor(commandId, end + 1 - from))
    end++;
  const events = history.slice(from, end + 1) as RecordedEvent<E>[];
  return {
    events,
    nextExpectedRevision: events.at(-1)!.revision,
    position: events.at(-1)!.position,
    state: foldRecorded(decider, history.slice(0, end + 1)),
  };
}

export function foldRecorded<State, E extends Event>(
  decider: Pick<Decider<State, never, E>, 'evolve' | 'initialState'>,
  events: readonly RecordedEvent[],
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event as unknown as E);
  return state;
}
