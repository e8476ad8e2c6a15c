// An open-loop load generator (issue 16.2): requests start at evenly spaced instants (rate per second), whatever the
// answers before them do, each timed from its intended start, so a stall of the server shows in every request it
// delays (no coordinated omission). autocannon's `overallRate` is a per-second budget instead: each connection sends
// back to back until its share of the second is spent, i.e. a burst of concurrent requests at the top of every second.
import http from 'node:http';

/**
 * Runs `rate` requests per second for `durationSeconds`; `next()` gives each request ({ method, path, headers, body,
 * onResponse(status, body) }) over at most `connections` connections. Resolves with the same summary shape as the
 * autocannon runs.
 */
export async function openLoop({ url, rate, durationSeconds, next, connections = 50, timeoutMs = 30_000 }) {
  const { hostname, port } = new URL(url);
  // A fixed pool of keep-alive connections (the terminals): a request finding them all busy waits for one, timed from
  // its intended start. Without a bound, a stall of the server made the generator open hundreds of connections,
  // overflowing the listen backlog, and the kernel's SYN retransmissions (1 s, 3 s, 7 s) showed up as latency.
  // `timeout` makes Node 20's agent honour the server's `Keep-Alive: timeout=5` hint (it then drops an idle socket 1 s
  // before the server would; with no timeout of its own it ignores the hint, and a request sent on a socket the server
  // is closing fails with ECONNRESET).
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, timeout: timeoutMs });
  const interval = 1000 / rate;
  const total = Math.max(1, Math.round(rate * durationSeconds));
  const latencies = new Float64Array(total);
  // How late the generator itself sent each request (its timer fires on a whole millisecond, after a wake-up): part of
  // every latency, since each is timed from its intended start; a floor under the server's.
  const lateness = new Float64Array(total);
  const statusCodes = {};
  let errors = 0;
  const errorCodes = {};
  let timeouts = 0;
  let done = 0;
  let last = 0;
  const start = performance.now() + 10;
  await new Promise((resolve) => {
    const finish = (i, intended) => {
      latencies[i] = (last = performance.now()) - intended;
      if (++done === total) resolve();
    };
    const fire = (i, intended) => {
      lateness[i] = performance.now() - intended;
      const request = next();
      const req = http.request(
        { agent, hostname, port, method: request.method, path: request.path, headers: request.headers },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => {
            statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
            request.onResponse?.(res.statusCode, body);
            finish(i, intended);
          });
        },
      );
      req.setTimeout(timeoutMs, () => {
        timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.on('error', (error) => {
        errors++;
        const code = error.code ?? error.message;
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
        finish(i, intended);
      });
      req.end(request.body);
    };
    let sent = 0;
    const tick = () => {
      const now = performance.now();
      for (; sent < total && start + sent * interval <= now; sent++) fire(sent, start + sent * interval);
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, 10);
  });
  agent.destroy();
  // The worst latency of the requests meant to start in each second: when the stalls happened.
  const worstBySecond = [];
  for (let i = 0; i < total; i++) {
    const second = Math.floor((i * interval) / 1000);
    worstBySecond[second] = Math.max(worstBySecond[second] ?? 0, Math.round(latencies[i]));
  }
  const quantileOf = (sorted, p) =>
    Math.round(sorted[Math.min(total - 1, Math.max(0, Math.ceil(p * total) - 1))] * 100) / 100;
  const sorted = Float64Array.from(latencies).sort();
  const late = Float64Array.from(lateness).sort();
  // How many requests took longer than each of these (ms): a tail of a few stalls or of many slow requests.
  const above = Object.fromEntries([5, 10, 25, 50].map((ms) => [ms, latencies.filter((l) => l > ms).length]));
  const at = (p) => quantileOf(sorted, p);
  const completed = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const non2xx = Object.entries(statusCodes)
    .filter(([code]) => code < 200 || code >= 300)
    .reduce((n, [, count]) => n + count, 0);
  const seconds = (last - start) / 1000;
  return {
    completed,
    ok: completed - non2xx,
    non2xx,
    errors,
    timeouts,
    durationSeconds: Math.round(seconds * 100) / 100,
    perSecond: completed / Math.max(seconds, durationSeconds),
    generatorLateness: { p50: quantileOf(late, 0.5), p99: quantileOf(late, 0.99) },
    latency: {
      p50: at(0.5),
      p99: at(0.99),
      max: at(1),
      mean: Math.round((sorted.reduce((a, b) => a + b, 0) / total) * 100) / 100,
    },
    statusCodes,
    errorCodes,
    worstBySecond,
    above,
  };
}
