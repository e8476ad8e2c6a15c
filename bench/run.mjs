// npm run bench [-- <scenario>...] [--quick] [--keep]: runs the scenarios (all by default), prints a table and writes
// bench/results.json; a full run also merges its scenarios into bench/results/latest.json (committed). Every figure
// stands beside a raw baseline measured in the same run (see bench/README.md).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, createContext } from './lib/context.mjs';
import { LATEST_FILE, markdownTable, writeLatest } from './lib/latest.mjs';
import { printTable } from './lib/table.mjs';

// memory runs before eligibility so that eligibility can reuse its caught-up data directory. scale (up to 30 minutes)
// runs only when named: `npm run bench -- scale`.
const SCENARIOS = ['commands', 'rebuild', 'payouts', 'memory', 'eligibility', 'console', 'as-of', 'peer', 'scale'];
const ONLY_WHEN_NAMED = ['scale'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    // Where a full run merges its figures (bench/results/latest.json by default); --no-latest leaves it alone.
    latest: { type: 'string', default: LATEST_FILE },
    'no-latest': { type: 'boolean', default: false },
    // Prints the README's table from latest.json and runs nothing.
    markdown: { type: 'boolean', default: false },
    // A data set of another size than the mode's (e.g. to profile a scenario on 10,000 members).
    members: { type: 'string' },
    // The scale scenario's members (1,000,000 by default), e.g. a smaller run when time is short.
    'scale-members': { type: 'string' },
    // Merges a full run's results file into latest.json and runs nothing (e.g. after a rebase brought other entries).
    merge: { type: 'string' },
  },
});
if (values.merge) {
  const report = JSON.parse(readFileSync(values.merge, 'utf8'));
  if (report.mode !== 'full') {
    console.error(`${values.merge} is a ${report.mode} run: only full runs go into ${values.latest}`);
    process.exit(2);
  }
  writeLatest(report, SCENARIOS, values.latest);
  console.error(`${report.scenarios.map((r) => r.scenario).join(', ')} of ${report.at} merged into ${values.latest}`);
  process.exit(0);
}
if (values.markdown) {
  if (!existsSync(values.latest)) {
    console.error(`${values.latest} does not exist yet: a full run writes it`);
    process.exit(2);
  }
  console.log(markdownTable(JSON.parse(readFileSync(values.latest, 'utf8'))));
  process.exit(0);
}
const unknown = positionals.filter((name) => !SCENARIOS.includes(name));
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; choose among ${SCENARIOS.join(', ')}`);
  process.exit(2);
}
const selected =
  positionals.length > 0
    ? SCENARIOS.filter((name) => positionals.includes(name))
    : SCENARIOS.filter((name) => !ONLY_WHEN_NAMED.includes(name));
const ctx = createContext({
  quick: values.quick,
  members: values.members && Number(values.members),
  scaleMembers: values['scale-members'] && Number(values['scale-members']),
});
const results = [];
console.error(`kenpo bench (${values.quick ? 'quick' : 'full'}): ${selected.join(', ')}`);
try {
  for (const name of selected) {
    const { default: scenario } = await import(`./scenarios/${name}.mjs`);
    console.error(`▶ ${name}: ${scenario.title}`);
    const started = performance.now();
    const loadBefore = loadavg()[0];
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
      // 1-minute load average at start and end: whether the machine was quiet while it was measured.
      loadAverage: { start: round1(loadBefore), end: round1(loadavg()[0]) },
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
// Quick figures mean nothing, nor do those of another data set size: only a full run replaces the committed ones.
if (!values.quick && !values.members && !values['no-latest']) {
  writeLatest(report, SCENARIOS, values.latest);
  console.error(`figures merged into ${values.latest}`);
}
printTable(results);
// A missed target is a finding, not a crash: only a scenario that could not run makes the exit code non-zero.
process.exitCode = results.some((r) => r.status === 'error') ? 1 : 0;

function round1(x) {
  return Math.round(x * 10) / 10;
}
