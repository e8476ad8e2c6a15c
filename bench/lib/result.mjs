import { round } from './stats.mjs';

/**
 * One scenario's outcome. `checks` are the targets (each a measured value against a limit); the scenario passes
 * when every check holds. `ratio` is system / baseline, both "more is better" rates unless `unit` says otherwise.
 */
export function result({ system, baseline, ratio, checks, notes = [], details = {}, lines }) {
  const pass = checks.every((c) => c.pass);
  return {
    ...(lines ? { lines } : {}),
    status: pass ? 'pass' : 'fail',
    system,
    baseline,
    ratio: ratio === null || ratio === undefined ? null : round(ratio, 3),
    target: checks.map((c) => `${c.name} ${c.op} ${c.limit}`).join(', '),
    checks,
    notes,
    details,
  };
}

/**
 * An extra line of a scenario (e.g. the payout run at another size): its own figure, baseline, ratio and targets,
 * a row of its own in the table and in bench/results/latest.json (keyed by `id`).
 */
export function line({ id, title, ...rest }) {
  const { lines: _none, ...judged } = result(rest);
  return { id, title, ...judged };
}

export function check(name, value, op, limit) {
  const pass =
    value !== null &&
    value !== undefined &&
    (op === '>=' ? value >= limit : op === '<=' ? value <= limit : value < limit);
  return { name, value: round(value, 3), op, limit, pass };
}

export function notAvailable(reason, extra = {}) {
  return {
    status: 'not-available',
    system: null,
    baseline: null,
    ratio: null,
    target: null,
    checks: [],
    notes: [reason],
    ...extra,
  };
}
