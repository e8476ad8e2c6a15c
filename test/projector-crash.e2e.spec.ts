import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@kenpo/event-store';
import { SqliteDocumentStore, syntheticMemberHistory } from '@kenpo/read-models';
import type { RedisEndpoint } from '@kenpo/platform';
import { startTestRedis, tempDir, type TempDir } from '@kenpo/testing';
import { expectViewsEqualToRebuild, projectionPositions } from './support/rebuild-compare.js';

const MAIN = join(import.meta.dirname, '..', 'apps', 'back-office-api', 'dist', 'main.js');
const MEMBERS = 2_000; // about 10,600 events

/**
 * Issue 4, done-when: the projector is a real child process (the production composition root with
 * PROCESS_ROLES=projector), killed with SIGKILL in the middle of its catch-up, restarted, and in the end every view
 * equals a fresh rebuild from the events.
 */
describe('projector crash and restart (issue 4)', () => {
  let dir: TempDir;
  let redis: RedisEndpoint;
  let events: SqliteEventStore;
  let documents: SqliteDocumentStore;
  let head: number;
  const children = new Set<ChildProcess>();

  function startProjector(): { child: ChildProcess; output: () => string } {
    let output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PROCESS_ROLES: 'projector',
        DATA_DIR: dir.path,
        REDIS_URL: redis.url,
        PORT: '0',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return { child, output: () => output };
  }

  const positions = () => projectionPositions(documents);

  async function waitFor(
    condition: (at: number[]) => boolean,
    what: string,
    output: () => string,
    timeoutMs = 60_000,
  ): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = await positions();
      if (condition(at)) return at;
      if (Date.now() > deadline)
        throw new Error(`${what} not reached (positions ${at.join(', ')}, head ${head}):\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async function kill9(child: ChildProcess): Promise<void> {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
  }

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test runs tsc -b before jest)`);
    dir = tempDir('kenpo-crash-');
    redis = await startTestRedis();
    events = SqliteEventStore.open(join(dir.path, 'events.db'));
    for (const append of syntheticMemberHistory(MEMBERS))
      await events.append(append.streamId, append.events, append.expectedRevision);
    head = await events.headPosition();
    documents = SqliteDocumentStore.open(join(dir.path, 'read-models.db'));
  }, 120_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await documents?.close();
    await events?.close();
    await redis?.stop();
    dir?.remove();
  });

  it('killed twice with SIGKILL mid catch-up, restarted: every view equals a fresh rebuild', async () => {
    // Kill 1 at a fifth of the log, kill 2 at three fifths: the runners write batches back to back, so a kill
    // lands inside a batch (its transaction rolls back) far more often than between two.
    for (const fraction of [0.2, 0.6]) {
      const { child, output } = startProjector();
      const at = await waitFor((p) => p.some((x) => x >= head * fraction), `progress ${fraction}`, output);
      await kill9(child);
      expect(Math.min(...at)).toBeLessThan(head); // it really was killed during the catch-up
    }
    const killedAt = await positions();

    const { child, output } = startProjector();
    await waitFor((p) => p.every((x) => x >= head), 'the head', output);
    expect(Math.min(...killedAt)).toBeLessThan(head);
    // A graceful stop once booted (main.ts installs its signal handlers after listen).
    for (let i = 0; i < 500 && !output().includes('listening'); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);

    const compared = await expectViewsEqualToRebuild(events, documents);
    expect(Math.min(...compared)).toBeGreaterThan(MEMBERS / 2);
  }, 180_000);
});
