import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, mintToken, startRedisServer } from '@kenpo/platform';
import { partsOf } from '@kenpo/testing';
import { ROOT } from './context.mjs';

export const BENCH_JWT_SECRET = 'bench-secret-not-for-production-0123456789';
const BENCH_MASTER_KEY = 'be'.repeat(32);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakRssMiB: Math.round(kib('VmHWM') / 1024) };
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time the whole machine has spent busy so far (all cores, every process: the app, the load generator, Redis,
 * the kernel), in ms (Linux /proc/stat; clock ticks of 10 ms): where the cores went during a timed run.
 */
export function machineBusyMs() {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) * 10;
}

/**
 * The back office's processes by role: `npm start` runs the API itself and forks the projector and the payment
 * worker (PROCESS_LAYOUT=separate). Resolved once it is ready: the parts are started before it listens.
 */
function processesOf(pid) {
  return { api: pid, ...Object.fromEntries(partsOf(pid).map((part) => [part.roles, part.pid])) };
}

/** Memory of every process of the back office: per role, and summed (the sum of peaks bounds the peak of the sum). */
function systemMemoryOf(processes) {
  const byRole = Object.fromEntries(Object.entries(processes).map(([role, p]) => [role, memoryOf(p)]));
  const sum = (key) => Object.values(byRole).reduce((total, m) => total + m[key], 0);
  return { rssMiB: sum('rssMiB'), peakRssMiB: sum('peakRssMiB'), byRole };
}

/** CPU time of every process of the back office, in ms, per role. */
function cpuMsByRoleOf(processes) {
  return Object.fromEntries(Object.entries(processes).map(([role, p]) => [role, cpuMsOf(p)]));
}

/**
 * Only a start that hangs outlasts it. The API listens once its parts are ready, and they run at niceness 10: on a
 * machine whose cores other work keeps busy (the smoke test beside the other test files, with more load besides)
 * they took over a minute to start, and a 60 s deadline failed the smoke run.
 */
const READY_TIMEOUT_MS = 180_000;

/**
 * The embedded profile in its own process, exactly as `npm start` runs it (node apps/back-office-api/dist/main.js),
 * on a private data directory and port. Its redis-server is private too (AOF under the data directory, as the
 * embedded profile provisions it): a shared Redis on 6379 would replay Idempotency-Keys of earlier runs.
 * The app's log goes to <dataDir>/app.log.
 */
export async function startBackOffice({
  dataDir,
  env = {},
  nodeArgs = profileArgs(),
  readyTimeoutMs = READY_TIMEOUT_MS,
}) {
  const port = await freePort();
  mkdirSync(dataDir, { recursive: true });
  const redis = await startRedisServer({ bin: 'redis-server', dataDir: join(dataDir, 'redis') });
  try {
    return await startApp({ dataDir, port, redis, env, nodeArgs, readyTimeoutMs });
  } catch (error) {
    await redis.stop();
    throw error;
  }
}

async function startApp({ dataDir, port, redis, env, nodeArgs, readyTimeoutMs }) {
  const logFile = join(dataDir, 'app.log');
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'apps/back-office-api/dist/main.js')], {
    cwd: ROOT,
    // A clean environment: nothing of the caller's (e.g. REDIS_URL) leaks into the measured process.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      JWT_SECRET: BENCH_JWT_SECRET,
      // Production requires a configured master key (it never generates one next to the data).
      MASTER_KEY: BENCH_MASTER_KEY,
      // Production requires the token issuer and audience; the bench mints tokens with the development ones.
      JWT_ISSUER: DEFAULT_JWT_ISSUER,
      JWT_AUDIENCE: DEFAULT_JWT_AUDIENCE,
      LOG_LEVEL: 'info',
      // The load of many clerks' workstations comes from one address here: a per-address limit would measure the limiter.
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null)
      throw new Error(`back office exited (${child.exitCode}) before it was ready; see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`back office not ready after ${readyTimeoutMs} ms; see ${logFile}:\n${tail(logFile)}`);
    }
    // Listening is enough: /health answers 503 while, e.g., the projector is still far behind a big log.
    ready = await fetch(`${url}/health`).then(
      () => true,
      () => false,
    );
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  const processes = processesOf(child.pid);
  return {
    url,
    pid: child.pid,
    redisUrl: redis.url,
    logFile,
    /** Summed over the back office's processes, with `byRole` ({api, projector, worker}). */
    memory: () => systemMemoryOf(processes),
    /** Total CPU ms of the back office's processes; `cpuMsByRole()` splits it. */
    cpuMs: () => sumOf(cpuMsByRoleOf(processes)),
    cpuMsByRole: () => cpuMsByRoleOf(processes),
    token: (role = 'clerk', sub = `bench-${role}`) => mintToken(BENCH_JWT_SECRET, sub, role, { lifetimeSeconds: 7200 }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await redis.stop();
    },
  };
}

/** CPU ms per unit of work of each process between two `cpuMsByRole()` readings. */
export function perUnit(before, after, units) {
  return Object.fromEntries(
    Object.entries(after).map(([role, ms]) => [role, Math.round(((ms - (before[role] ?? 0)) / units) * 100) / 100]),
  );
}

export const sumOf = (byRole) => Object.values(byRole).reduce((a, b) => a + b, 0);

/** `api 1.2 ms, projector 0.8 ms, worker 0.3 ms` */
export const describeByProcess = (byRole, unit = 'ms') =>
  Object.entries(byRole)
    .map(([role, value]) => `${role} ${value} ${unit}`)
    .join(', ');

/**
 * The Node options `npm start` gives the app (package.json), then BENCH_APP_NODE_ARGS (e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof`), passed to every app child: how causes are profiled.
 */
function profileArgs() {
  return [...startOptions(), ...(process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean)];
}

/** `node <options> tools/run-built.mjs ...` in package.json's start script: the app runs as the product starts it. */
export function startOptions() {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const [, options = ''] = /^node((?: --[^ ]+)*) tools\/run-built\.mjs /.exec(scripts.start) ?? [];
  return options.split(' ').filter(Boolean);
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
