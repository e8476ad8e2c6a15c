import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir, type TempDir } from '@kenpo/testing';
import { apiAs, expectProblem, expectStatus } from './support/api.js';
import { startTestBackOffice, TEST_JWT_SECRET, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, eventCount, individualNumber } from './support/members.js';

const COMPLIANCE_CLI = join(import.meta.dirname, '..', 'apps', 'back-office-api', 'dist', 'cli', 'compliance.js');
/** A pid above Linux's default pid_max: no process has it. */
const DEAD_PID = 4_194_999;

/** Issue 18.6: what interrupted writes leave is removed at start-up; contradictory inputs are refused. */
describe('interrupted writes and contradictory inputs (issue 18.6)', () => {
  let dir: TempDir;
  let system: TestBackOffice;
  const transfers = () => join(dir.path, 'transfers');
  const killedWrite = join('transfers', `run-20250401-0900.zengin.${DEAD_PID}.tmp`);
  const liveWrite = join('transfers', `run-20250402-0900.zengin.${process.pid}.tmp`);

  beforeAll(async () => {
    dir = tempDir('kenpo-interrupted-');
    mkdirSync(join(dir.path, 'transfers'), { recursive: true });
    // What a worker killed in the middle of writing a transfer file leaves, and a write still in progress.
    writeFileSync(join(dir.path, killedWrite), 'half a file');
    writeFileSync(join(dir.path, liveWrite), 'being written');
    system = await startTestBackOffice({ DATA_DIR: dir.path });
  }, 120_000);
  afterAll(async () => {
    await system?.close();
    dir?.remove();
  });

  it('removes the temporary file of a killed transfer-file write at start-up, and keeps one still being written', () => {
    expect(existsSync(join(dir.path, killedWrite))).toBe(false);
    expect(existsSync(join(dir.path, liveWrite))).toBe(true);
    expect(existsSync(transfers())).toBe(true);
  });

  it('an export to a file removes the temporary a killed export left, and writes the file whole', async () => {
    const out = join(dir.path, 'export.ndjson');
    const leftover = `${out}.${DEAD_PID}.tmp`;
    writeFileSync(leftover, '{"half":');
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATA_DIR: dir.path,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'warn',
    };
    await enroll(system, enrollment({ individualNumber: individualNumber(61_001) }));
    await promisify(execFile)(
      process.execPath,
      [COMPLIANCE_CLI, 'export', '--from', '2000-01-01T00:00:00Z', '--to', '2199-01-01T00:00:00Z', '--out', out],
      { env },
    );
    expect(existsSync(leftover)).toBe(false);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(() => lines.map((line) => JSON.parse(line) as unknown)).not.toThrow();
  }, 120_000);

  it('refuses a remuneration revision with both monthlyRemuneration and grade (400, nothing written)', async () => {
    const { memberId } = await enroll(
      system,
      enrollment({ individualNumber: individualNumber(61_002), acquisitionDate: '2024-04-01' }),
    );
    const clerk = await apiAs(system, 'clerk');
    const revise = (body: { monthlyRemuneration?: number; grade?: number }) =>
      clerk.POST('/members/{memberId}/remuneration-revisions', {
        params: { path: { memberId } },
        body: { effectiveFrom: '2025-09', kind: 'periodic', ...body },
      });
    const before = await eventCount(system);
    const both = expectProblem(await revise({ monthlyRemuneration: 500_000, grade: 3 }), 400);
    expect(both.error.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'monthlyRemuneration', rule: 'one_of' }),
        expect.objectContaining({ field: 'grade', rule: 'one_of' }),
      ]),
    );
    const neither = expectProblem(await revise({}), 400);
    expect(neither.error.violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'monthlyRemuneration', rule: 'required' })]),
    );
    const enrollBoth = await clerk.POST('/members', {
      body: enrollment({ individualNumber: individualNumber(61_003), grade: 20 }),
    });
    expectProblem(enrollBoth, 400);
    expect(await eventCount(system)).toBe(before);
    expectStatus(await revise({ grade: 22 }), 200);
  });
});
