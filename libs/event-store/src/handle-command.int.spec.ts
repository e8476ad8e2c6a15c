import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ConflictError, eventIdFor, newId, RuleViolation, type Command, type Decider, type Event } from '@kenpo/kernel';
import { tempDir, type TempDir } from './temp-dir.spec-helper.js';
import { anEvent, freshStream } from './event-store.contract-helpers.js';
import { handleCommand } from './handle-command.js';
import Database from 'better-sqlite3';
import { SqliteAppender } from './sqlite-appender.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { prepareDatabase } from './sqlite-schema.js';

type Incremented = Event<'Incremented', { by: number }>;
type Increment = Command<'Increment', { by: number; max?: number }>;
interface Counter {
  value: number;
  increments: number;
}

/** A tiny counter: refuses to pass `max`, records nothing for `by: 0`. `onDecide` lets a test interfere. */
function counter(
  onDecide: (calls: number) => void = () => undefined,
): Decider<Counter, Increment, Incremented> & { calls: number } {
  const decider = {
    calls: 0,
    initialState: (): Counter => ({ value: 0, increments: 0 }),
    evolve: (state: Counter, event: Incremented): Counter => ({
      value: state.value + event.data.by,
      increments: state.increments + 1,
    }),
    decide(command: Increment, state: Counter): Incremented[] {
      onDecide(++decider.calls);
      if (command.data.max !== undefined && state.value + command.data.by > command.data.max) {
        throw RuleViolation.of('by', 'max_exceeded', 'the counter would pass its maximum');
      }
      return command.data.by === 0 ? [] : [{ type: 'Incremented', data: { by: command.data.by } }];
    },
  };
  return decider;
}

function increment(by: number, extra: Partial<Increment['data']> = {}): Increment {
  const commandId = newId();
  return {
    type: 'Increment',
    data: { by, ...extra },
    metadata: {
      commandId,
      correlationId: newId(),
      actor: { id: 'clerk-1', role: 'clerk' },
      now: '2026-04-01T00:00:00.000Z',
      reason: '確認済み',
    },
  };
}

/** A writer on another connection that commits synchronously, i.e. before the decision it interrupts returns. */
function interruptingWriter(file: string): { append: (stream: string) => void; close: () => void } {
  const db = new Database(file);
  prepareDatabase(db, 5_000);
  const appender = new SqliteAppender(db);
  const append = db.transaction((stream: string) =>
    appender.append(stream, [anEvent('Incremented', { by: 10 })], 'any'),
  );
  return { append: (stream) => void append(stream), close: () => db.close() };
}

describe('handleCommand', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  let rival: SqliteEventStore;
  let interrupting: ReturnType<typeof interruptingWriter>;
  beforeEach(() => {
    dir = tempDir('kenpo-hc-');
    store = SqliteEventStore.open(join(dir.path, 'events.db'));
    rival = SqliteEventStore.open(join(dir.path, 'events.db'));
    interrupting = interruptingWriter(join(dir.path, 'events.db'));
  });
  afterEach(async () => {
    interrupting.close();
    await rival.close();
    await store.close();
    dir.remove();
  });

  it('reads, decides and appends with deterministic ids and the full metadata envelope', async () => {
    const stream = freshStream('counter');
    const command = increment(3);
    const result = await handleCommand(store, stream, counter(), command, {
      metadataFor: () => ({ effectiveDate: '2026-03-31' }),
    });
    expect(result.state).toEqual({ value: 3, increments: 1 });
    expect(result.nextExpectedRevision).toBe(0);
    expect(result.events).toEqual(await store.readStream(stream));
    expect(result.position).toBe(result.events[0]!.position);
    expect(result.events[0]!.metadata).toMatchObject({
      eventId: eventIdFor(command.metadata.commandId, 0),
      commandId: command.metadata.commandId,
      correlationId: command.metadata.correlationId,
      causationId: command.metadata.commandId,
      actor: command.metadata.actor,
      recordedAt: '2026-04-01T00:00:00.000Z',
      schemaVersion: 1,
      reason: '確認済み',
      effectiveDate: '2026-03-31',
    });
  });

  it('re-reads and decides again when another writer got in first', async () => {
    const stream = freshStream('counter');
    await handleCommand(store, stream, counter(), increment(1));
    // On the first decision only, a writer on another connection appends to the same stream.
    const decider = counter((calls) => {
      if (calls === 1) interrupting.append(stream);
    });
    const result = await handleCommand(store, stream, decider, increment(2));
    expect(decider.calls).toBe(2);
    expect(result.state).toEqual({ value: 13, increments: 3 });
    expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('gives up with ConflictError concurrency_conflict after the allowed retries', async () => {
    const stream = freshStream('counter');
    const decider = counter(() => interrupting.append(stream));
    const error = await handleCommand(store, stream, decider, increment(1), { maxRetries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'concurrency_conflict' });
    expect(decider.calls).toBe(3);
    expect((await store.readStream(stream)).every((e) => e.data['by'] === 10)).toBe(true);
  });

  it('records 20 concurrent commands on one stream with contiguous revisions, losing none', async () => {
    const stream = freshStream('counter');
    const commands = Array.from({ length: 20 }, (_, i) => increment(i + 1));
    const outcomes = await Promise.allSettled(
      commands.map((c, i) => handleCommand(i % 2 ? rival : store, stream, counter(), c)),
    );
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(failures.every((e) => e instanceof ConflictError && e.code === 'concurrency_conflict')).toBe(true);
    const succeeded = commands.filter((_, i) => outcomes[i]!.status === 'fulfilled');
    const read = await store.readStream(stream);
    expect(read.map((e) => e.revision)).toEqual(read.map((_, i) => i));
    expect(read.map((e) => e.metadata.commandId).sort()).toEqual(succeeded.map((c) => c.metadata.commandId).sort());
    expect(succeeded.length).toBeGreaterThan(0);
    expect(read.reduce((sum, e) => sum + (e.data['by'] as number), 0)).toBe(
      succeeded.reduce((sum, c) => sum + c.data.by, 0),
    );
  });

  it('answers a re-sent command with its recorded outcome without deciding again', async () => {
    const stream = freshStream('counter');
    const decider = counter();
    const command = increment(5);
    const first = await handleCommand(store, stream, decider, command);
    await handleCommand(store, stream, decider, increment(7));
    const again = await handleCommand(store, stream, decider, command);
    expect(decider.calls).toBe(2);
    expect(again).toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('refuses a stale If-Match revision with ConflictError stale_revision and accepts the current one', async () => {
    const stream = freshStream('counter');
    await handleCommand(store, stream, counter(), increment(1), { expectedRevision: 'no_stream' });
    await handleCommand(store, stream, counter(), increment(1), { expectedRevision: 0 });
    const error = await handleCommand(store, stream, counter(), increment(1), { expectedRevision: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: 'stale_revision',
      violations: [expect.objectContaining({ field: 'If-Match' })],
    });
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('appends nothing when the decider decides nothing, and reports the current revision', async () => {
    const stream = freshStream('counter');
    expect(await handleCommand(store, stream, counter(), increment(0))).toEqual({
      events: [],
      nextExpectedRevision: -1,
      position: null,
      state: { value: 0, increments: 0 },
    });
    const { position } = await handleCommand(store, stream, counter(), increment(4));
    expect(await handleCommand(store, stream, counter(), increment(0))).toEqual({
      events: [],
      nextExpectedRevision: 0,
      position,
      state: { value: 4, increments: 1 },
    });
  });

  it('lets a broken rule thrown by decide through, appending nothing', async () => {
    const stream = freshStream('counter');
    await expect(handleCommand(store, stream, counter(), increment(5, { max: 3 }))).rejects.toBeInstanceOf(
      RuleViolation,
    );
    await expect(store.headPosition()).resolves.toBe(-1);
  });

  it('writes the streams planned alongside in one transaction with its own, and nothing when it is refused', async () => {
    const stream = freshStream('counter');
    const registry = freshStream('registry');
    const alongside = async (state: Counter, command: Increment) => ({
      command,
      appends: [
        {
          streamId: registry,
          events: [anEvent('Allocated', { value: state.value })],
          expectedRevision: 'any' as const,
        },
      ],
    });
    await handleCommand(store, stream, counter(), increment(2), { alongside });
    expect((await store.readStream(registry)).map((e) => e.data)).toEqual([{ value: 0 }]);

    await expect(
      handleCommand(store, stream, counter(), increment(5, { max: 3 }), { alongside }),
    ).rejects.toBeInstanceOf(RuleViolation);
    await expect(
      handleCommand(store, stream, counter(), increment(1), { alongside, expectedRevision: 7 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await store.readStream(registry)).toHaveLength(1);
    expect(await store.readStream(stream)).toHaveLength(1);
  });
});
