import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { type Part, partsOf } from '@kenpo/testing';
import { TEST_JWT_SECRET } from './back-office.js';

export const MAIN = join(import.meta.dirname, '..', '..', 'apps', 'back-office-api', 'dist', 'main.js');

export interface AppProcess {
  child: ChildProcess;
  /** Where the process listens, e.g. http://127.0.0.1:41234. */
  url: string;
  output(): string;
}

/**
 * The production composition root (node apps/back-office-api/dist/main.js) as a child process on the test's
 * DATA_DIR and Redis, resolved once it listens. Kill it with kill9() or stop it with stopGracefully(). The timeout
 * guards against a hang, it is no budget: a start usually takes 2-5 s, but one took over 30 s on a 2-core machine
 * busy with three test workers and a package install.
 */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<AppProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test runs tsc -b before jest)`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      PAYOUT_CRON: '0 0 1 1 *',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /listening on (http:\/\/[^;\s]+)/.exec(log);
    if (match) return { child, url: match[1]!.replace('[::1]', '127.0.0.1'), output: () => log };
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the app exited early (${child.exitCode ?? child.signalCode}):\n${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not listen within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * SIGKILL: no shutdown hook runs, as in a power cut or an OOM kill. Resolves with the exit signal once the process
 * and its parts (projector, worker: they die with it, within moments) are gone, so nothing of it holds a file.
 */
export async function kill9(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.signalCode;
  const parts = partsOf(child.pid!);
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  const signal = ((await exited) as [number | null, NodeJS.Signals | null])[1];
  await untilGone(parts);
  return signal;
}

/** SIGTERM and wait: the process closes its stores, stops its parts and exits 0. */
export async function stopGracefully(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const parts = partsOf(child.pid!);
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const code = ((await exited) as [number | null])[0];
  await untilGone(parts);
  return code;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (at most 30 s, then throws) until none of `parts` runs. */
export async function untilGone(parts: Part[]): Promise<void> {
  for (let i = 0; i < 1_500 && parts.some((part) => alive(part.pid)); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const left = parts.filter((part) => alive(part.pid));
  if (left.length > 0) throw new Error(`parts still running 30 s after their parent ended: ${JSON.stringify(left)}`);
}
