import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CommitThread } from './commit-thread.js';
import { tempDir, type TempDir } from './temp-dir.spec-helper.js';

/**
 * A thread speaking CommitThread's protocol: it doubles numbers, dies on 'die' (as a thread does on a fatal error),
 * and ends on 'close'. Stands in for a writer thread, whose death a test cannot cause from outside.
 */
const DOUBLING_THREAD = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (message) => {
  if (message === 'close') process.exit(0);
  if (message.some(({ request }) => request === 'die')) process.exit(3);
  parentPort.postMessage(message.map(({ id, request }) => ({ id, result: request * 2 })));
});
`;

describe('CommitThread', () => {
  let dir: TempDir | undefined;
  afterEach(() => dir?.remove());

  const doublingThread = (): CommitThread<number | 'die', number> => {
    dir = tempDir('kenpo-thread-');
    const script = join(dir.path, 'doubling.mjs');
    writeFileSync(script, DOUBLING_THREAD);
    return new CommitThread(pathToFileURL(script), null);
  };

  it('refuses the requests a dying thread had, then starts a new thread for the next ones', async () => {
    const thread = doublingThread();
    try {
      expect(await thread.run(2)).toBe(4);
      const [dying, sameTurn] = [thread.run('die'), thread.run(7)];
      await expect(dying).rejects.toThrow('commit thread exited (3)');
      await expect(sameTurn).rejects.toThrow('commit thread exited (3)');
      expect(await Promise.all([thread.run(5), thread.run(6)])).toEqual([10, 12]);
    } finally {
      await thread.close();
    }
    await expect(thread.run(1)).rejects.toThrow('closed');
  });
});
