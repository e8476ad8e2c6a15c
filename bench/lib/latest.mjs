// bench/results/latest.json (committed, issue 16.7): the latest full run's figure of every scenario beside its raw
// baseline, with each target and whether it was met. A run of some scenarios replaces only their entries, so that
// scenarios measured in separate full runs (e.g. `npm run bench -- scale`) keep theirs; each entry says when it ran.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BENCH_DIR } from './context.mjs';

export const LATEST_FILE = join(BENCH_DIR, 'results', 'latest.json');

/**
 * The entries of one scenario's result: the scenario itself, then each of its extra lines (`lines`, e.g. the payout
 * run's 100,000 size), keyed by their own id. Every entry carries figure, baseline, ratio, target and met.
 */
export function entriesOf(result, run) {
  const main = entry(result.scenario, result, run);
  const lines = (result.lines ?? []).map((line) =>
    entry(line.id, { ...line, scenario: result.scenario, loadAverage: result.loadAverage }, run),
  );
  return [main, ...lines];
}

function entry(id, r, run) {
  const checks = r.checks ?? [];
  // A line with no target (e.g. the rate at which eligibility's p99 crosses 5 ms) is reported, not judged.
  const judged = (r.status === 'pass' || r.status === 'fail') && checks.length > 0;
  return [
    id,
    {
      scenario: r.scenario,
      title: r.title,
      figure: compact(r.system),
      baseline: compact(r.baseline),
      ratio: r.ratio ?? null,
      target: checks.map((c) => ({ name: c.name, op: c.op, limit: c.limit, value: c.value, met: c.pass })),
      // null when nothing was judged: no target (reported only), or the scenario crashed or its feature is not built.
      met: judged ? checks.every((c) => c.pass) : null,
      status: r.status ?? (checks.every((c) => c.pass) ? 'pass' : 'fail'),
      notes: r.notes ?? [],
      ...(r.seconds !== undefined ? { seconds: r.seconds } : {}),
      ...(r.loadAverage ? { loadAverage: r.loadAverage } : {}),
      run,
    },
  ];
}

/** A figure's scalar fields (value, unit, p50, p99, counts...); nested details stay in bench/results.json. */
function compact(figure) {
  if (!figure) return null;
  return Object.fromEntries(Object.entries(figure).filter(([, v]) => v === null || typeof v !== 'object'));
}

/** Merges this run's entries into the file: entries of the scenarios it ran are replaced, the others kept. */
export function writeLatest(report, order, file = LATEST_FILE) {
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { scenarios: {} };
  const run = { at: report.at, mode: report.mode, machine: report.machine };
  const ran = new Set(report.scenarios.map((r) => r.scenario));
  const kept = Object.entries(previous.scenarios ?? {}).filter(([, e]) => !ran.has(e.scenario));
  const fresh = report.scenarios.flatMap((r) => entriesOf(r, run));
  const rank = (e) => {
    const i = order.indexOf(e[1].scenario);
    return i < 0 ? order.length : i;
  };
  // Stable: scenarios in the bench's order, each followed by its lines.
  const all = [...kept, ...fresh].map((e, i) => [e, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]);
  const latest = {
    about:
      'Latest full run of each bench scenario (npm run bench): figure beside its raw baseline measured in the same run, ratio, each target and whether it was met. See bench/README.md.',
    updated: report.at,
    scenarios: Object.fromEntries(all.map(([e]) => e)),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(latest, null, 2)}\n`);
  return latest;
}

/** The README's table (markdown) from latest.json: `node bench/run.mjs --markdown`. */
export function markdownTable(latest) {
  const rows = [
    '| scenario | system | raw baseline (same run) | ratio | target | result |',
    '|---|---|---|---|---|---|',
  ];
  for (const [id, e] of Object.entries(latest.scenarios)) {
    const target = e.target.map((t) => `${t.name} ${t.op} ${t.limit}`).join(', ') || '—';
    const measured = e.target.map((t) => `${t.name} ${t.value}`).join(', ');
    const result =
      e.met === null
        ? e.status === 'pass'
          ? 'reported'
          : e.status
        : `${e.met ? 'PASS' : 'FAIL'}${measured ? ` (${measured})` : ''}`;
    rows.push(
      `| ${id} | ${describe(e.figure)} | ${describe(e.baseline)} | ${e.ratio ?? '—'} | ${target} | ${result} |`,
    );
  }
  return rows.join('\n');
}

function describe(f) {
  if (!f) return '—';
  const extra = ['p50', 'p99'].filter((k) => f[k] !== undefined && !String(f.unit).includes(k));
  return `${f.value} ${f.unit}${extra.length > 0 ? ` (${extra.map((k) => `${k} ${f[k]} ms`).join(', ')})` : ''}`;
}
