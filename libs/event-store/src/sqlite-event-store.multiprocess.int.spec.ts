import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RecordedEvent } from '@kenpo/kernel';
import { verifyStreamChain } from './event-hash.js';
import { waitFor } from './event-store.contract-helpers.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { tempDir } from './temp-dir.spec-helper.js';

// Real OS processes on one file, as in production (API, projector and worker apart). The children run the built
// library (dist, written by `tsc -b`, which `npm test` runs first); the suite is skipped while dist is missing or
// older than the sources, so it never tests stale code.
const dist = join(import.meta.dirname, '..', 'dist', 'index.js');
const kernelDist = join(import.meta.dirname, '..', '..', 'kernel', 'dist', 'index.js');
const sources = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
const built =
  existsSync(kernelDist) &&
  sources.every((f) => {
    const output = join(import.meta.dirname, '..', 'dist', f.replace(/\.ts$/, '.js'));
    return existsSync(output) && statSync(output).mtimeMs >= statSync(join(import.meta.dirname, f)).mtimeMs;
  });

const CHILD = `
import { SqliteEventStore, handleCommand } from ${JSON.stringify(pathToFileURL(dist).href)};
import { newId } from ${JSON.stringify(pathToFileURL(kernelDist).href)};
const [file, mode, count] = process.argv.slice(2);
const store = SqliteEventStore.open(file);
const decider = { initialState: () => 0, evolve: (s, e) => s + e.data.by, decide: (c) => [{ type: 'Incremented', data: c.data }] };
const command = (data) => ({ type: 'Increment', data, metadata: { commandId: newId(), correlationId: newId(), actor: { id: 'child', role: 'system' }, now: new Date().toISOString() } });
const outcome = { ok: 0, conflicts: 0 };
if (mode === 'race') {
  await Promise.all(Array.from({ length: Number(count) }, () => handleCommand(store, 'counter-shared', decider, command({ by: 1 }), { maxRetries: 50 })
    .then(() => { outcome.ok++; }, (e) => { if (e.code === 'concurrency_conflict') outcome.conflicts++; else throw e; })));
} else {
  for (let i = 0; i < Number(count); i++) {
    await new Promise((r) => setTimeout(r, 60));
    await handleCommand(store, 'counter-wake', decider, command({ by: 1, sentAt: Date.now() }));
    outcome.ok++;
  }
}
await store.close();
process.stdout.write(JSON.stringify(outcome));
`;

function runChild(
  script: string,
  file: string,
  mode: 'race' | 'wake',
  count: number,
): Promise<{ ok: number; conflicts: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file, mode, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { ok: number; conflicts: number })
        : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });
}

(built ? describe : describe.skip)('SqliteEventStore across processes', () => {
  it('records every command from three racing processes and wakes a subscriber in a fourth by the WAL watch alone', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'events.db');
    const script = join(dir.path, 'child.mjs');
    writeFileSync(script, CHILD);
    // The fallback tick never fires during the test: every delivery below proves the cross-process WAL watch woke it.
    // How fast it wakes is measured by `npm run bench`, not asserted here (a loaded machine must not fail CI).
    const store = SqliteEventStore.open(file, { wakeFallbackMs: 600_000 });
    const delivered: RecordedEvent[] = [];
    let live = false;
    const subscription = store.subscribe(
      (e) => {
        delivered.push(e);
      },
      {
        onLive: () => {
          live = true;
        },
      },
    );
    try {
      await waitFor(() => live, 5_000, 'live');
      const outcomes = await Promise.all([
        runChild(script, file, 'race', 60),
        runChild(script, file, 'race', 60),
        runChild(script, file, 'wake', 5),
      ]);
      const recorded = outcomes.reduce((sum, o) => sum + o.ok, 0);
      expect(outcomes.reduce((sum, o) => sum + o.ok + o.conflicts, 0)).toBe(125);
      const shared = await store.readStream('counter-shared');
      expect(shared.map((e) => e.revision)).toEqual(shared.map((_, i) => i));
      expect(verifyStreamChain(shared)).toBeNull();
      await waitFor(() => delivered.length === recorded, 30_000, 'delivery of every event');
      expect(delivered.map((e) => e.position)).toEqual((await store.readAll()).map((e) => e.position));
      expect(delivered.filter((e) => e.streamId === 'counter-wake')).toHaveLength(5);
    } finally {
      await subscription.close();
      await store.close();
      dir.remove();
    }
  }, 60_000);
});
