import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';
import { ensurePrivateDir, tightenTree, withPrivateUmask } from '@kenpo/security';

export interface RedisEndpoint {
  url: string;
  /** Stops the private redis-server this process started, if any. */
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {}

export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServerOptions {
  bin: string;
  /** Persist with AOF under this directory; omit for a throw-away server (tests). */
  dataDir?: string;
  /** A given port (a test restarting "the same" Redis empty); a free one by default. */
  port?: number;
}

/** The private Redis's directory, 0700 with 0600 files (tightened when an older version left them open). */
function privateRedisDir(dataDir: string): string {
  ensurePrivateDir(dataDir);
  tightenTree(dataDir);
  return dataDir;
}

/** Starts a redis-server child on a free loopback port and resolves once it accepts connections. */
export async function startRedisServer({
  bin,
  dataDir,
  port: given,
}: RedisServerOptions): Promise<RedisEndpoint & { process: ChildProcess }> {
  const port = given ?? (await freePort());
  const persistence = dataDir ? ['--appendonly', 'yes', '--dir', privateRedisDir(dataDir)] : ['--appendonly', 'no'];
  // Under umask 077, so the AOF files redis-server creates are the owner's only, like everything under DATA_DIR.
  const child = withPrivateUmask(() =>
    spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--maxmemory-policy', 'noeviction', ...persistence],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new RedisUnavailableError(`redis-server not ready after 10s:\n${log}`)),
      10_000,
    );
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new RedisUnavailableError(
              `${bin} not found: install Redis (Debian/Ubuntu: apt-get install -y redis-server) or set REDIS_URL`,
            )
          : error,
      );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new RedisUnavailableError(`redis-server exited (${code}):\n${log}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk;
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.removeAllListeners('exit');
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * REDIS_URL when set; else a Redis already answering on 127.0.0.1:6379; else a private redis-server under
 * DATA_DIR/redis (AOF on), so `npm start` works on a fresh machine with only the binary installed.
 */
export async function provisionRedis(options: { url?: string; bin: string; dataDir: string }): Promise<RedisEndpoint> {
  if (options.url) return { url: options.url, stop: async () => {} };
  if (await canConnect('127.0.0.1', 6379)) return { url: 'redis://127.0.0.1:6379', stop: async () => {} };
  return startRedisServer({ bin: options.bin, dataDir: join(options.dataDir, 'redis') });
}

export interface RedisPersistence {
  persistence: 'aof' | 'rdb' | 'aof+rdb' | 'none' | 'unknown';
  /** Set when Redis would come back empty after a restart: a warning (degraded), not a failure. */
  warning?: string;
}

/**
 * What a Redis restart keeps (issue 18): AOF (`appendonly yes`), RDB snapshots (`save` rules) or nothing. Queued
 * payout runs survive a lost queue (they are recorded and recovered), but without persistence every restart
 * loses queued work and idempotency answers, so /health says so. A Redis that forbids CONFIG answers `unknown`.
 */
export async function redisPersistence(client: {
  config(subcommand: 'GET', parameter: string): Promise<unknown>;
}): Promise<RedisPersistence> {
  let aof: boolean;
  let rdb: boolean;
  try {
    const [, appendonly] = (await client.config('GET', 'appendonly')) as string[];
    const [, save] = (await client.config('GET', 'save')) as string[];
    aof = appendonly === 'yes';
    rdb = typeof save === 'string' && save.trim() !== '';
  } catch {
    return { persistence: 'unknown' };
  }
  if (aof || rdb) return { persistence: aof && rdb ? 'aof+rdb' : aof ? 'aof' : 'rdb' };
  return {
    persistence: 'none',
    warning: 'Redis keeps nothing across a restart (appendonly no, no save rules): enable AOF (appendonly yes)',
  };
}
