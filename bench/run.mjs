// npm run bench [-- <scenario>...] [--quick] [--keep]: runs the scenarios (all by default), prints a table and writes
// bench/results.json. Every figure stands beside a raw baseline measured in the same run (see bench/README.md).
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, createContext } from './lib/context.mjs';
import { printTable } from './lib/table.mjs';

// memory runs before eligibility so that eligibility can reuse its caught-up data directory.
const SCENARIOS = ['commands', 'rebuild', 'payouts', 'memory', 'eligibility', 'console', 'as-of', 'peer'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const unknown = positionals.filter((name) => !SCENARIOS.includes(name));
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; choose among ${SCENARIOS.join(', ')}`);
  process.exit(2);
}
const selected = positionals.length > 0 ? SCENARIOS.filter((name) => positionals.includes(name)) : SCENARIOS;
const ctx = createContext({ quick: values.quick });
const results = [];
console.error(`kenpo bench (${values.quick ? 'quick' : 'full'}): ${selected.join(', ')}`);
try {
  for (const name of selected) {
    const { default: scenario } = await import(`./scenarios/${name}.mjs`);
    console.error(`▶ ${name}: ${scenario.title}`);
    const started = performance.now();
    let outcome;
    try {
      outcome = await scenario.run(ctx);
    } catch (error) {
      outcome = {
        status: 'error',
        system: null,
        baseline: null,
        ratio: null,
        target: null,
        checks: [],
        notes: [String(error?.stack ?? error)],
      };
    }
    results.push({
      scenario: name,
      title: scenario.title,
      ...outcome,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    });
    console.error(
      `  ${outcome.status}${outcome.status === 'pass' || outcome.status === 'fail' ? '' : `: ${outcome.notes[0]}`}`,
    );
  }
} finally {
  if (!values.keep) ctx.cleanup();
}

const report = {
  mode: values.quick ? 'quick' : 'full',
  at: new Date().toISOString(),
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryMiB: Math.round(totalmem() / 2 ** 20),
  },
  scenarios: results,
};
writeFileSync(values.out ?? join(BENCH_DIR, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
printTable(results);
// A missed target is a finding, not a crash: only a scenario that could not run makes the exit code non-zero.
process.exitCode = results.some((r) => r.status === 'error') ? 1 : 0;
