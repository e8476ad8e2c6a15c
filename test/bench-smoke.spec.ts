import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';

/*
 * Proves `npm run bench` still works: every scenario runs in its small mode (bench/run.mjs --quick) on the built
 * apps, in its own process, and reports figures beside a raw baseline measured in the same run. Targets are not
 * judged here (a loaded CI machine would fail them); that the measurements are produced is.
 */
const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'kenpo-bench-smoke-'));
// Every scenario but `console`: its browser path is what test/console.e2e.spec.ts drives already, and a second
// Chromium run here would only add CI time (run it with `npm run bench -- console --quick`).
const SCENARIOS = ['commands', 'rebuild', 'payouts', 'memory', 'eligibility', 'as-of', 'peer'];

interface Figure {
  value: number;
  unit: string;
}
interface Check {
  name: string;
  value: number;
  pass: boolean;
}
interface ScenarioResult {
  scenario: string;
  status: string;
  system: Figure | null;
  baseline: Figure | null;
  ratio: number | null;
  checks: Check[];
  notes: string[];
}

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench -- --quick (issue 9)', () => {
  it('runs every scenario and reports each figure beside its raw baseline, measured in the same run', async () => {
    const file = join(out, 'results.json');
    const run = await promisify(execFile)(process.execPath, ['bench/run.mjs', ...SCENARIOS, '--quick', '--out', file], {
      cwd: root,
      maxBuffer: 16 * 2 ** 20,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`bench failed:\n${error.stdout}\n${error.stderr}`);
    });
    const report = JSON.parse(readFileSync(file, 'utf8')) as { mode: string; scenarios: ScenarioResult[] };

    expect(report.mode).toBe('quick');
    expect(report.scenarios.map((s) => s.scenario)).toEqual(SCENARIOS);
    for (const s of report.scenarios) {
      // 'error' would mean the scenario crashed; not-available is reserved for parts other issues have not built.
      expect({ scenario: s.scenario, status: s.status }).toEqual({
        scenario: s.scenario,
        status: expect.stringMatching(/^(pass|fail|not-available)$/),
      });
      if (s.status !== 'not-available') {
        expect(s.system!.value).toBeGreaterThan(0);
        expect(s.baseline!.value).toBeGreaterThan(0);
      }
    }
    // The scenarios whose features exist measure the system itself, not only a baseline.
    const measured = report.scenarios.filter((s) => s.status !== 'not-available').map((s) => s.scenario);
    expect(measured).toEqual(
      expect.arrayContaining(['commands', 'rebuild', 'payouts', 'memory', 'eligibility', 'as-of']),
    );
    const commands = report.scenarios.find((s) => s.scenario === 'commands')!;
    expect(commands.ratio).toBeGreaterThan(0);
    // Every enrollment and dependant addition of the load was accepted (no 4xx/5xx, no connection error).
    expect(commands.checks.find((c) => c.name === 'failed')).toMatchObject({ value: 0, pass: true });
    // Beside it, the HTTP floor (the same requests to a server that only appends them) answered every request.
    const floor = (commands as ScenarioResult & { lines: { id: string; system: Record<string, number> }[] }).lines.find(
      (l) => l.id === 'commands-http-floor',
    )!;
    expect(floor.system).toMatchObject({ failed: 0, completed: 300 });
    expect(floor.system.machineCpuMsPerRequest).toBeGreaterThan(0);
    // The payout run produced its file and an instruction per payout, timed from its job's start to its end.
    const payouts = report.scenarios.find((s) => s.scenario === 'payouts')!;
    const payoutRun = payouts.system as unknown as {
      payouts: number;
      jobMs: number;
      eventTypes: Record<string, number>;
    };
    expect(payoutRun.jobMs).toBeGreaterThan(0);
    expect(payoutRun.eventTypes).toEqual({
      PayoutRunRequested: 1,
      PayoutInstructed: payoutRun.payouts,
      TransferBatchCreated: 1,
      TransferBatchCompleted: 1,
    });
    // The rebuild fed every member view from one read of the log, and measured issue 4's line beside a raw read.
    const rebuild = report.scenarios.find((s) => s.scenario === 'rebuild')!;
    const replay = rebuild.system as unknown as {
      applyMs: Record<string, number>;
      issue4: { replayPerSecond: number; rawReadPerSecond: number };
    };
    expect(Object.keys(replay.applyMs).sort()).toEqual(['eligibility', 'member_search', 'member_summary']);
    expect(replay.issue4.replayPerSecond).toBeGreaterThan(0);
    expect(replay.issue4.rawReadPerSecond).toBeGreaterThan(0);
    expect(run.stdout).toContain('scenario');
    // A guard against a hang, not a time budget: about 60 s alone, 180 s beside the heaviest suites on 2 slow cores.
  }, 480_000);
});
