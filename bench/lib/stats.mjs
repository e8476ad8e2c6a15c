// Small measurement helpers shared by the scenarios.

/** Percentile (0-100) of an array of numbers, nearest-rank on a sorted copy. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(latenciesMs) {
  return {
    count: latenciesMs.length,
    p50: round(percentile(latenciesMs, 50)),
    p99: round(percentile(latenciesMs, 99)),
    max: round(percentile(latenciesMs, 100)),
  };
}

export function round(value, digits = 2) {
  if (value === null || value === undefined || !Number.isFinite(value)) return value ?? null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (at least `min` times); returns per-call latencies. */
export async function repeatFor(ms, fn, min = 1) {
  const latencies = [];
  const started = performance.now();
  while (latencies.length < min || performance.now() - started < ms) {
    const t = performance.now();
    await fn(latencies.length);
    latencies.push(performance.now() - t);
  }
  return { latencies, elapsedMs: performance.now() - started };
}

export function perSecond(count, ms) {
  return ms > 0 ? (count * 1000) / ms : null;
}
