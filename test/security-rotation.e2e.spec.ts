import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiAs, expectProblem, expectStatus } from './support/api.js';
import { mintToken, type RedisEndpoint } from '@kenpo/platform';
import { holdMasterKeyExclusive, masterKeyLockFile, SqliteIndividualNumberVault } from '@kenpo/security';
import { startTestRedis, tempDir } from '@kenpo/testing';
import { kill9, startAppProcess } from './support/app-process.js';
import { startTestBackOffice, TEST_JWT_SECRET } from './support/back-office.js';
import { runBuiltCli } from './support/cli.js';
import { enrollment, individualNumber } from './support/members.js';

const OLD_KEY = 'a1'.repeat(32);
const NEW_KEY = 'b2'.repeat(32);

/**
 * Issues 8 and 14.4: `npm run rotate-master-key` re-wraps the data keys without touching events, only while no app
 * uses the master key (a lock the apps hold shared and the rotation exclusive, dropped by the OS with the process),
 * never on an uninitialised DATA_DIR, and never with the key on the command line.
 */
describe('master-key rotation (the real CLI and app processes on one DATA_DIR)', () => {
  const dir = tempDir('kenpo-rotation-');
  let redis: RedisEndpoint;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
    dir.remove();
  });

  const appEnv = (key: string) => ({ DATA_DIR: dir.path, MASTER_KEY: key, REDIS_URL: redis.url });
  const rotate = (input: string, ...args: string[]) =>
    runBuiltCli('rotate-master-key', args, { env: { DATA_DIR: dir.path, MASTER_KEY: OLD_KEY }, input });
  const eventFiles = () =>
    ['events.db', 'events.db-wal']
      .map((f) => join(dir.path, f))
      .filter(existsSync)
      .map((f) => readFileSync(f));
  const number = individualNumber(8301);
  let memberId: string;

  it('refuses while an app runs, changing nothing; a killed app (kill -9) leaves no stale lock', async () => {
    const app = await startAppProcess(appEnv(OLD_KEY));
    try {
      const res = await fetch(`${app.url}/members`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await mintToken(TEST_JWT_SECRET, 'clerk-1', 'clerk')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(enrollment({ individualNumber: number })),
      });
      expect(res.status).toBe(201);
      memberId = ((await res.json()) as { memberId: string }).memberId;

      const refused = await rotate(`${NEW_KEY}\n`);
      expect(refused).toMatchObject({ code: 1, stdout: '' });
      expect(refused.stderr).toMatch(/stop the apps first/);
    } finally {
      await kill9(app.child);
    }
    // Still under the old key (the rotation below opens it with OLD_KEY).
    await new SqliteIndividualNumberVault(join(dir.path, 'vault.db'), OLD_KEY).close();
  }, 120_000); // three processes start, and the CLI runs twice: slow on a loaded machine

  it('an app refuses to start while a rotation holds the lock, naming the rotation', async () => {
    const rotation = holdMasterKeyExclusive(masterKeyLockFile(dir.path)); // what the CLI holds while it re-wraps
    try {
      await expect(startAppProcess(appEnv(OLD_KEY))).rejects.toThrow(/master-key rotation is running/);
    } finally {
      rotation.release();
    }
  });

  it('with the apps stopped it rotates with the key on stdin; events stay byte for byte, the app reveals under the new key', async () => {
    const filesBefore = eventFiles();
    const rotated = await rotate(`${NEW_KEY}\n`);
    expect(rotated.stderr).toBe('');
    expect(rotated).toMatchObject({ code: 0 });
    // the member's data key, the vault's index key and its request-digest key
    expect(rotated.stdout).toMatch(/re-wrapped 3 data keys; set MASTER_KEY to the new key/);
    expect(eventFiles()).toEqual(filesBefore);
    expect(() => new SqliteIndividualNumberVault(join(dir.path, 'vault.db'), OLD_KEY)).toThrow();

    const system = await startTestBackOffice(appEnv(NEW_KEY));
    try {
      const clerk = await apiAs(system, 'clerk');
      const res = await clerk.POST('/members/{memberId}/individual-number/reveal', {
        params: { path: { memberId } },
        body: { personId: 'insured', purpose: 'benefit-claim' },
      });
      expect(expectStatus(res, 200).data.individualNumber).toBe(number);
      // The keyed hash is unchanged too: the same number is still recognised as already enrolled.
      expectProblem(await clerk.POST('/members', { body: enrollment({ individualNumber: number }) }), 409);
    } finally {
      await system.close();
    }
  });

  it('refuses an uninitialised DATA_DIR (creating nothing) and a key on the command line (exit 2)', async () => {
    const empty = tempDir('kenpo-rotation-empty-');
    try {
      const run = await runBuiltCli('rotate-master-key', [], { env: { DATA_DIR: empty.path }, input: `${NEW_KEY}\n` });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/nothing to rotate/);
      expect(readdirSync(empty.path)).toEqual([]);
    } finally {
      empty.remove();
    }
    const onArgv = await rotate('', '--new-key', NEW_KEY);
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).toMatch(/--new-key is refused: .*visible .* in ps .*shell history/);
    expect(onArgv.stderr).toMatch(/^usage: npm run rotate-master-key/m);
  });
});
