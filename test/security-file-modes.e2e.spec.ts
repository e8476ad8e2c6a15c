import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransferFileStore } from '@kenpo/payment-worker';
import { Redis } from 'ioredis';
import { redisPersistence, startRedisServer } from '@kenpo/platform';
import { tempDir } from '@kenpo/testing';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { runCli } from './support/compliance.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

const MAIN = join(import.meta.dirname, '..', 'apps', 'back-office-api', 'dist', 'main.js');

/** Every directory and file below `dir` with its permission bits, e.g. `['secrets', 0o700]`. */
function modesUnder(dir: string, prefix = ''): [string, number][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, number][] => {
    const path = join(dir, entry.name);
    const name = `${prefix}${entry.name}`;
    const mode = statSync(path).mode & 0o777;
    return entry.isDirectory() ? [[`${name}/`, mode], ...modesUnder(path, `${name}/`)] : [[name, mode]];
  });
}

/**
 * Issue 14.3: DATA_DIR and secrets are created 0700 and files 0600 whatever the umask (SQLite files with their -wal and
 * -shm, keys, Redis files, transfer files, exports written by the CLI); production refuses to start without keys.
 */
describe('files at rest are the owner’s only, whatever the umask (issue 14.3)', () => {
  const root = tempDir('kenpo-modes-');
  const dataDir = join(root.path, 'not', 'yet', 'var');
  let system: TestBackOffice;
  let umask: number;

  beforeAll(async () => {
    umask = process.umask(0); // the most permissive: nothing may rely on it
    system = await startTestBackOffice({ DATA_DIR: dataDir });
    await enroll(system, enrollment({ individualNumber: individualNumber(8501) }));
  });
  afterAll(async () => {
    await system?.close();
    process.umask(umask);
    root.remove();
  });

  it('creates DATA_DIR, secrets/ and every store 0700 / 0600', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const modes = modesUnder(dataDir);
    for (const name of ['events.db', 'events.db-wal', 'read-models.db', 'vault.db', 'secrets/master.key'])
      expect(modes.map(([n]) => n)).toContain(name);
    expect(modes.filter(([name, mode]) => mode !== (name.endsWith('/') ? 0o700 : 0o600))).toEqual([]);
  });

  it('writes transfer files, the private Redis files and CLI exports 0600', async () => {
    await TransferFileStore.under(dataDir).ensure('0196c000-0000-7000-8000-000000000001', Buffer.from('1\r\n'));
    const redis = await startRedisServer({ bin: 'redis-server', dataDir: join(dataDir, 'redis') });
    // The embedded profile's private Redis (provisionRedis) keeps AOF on: /health has nothing to warn about (issue 18.2).
    const client = new Redis(redis.url);
    expect(await redisPersistence(client)).toEqual({ persistence: 'aof' });
    client.disconnect();
    await redis.stop();
    const exported = join(root.path, 'export.ndjson');
    const run = await runCli(
      dataDir,
      'export',
      '--from',
      '2020-01-01T00:00:00Z',
      '--to',
      '2100-01-01T00:00:00Z',
      '--out',
      exported,
    );
    expect(run.code).toBe(0);
    expect(statSync(exported).mode & 0o777).toBe(0o600);
    const modes = modesUnder(dataDir);
    expect(modes.some(([name]) => name.startsWith('transfers/'))).toBe(true);
    expect(modes.some(([name]) => name.startsWith('redis/') && !name.endsWith('/'))).toBe(true);
    expect(modes.filter(([name, mode]) => mode !== (name.endsWith('/') ? 0o700 : 0o600))).toEqual([]);
  });

  it('production refuses to start without MASTER_KEY and JWT_SECRET (or JWKS_URL), naming them, and writes nothing', async () => {
    const target = join(root.path, 'production');
    const failed = await promisify(execFile)(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATA_DIR: target,
        JWT_ISSUER: 'kenpo',
        JWT_AUDIENCE: 'kenpo-api',
      },
      timeout: 60_000, // a server that starts anyway is stopped, and the test fails below
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/MASTER_KEY: is required when NODE_ENV=production/);
    expect(failed.stderr).toMatch(/JWT_SECRET: is required when NODE_ENV=production/);
    expect(() => statSync(target)).toThrow(); // no generated key was written anywhere
  });
});
