import { cpus } from 'node:os';
import { join } from 'node:path';
import { measureHttpFloor } from '../lib/http-floor.mjs';
import { openRaw, rawAppender } from '../lib/raw-sqlite.mjs';
import { runLoad } from '../lib/load.mjs';
import { check, line, result } from '../lib/result.mjs';
import { describeByProcess, machineBusyMs, perUnit, startBackOffice, sumOf } from '../lib/server.mjs';
import { round } from '../lib/stats.mjs';

/**
 * Issue 9.1: enrollments and dependant additions over HTTP against the embedded profile (its own process, its own
 * redis), autocannon in another process; baseline: raw single-event appends with the optimistic-concurrency read.
 * Beside it, the HTTP floor: the same load against a server that only appends each request durably (http-floor.mjs).
 */
export default {
  name: 'commands',
  title: 'Commands over HTTP (enrollments + dependant additions)',
  async run(ctx) {
    const amount = ctx.quick ? 100 : 20_000;
    const connections = ctx.quick ? 10 : 50;
    const dir = ctx.scratch('commands');

    const baseline = rawAppends(join(dir, 'raw.db'), ctx.quick ? 300 : 5_000);
    ctx.log(`raw appends: ${round(baseline.perSecond, 0)}/s`);
    // More requests than the app's run: the floor answers them about ten times as fast, and needs a few seconds too.
    const floor = await measureHttpFloor({ dir, connections, amount: amount * 3, warmUp: ctx.quick ? 20 : 1_000 });
    ctx.log(`HTTP floor: ${round(floor.perSecond, 0)}/s at ${floor.machineCpuMsPerRequest} ms of machine CPU each`);

    const app = await startBackOffice({ dataDir: join(dir, 'app') });
    let load;
    try {
      const token = await app.token('clerk');
      // A short warm-up so JIT compilation and first-time set-up are not counted.
      await runLoad({
        workload: 'commands',
        url: app.url,
        token,
        connections,
        amount: ctx.quick ? 20 : 1_000,
        seedBase: 9_000_000,
      });
      const cpuBefore = app.cpuMsByRole();
      const machineBefore = machineBusyMs();
      load = await runLoad({ workload: 'commands', url: app.url, token, connections, amount, seedBase: 1_000_000 });
      load.machineCpuMsPerCommand = round((machineBusyMs() - machineBefore) / load.completed, 2);
      load.cpuMsPerCommandByProcess = perUnit(cpuBefore, app.cpuMsByRole(), load.completed);
      load.cpuMsPerCommand = round(sumOf(load.cpuMsPerCommandByProcess), 2);
    } finally {
      await app.stop();
    }
    ctx.log(
      `commands: ${round(load.perSecond, 0)}/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, non-2xx ${load.non2xx}`,
    );
    const ratio = load.perSecond / baseline.perSecond;
    const notes = [
      `${load.completed} commands on ${connections} connections; status codes ${JSON.stringify(load.statusCodes)}; the app used ${load.cpuMsPerCommand} ms of CPU per command over its processes (${describeByProcess(load.cpuMsPerCommandByProcess)}); the whole machine ${load.machineCpuMsPerCommand} ms per command (its ${cpus().length} cores ${round((100 * load.machineCpuMsPerCommand * load.perSecond) / (1000 * cpus().length), 0)} % busy: the app, the load generator, Redis and the kernel)`,
    ];
    if (load.problems.length > 0) notes.push(`first failures: ${load.problems.join(' | ')}`);
    return result({
      system: {
        value: round(load.perSecond, 0),
        unit: 'commands/s',
        p50: load.latency.p50,
        p99: load.latency.p99,
        ...load,
      },
      baseline: {
        value: round(baseline.perSecond, 0),
        unit: 'appends/s',
        appends: baseline.count,
        ms: Math.round(baseline.ms),
      },
      ratio,
      checks: [
        check('ratio', ratio, '>=', 0.4),
        check('p99 ms', load.latency.p99, '<=', 25),
        check('failed', load.non2xx + load.errors, '<=', 0),
      ],
      notes,
      lines: [floorLine(floor, baseline)],
    });
  },
};

/** Reported, not judged: what HTTP and a durable append cost on this machine, against the app's CPU per command. */
function floorLine(floor, baseline) {
  return line({
    id: 'commands-http-floor',
    title: 'HTTP floor: the same requests to a bare node:http server that only appends each durably',
    system: {
      value: round(floor.perSecond, 0),
      unit: 'requests/s',
      p99: floor.p99,
      completed: floor.completed,
      failed: floor.failed,
      machineCpuMsPerRequest: floor.machineCpuMsPerRequest,
      serverCpuMsPerRequest: floor.serverCpuMsPerRequest,
    },
    baseline: { value: round(baseline.perSecond, 0), unit: 'appends/s' },
    ratio: floor.perSecond / baseline.perSecond,
    checks: [],
    notes: [
      `${floor.completed} requests on the commands scenario's connections, ${floor.failed} failed; the server used ${floor.serverCpuMsPerRequest} ms of CPU per request, the whole machine ${floor.machineCpuMsPerRequest} ms (the load generator and the kernel included)`,
    ],
  });
}

/** Single-event appends (one transaction and one fsync each) on 1,000 streams, each with the revision check. */
function rawAppends(file, count) {
  const db = openRaw(file);
  const append = rawAppender(db);
  const data = JSON.stringify({ type: 'MemberEnrolled', payload: 'x'.repeat(600) });
  const started = performance.now();
  for (let i = 0; i < count; i++) append(`member-${i % 1_000}`, data);
  const ms = performance.now() - started;
  db.close();
  return { count, ms, perSecond: (count * 1000) / ms };
}
