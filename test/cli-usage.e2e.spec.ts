import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { tempDir } from '@kenpo/testing';
import { type CliRun, runBuiltCli } from './support/cli.js';

/**
 * Issue 15.7: every operator CLI answers --help (exit 0), refuses a bad argument with a usage line and exit 2 (never
 * a stack trace, nothing created under DATA_DIR), and refuses an instant without a zone as the HTTP API does.
 * Spawned from the build (what `npm run <name>` runs once the build is current).
 */
describe('the CLIs: --help, usage errors, zone-less instants', () => {
  const dir = tempDir('kenpo-cli-');
  afterAll(() => dir.remove());
  const run = (name: string, ...args: string[]) => runBuiltCli(name, args, { env: { DATA_DIR: dir.path } });

  function expectUsageError(result: CliRun, name: string, problem: RegExp): void {
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(problem);
    expect(result.stderr).toMatch(new RegExp(`^usage: npm run ${name}`, 'm'));
    expect(result.stderr).not.toMatch(/^\s+at /m); // no stack frame
    expect(result.stdout).toBe('');
  }

  it.each(['token', 'compliance', 'lifecycle', 'rebuild', 'rotate-master-key'])(
    '%s: --help prints the usage (exit 0); an unknown option is a usage error (exit 2)',
    async (name) => {
      const [help, bad] = await Promise.all([run(name, '--help'), run(name, '--bogus')]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^usage: npm run ${name}`));
      expect(help.stdout).toMatch(/exit codes/i);
      expectUsageError(bad, name, /unknown option '--bogus'/i);
    },
  );

  it('bad values are usage errors: instants without a zone, impossible dates, unknown roles and commands', async () => {
    const [fromWithoutZone, asOfWithoutZone, badEffectiveOn, unknownCommand, badDate, badRole, badExpiry] =
      await Promise.all([
        run('compliance', 'export', '--from', '2025-04-01T00:00:00', '--to', '2025-05-01T00:00:00+09:00'),
        run('compliance', 'as-of', '--member', 'm-1', '--as-of', '2025-07-01T00:00'),
        run('compliance', 'as-of', '--member', 'm-1', '--effective-on', '2025-02-30'),
        run('compliance', 'explain'),
        run('lifecycle', '--date', '2025-02-30'),
        run('token', '--sub', 'u', '--role', 'superuser'),
        run('token', '--sub', 'u', '--role', 'clerk', '--expires', 'soon'),
      ]);
    expectUsageError(fromWithoutZone, 'compliance', /--from must be an ISO-8601 timestamp with a zone/);
    expectUsageError(asOfWithoutZone, 'compliance', /--as-of must be an ISO-8601 timestamp with a zone/);
    expectUsageError(badEffectiveOn, 'compliance', /--effective-on must be a real calendar date/);
    expectUsageError(unknownCommand, 'compliance', /unknown command explain/);
    expectUsageError(badDate, 'lifecycle', /--date must be a real calendar date/);
    expectUsageError(badRole, 'token', /--role must be one of/);
    expectUsageError(badExpiry, 'token', /--expires must be between/);
    expect(readdirSync(dir.path)).toEqual([]); // refused before any store or key was opened
  });

  it('npm run token runs from the current build without compiling', () => {
    const root = join(import.meta.dirname, '..');
    const result = spawnSync(
      process.execPath,
      ['tools/run-built.mjs', 'apps/back-office-api/dist/cli/token.js', '--sub', 'u', '--role', 'clerk'],
      { cwd: root, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: dir.path }, encoding: 'utf8' },
    );
    expect(result.stderr).not.toMatch(/building/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/); // a JWT
  });
});
