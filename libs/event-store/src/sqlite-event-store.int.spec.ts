import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './temp-dir.spec-helper.js';
import type { RecordedEvent } from '@kenpo/kernel';
import { DuplicateEventIdError } from './append-rules.js';
import { verifyStreamChain } from './event-hash.js';
import { describeEventStoreContract } from './event-store.contract.js';
import { freshStream, someEvents, waitFor } from './event-store.contract-helpers.js';
import { SqliteEventStore } from './sqlite-event-store.js';

// The default commits on a writer thread; `writerThread: false` on the caller's loop. Both keep the same contract.
for (const writerThread of [true, false]) {
  describeEventStoreContract(writerThread ? 'SQLite' : 'SQLite, inline writer', async () => {
    const dir = tempDir('kenpo-es-');
    const file = join(dir.path, 'events.db');
    const store = SqliteEventStore.open(file, { writerThread });
    return {
      store,
      openAnother: async () => SqliteEventStore.open(file, { writerThread }),
      teardown: async () => {
        await store.close();
        dir.remove();
      },
    };
  });
}

describe('SqliteEventStore (SQLite only)', () => {
  const withFile = async (test: (file: string) => Promise<void>): Promise<void> => {
    const dir = tempDir('kenpo-es-');
    try {
      await test(join(dir.path, 'events.db'));
    } finally {
      dir.remove();
    }
  };

  /**
   * Appends one event at a time on `writer` and waits until `reader`'s live subscription has it. The readers below have
   * a fallback tick that never fires during a test, so each delivery proves the wake-up path under test. How fast it
   * wakes is measured by `npm run bench`: a loaded 2-core machine must not fail CI on a timing.
   */
  const deliverOneByOne = async (
    writer: SqliteEventStore,
    reader: SqliteEventStore,
    rounds: number,
  ): Promise<number> => {
    const stream = freshStream('wake');
    let arrivals = 0;
    let live = false;
    const subscription = reader.subscribe(
      (e) => {
        if (e.streamId === stream) arrivals++;
      },
      {
        onLive: () => {
          live = true;
        },
      },
    );
    await waitFor(() => live, 5_000, 'live');
    for (let i = 0; i < rounds; i++) {
      await writer.append(stream, someEvents(1), i === 0 ? 'no_stream' : i - 1);
      await waitFor(() => arrivals === i + 1, 30_000, 'wake-up');
    }
    await subscription.close();
    return arrivals;
  };

  it("reads only the types asked for, and the log's last event, from the file (the rest is not read)", () =>
    withFile(async (file) => {
      const store = SqliteEventStore.open(file);
      try {
        for (let i = 0; i < 5; i++) {
          await store.append(freshStream(), [...someEvents(3, 'Other'), ...someEvents(1, 'Wanted')], 'no_stream');
        }
        await store.append(freshStream(), someEvents(2, 'Other'), 'no_stream');
        const read = await store.readAll({ types: ['Wanted'] });
        expect(read.map((e) => e.type)).toEqual([...Array(5).fill('Wanted'), 'Other']);
        expect(read.at(-1)!.position).toBe(await store.headPosition());
        const page = await store.readAll({ types: ['Wanted'], maxCount: 3 });
        expect(page.map((e) => e.type)).toEqual(['Wanted', 'Wanted', 'Wanted']);
      } finally {
        await store.close();
      }
    }));

  it('wakes a live subscriber on an append in the same process', async () => {
    await withFile(async (file) => {
      const store = SqliteEventStore.open(file, { wakeFallbackMs: 600_000 });
      try {
        expect(await deliverOneByOne(store, store, 5)).toBe(5);
      } finally {
        await store.close();
      }
    });
  });

  it('wakes a subscriber on another connection to the file (another process) through the WAL watch', async () => {
    await withFile(async (file) => {
      const writer = SqliteEventStore.open(file, { wakeFallbackMs: 600_000 });
      const reader = SqliteEventStore.open(file, { wakeFallbackMs: 600_000 });
      try {
        expect(await deliverOneByOne(writer, reader, 5)).toBe(5);
      } finally {
        await reader.close();
        await writer.close();
      }
    });
  });

  it('still delivers through the fallback tick when no change notification arrives', async () => {
    await withFile(async (file) => {
      const writer = SqliteEventStore.open(file);
      const reader = SqliteEventStore.open(file, { wakeFallbackMs: 200, watchWal: false });
      try {
        expect(await deliverOneByOne(writer, reader, 1)).toBe(1);
      } finally {
        await reader.close();
        await writer.close();
      }
    });
  });

  it('refuses an event id already stored in another stream (EventStoreDB only checks ids per stream)', async () => {
    await withFile(async (file) => {
      const store = SqliteEventStore.open(file);
      try {
        const [event] = someEvents(1);
        await store.append(freshStream(), [event!], 'no_stream');
        await expect(store.append(freshStream(), [event!], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventIdError);
      } finally {
        await store.close();
      }
    });
  });

  it("returns SQLite's own error code from its writer thread (a write lock held past the busy timeout)", async () => {
    await withFile(async (file) => {
      const store = SqliteEventStore.open(file, { busyTimeoutMs: 50 });
      await store.append(freshStream(), someEvents(1), 'no_stream');
      const other = new Database(file);
      other.exec('BEGIN IMMEDIATE');
      try {
        await expect(store.append(freshStream(), someEvents(1), 'no_stream')).rejects.toMatchObject({
          code: 'SQLITE_BUSY',
        });
      } finally {
        other.exec('ROLLBACK');
        other.close();
        await store.close();
      }
    });
  });

  it('fails an append whose data cannot be copied to the writer thread alone; the others of its turn commit', async () => {
    await withFile(async (file) => {
      const store = SqliteEventStore.open(file);
      try {
        const [bad] = someEvents(1);
        const unreadable = {
          get fault(): never {
            throw new Error('unreadable');
          },
        };
        const good = freshStream('good');
        const [ok, refused] = await Promise.allSettled([
          store.append(good, someEvents(1), 'no_stream'),
          store.append(freshStream('bad'), [{ ...bad!, data: unreadable }], 'no_stream'),
        ]);
        expect(ok.status).toBe('fulfilled');
        expect(refused).toMatchObject({ status: 'rejected', reason: { message: 'unreadable' } });
        expect(await store.readStream(good)).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  });

  it('commits the appends still queued for its writer thread when it closes', async () => {
    await withFile(async (file) => {
      const store = SqliteEventStore.open(file);
      const streams = Array.from({ length: 20 }, () => freshStream('queued'));
      const appends = streams.map((stream) => store.append(stream, someEvents(2), 'no_stream'));
      await store.close();
      expect((await Promise.all(appends)).every((r) => r.nextExpectedRevision === 1)).toBe(true);
      const reopened = SqliteEventStore.open(file);
      try {
        for (const stream of streams) expect(await reopened.readStream(stream)).toHaveLength(2);
      } finally {
        await reopened.close();
      }
    });
  });

  it('lets a process that appended and never closed the store exit (the writer thread holds it only mid-write)', async () => {
    await withFile(async (file) => {
      const store = new URL('../dist/index.js', import.meta.url).href;
      const script = `const { SqliteEventStore } = await import(${JSON.stringify(store)});
        const s = SqliteEventStore.open(${JSON.stringify(file)});
        const r = await s.append('left-open', [{ type: 'T', data: {}, metadata: { eventId: crypto.randomUUID(), recordedAt: new Date().toISOString() } }], 'no_stream');
        console.log(r.nextExpectedRevision);`;
      const scriptFile = join(dirname(file), 'left-open.mjs');
      writeFileSync(scriptFile, script);
      const child = spawn(process.execPath, [scriptFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect({ code, output: output.trim() }).toEqual({ code: 0, output: '0' });
    });
  });

  it('keeps committed events, the chain and the revisions across close and reopen', async () => {
    await withFile(async (file) => {
      const stream = freshStream();
      const first = SqliteEventStore.open(file);
      await first.append(stream, someEvents(3), 'no_stream');
      await first.close();
      const reopened = SqliteEventStore.open(file);
      try {
        expect(await reopened.append(stream, someEvents(2), 2)).toMatchObject({ nextExpectedRevision: 4 });
        const read = await reopened.readStream(stream);
        expect(read.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 0 }, { n: 1 }]);
        expect(verifyStreamChain(read)).toBeNull();
        expect(await reopened.headPosition()).toBe(read[4]!.position);
      } finally {
        await reopened.close();
      }
    });
  });

  it('lets verification find an event edited directly in the database file', async () => {
    await withFile(async (file) => {
      const stream = freshStream();
      const store = SqliteEventStore.open(file);
      await store.append(stream, someEvents(4), 'no_stream');
      await store.close();
      const raw = new Database(file);
      raw.prepare(`UPDATE events SET data = '{"n":42}' WHERE stream_id = ? AND revision = 2`).run(stream);
      raw.close();
      const reopened = SqliteEventStore.open(file);
      try {
        const read: RecordedEvent[] = await reopened.readStream(stream);
        expect(verifyStreamChain(read)).toEqual({ revision: 2, position: read[2]!.position, reason: 'hash_mismatch' });
      } finally {
        await reopened.close();
      }
    });
  });

  it('puts the file in WAL mode', async () => {
    await withFile(async (file) => {
      const store = SqliteEventStore.open(file);
      await store.append(freshStream(), someEvents(1), 'no_stream');
      const raw = new Database(file);
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        raw.close();
        await store.close();
      }
    });
  });
});
