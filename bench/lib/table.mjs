// The summary table on stdout: one row per scenario, figures beside their baselines.

function figure(f) {
  if (!f) return '—';
  return `${f.value} ${f.unit}${f.p99 !== undefined && !f.unit.includes('p99') ? ` (p99 ${f.p99} ms)` : ''}`;
}

export function printTable(results) {
  const rows = [['scenario', 'system', 'baseline (raw)', 'ratio', 'target', 'result']];
  const row = (name, r) => {
    const measured = r.checks.map((c) => `${c.name} ${c.value}`).join(', ');
    rows.push([
      name,
      figure(r.system),
      figure(r.baseline),
      r.ratio === null || r.ratio === undefined ? '—' : String(r.ratio),
      r.target ?? '—',
      r.checks.length === 0 && r.status === 'pass'
        ? 'reported'
        : r.status === 'pass' || r.status === 'fail'
          ? `${r.status.toUpperCase()} (${measured})`
          : r.status,
    ]);
  };
  for (const r of results) {
    row(r.scenario, r);
    // Extra lines of a scenario (e.g. the payout run's 100,000 size), each judged against its own targets.
    for (const line of r.lines ?? []) row(`  ${line.id}`, line);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join(' │ ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const row of rows.slice(1)) console.log(line(row));
  for (const r of results.filter((x) => x.notes.length > 0)) console.log(`\n${r.scenario}: ${r.notes.join('\n  ')}`);
}
