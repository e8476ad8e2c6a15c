import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { newId, RuleViolation, type Command, type Decider, type Event } from '@kenpo/kernel';
import { tempDir, type TempDir } from './temp-dir.spec-helper.js';
import { appendCommandBatch, handleCommandBatch } from './handle-command-batch.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { WrongExpectedRevisionError } from './event-store.js';

type Opened = Event<'Opened', { by: number }>;
type Open = Command<'Open', { by: number }>;

const decider: Decider<{ opened: boolean }, Open, Opened> = {
  initialState: () => ({ opened: false }),
  evolve: () => ({ opened: true }),
  decide(command, state) {
    if (command.data.by < 0) throw RuleViolation.of('by', 'positive', 'must not be negative');
    return state.opened ? [] : [{ type: 'Opened', data: { by: command.data.by } }];
  },
};

const open = (by: number, commandId = newId()): Open => ({
  type: 'Open',
  data: { by },
  metadata: {
    commandId,
    correlationId: commandId,
    actor: { id: 'system', role: 'system' },
    now: '2026-04-01T00:00:00.000Z',
  },
});

describe('appendMany and handleCommandBatch (bulk writes in one transaction)', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = tempDir('kenpo-batch-');
    store = SqliteEventStore.open(join(dir.path, 'events.db'));
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('records every command of a batch, each on its stream, with hashes', async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ streamId: `batch-${i}`, decider, command: open(i) }));
    const results = await handleCommandBatch(store, items);
    expect(results.map((r) => r.events.length)).toEqual(items.map(() => 1));
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(items.map((i) => i.streamId));
    expect((await store.readStream('batch-7'))[0]!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('appendCommandBatch decides and appends alike, answering only how many events each command appended', async () => {
    const items = [0, 1, 2].map((i) => ({ streamId: `count-${i}`, decider, command: open(i) }));
    await handleCommandBatch(store, [items[1]!]);
    const head = await store.headPosition();
    // 1 is re-sent (its events exist), 0 and 2 append one each; then a new command on the opened 1 decides nothing.
    const again = { streamId: 'count-1', decider, command: open(9) };
    expect(await appendCommandBatch(store, [items[0]!, items[1]!, items[2]!])).toEqual([1, 0, 1]);
    expect(await store.headPosition()).toBe(head + 2);
    expect(await appendCommandBatch(store, [again])).toEqual([0]);
    expect(await store.headPosition()).toBe(head + 2);
  });

  it('a re-sent batch records nothing new and answers the first outcome', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ streamId: `again-${i}`, decider, command: open(i) }));
    const first = await handleCommandBatch(store, items);
    const head = await store.headPosition();
    const second = await handleCommandBatch(store, items);
    expect(await store.headPosition()).toBe(head);
    expect(second.map((r) => r.position)).toEqual(first.map((r) => r.position));
  });

  it('a refused command writes nothing for the whole batch', async () => {
    const items = [0, 1, -1, 3].map((by, i) => ({ streamId: `refused-${i}`, decider, command: open(by) }));
    await expect(handleCommandBatch(store, items)).rejects.toBeInstanceOf(RuleViolation);
    expect(await store.headPosition()).toBe(-1);
  });

  it('appendMany is all or nothing: one stale expectation rolls back every stream', async () => {
    const event = (id: string) => ({
      type: 'Opened',
      data: { by: 1 },
      metadata: {
        eventId: id,
        commandId: id,
        correlationId: id,
        causationId: id,
        actor: { id: 'system', role: 'system' as const },
        recordedAt: '2026-04-01T00:00:00.000Z',
        schemaVersion: 1,
      },
    });
    await store.append('taken', [event(newId())], 'no_stream');
    const head = await store.headPosition();
    await expect(
      store.appendMany([
        { streamId: 'fresh-1', events: [event(newId())], expectedRevision: 'no_stream' },
        { streamId: 'taken', events: [event(newId())], expectedRevision: 'no_stream' },
      ]),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.headPosition()).toBe(head);
  });

  it('falls back to one command at a time when a batch names a stream twice', async () => {
    const results = await handleCommandBatch(store, [
      { streamId: 'twice', decider, command: open(1) },
      { streamId: 'twice', decider, command: open(2) },
    ]);
    expect(results.map((r) => r.events.length)).toEqual([1, 0]);
  });
});
