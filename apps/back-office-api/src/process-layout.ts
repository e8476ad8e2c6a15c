import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { setPriority } from 'node:os';
import { AppConfig } from '@kenpo/platform';

type ProcessRole = AppConfig['values']['PROCESS_ROLES'][number];

/**
 * The niceness of the projector and the payment worker beside the API. When the cores are contended, the requests
 * waiting on the API's loop go first (the eligibility checks of clinics' terminals, issue 16.2); the projector and
 * the runs then catch up a little later. Unix niceness: 0 is the default, 19 the lowest priority.
 */
const PART_NICENESS = 10;

/** The API first: it owns the port, so it is the role that stays in the process started by `npm start`. */
const START_ORDER: ProcessRole[] = ['api', 'projector', 'worker'];

export interface Layout {
  /** The configuration this process runs with (its own roles only). */
  here: AppConfig;
  /** Roles that run in child processes of their own, one each. */
  apart: ProcessRole[];
}

/**
 * Which roles run here and which apart. One event loop doing a command's HTTP work, the projections of every event
 * and the payout runs caps the whole system at one core (bench/README.md): apart, the OS gives each its own.
 */
export function layoutOf(config: AppConfig): Layout {
  const roles = START_ORDER.filter((role) => config.runs(role));
  if (config.values.PROCESS_LAYOUT !== 'separate' || roles.length < 2) return { here: config, apart: [] };
  return { here: new AppConfig({ ...config.values, PROCESS_ROLES: roles.slice(0, 1) }), apart: roles.slice(1) };
}

export interface Parts {
  /** Calls `onEnd` once if a part ends while the parts are not being stopped. */
  onUnexpectedEnd(onEnd: (role: ProcessRole, code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** SIGTERM to every part, resolved once all have exited. */
  stop(): Promise<void>;
  /** SIGKILL to every part (this process is about to die the same way). */
  kill(): void;
}

/** Starts one child process per role (this entry point again, `PROCESS_LAYOUT=part`), resolved once each is ready. */
export async function startParts(roles: ProcessRole[], redisUrl: string): Promise<Parts> {
  const children = new Map<ProcessRole, ChildProcess>(roles.map((role) => [role, forkPart(role, redisUrl)]));
  let stopping = false;
  try {
    await Promise.all([...children].map(([role, child]) => readyOf(role, child)));
  } catch (error) {
    for (const child of children.values()) child.kill('SIGKILL');
    throw error;
  }
  return {
    onUnexpectedEnd(onEnd) {
      let ended = false;
      for (const [role, child] of children)
        child.once('exit', (code, signal) => {
          if (stopping || ended) return;
          ended = true;
          onEnd(role, code, signal);
        });
    },
    async stop() {
      stopping = true;
      await Promise.all([...children.values()].map(stopChild));
    },
    kill() {
      stopping = true;
      for (const child of children.values()) child.kill('SIGKILL');
    },
  };
}

/** The API's own: its parts' work is not request garbage, and their memory is what the bench's limit watches. */
const API_ONLY_OPTIONS = /^--max-semi-space-size(=|$)/;

function forkPart(role: ProcessRole, redisUrl: string): ChildProcess {
  const inherited = process.execArgv.filter((option) => !API_ONLY_OPTIONS.test(option));
  const execArgv = inherited.includes('--enable-source-maps') ? inherited : [...inherited, '--enable-source-maps'];
  const child = fork(process.argv[1]!, process.argv.slice(2), {
    env: { ...process.env, PROCESS_ROLES: role, PROCESS_LAYOUT: 'part', REDIS_URL: redisUrl },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.once('spawn', () => lowerPriority(child));
  return child;
}

function lowerPriority(child: ChildProcess): void {
  try {
    setPriority(child.pid!, PART_NICENESS);
  } catch {
    // Raising one's own child's niceness needs no privilege; where the OS refuses anyway, the part runs at the default.
  }
}

function readyOf(role: ProcessRole, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const ended = (code: number | null, signal: NodeJS.Signals | null): void =>
      reject(new Error(`the ${role} process ended before it was ready (${signal ?? code})`));
    child.once('exit', ended);
    child.once('message', () => {
      child.off('exit', ended);
      resolve();
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/**
 * In a part: tells the parent it is ready, and dies at once when the parent is gone (its IPC channel closes when it
 * exits, kill -9 included), as the single process would have died with it: no orphan keeps projecting or paying.
 */
export function serveAsPart(): void {
  process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  process.send!({ ready: true });
}
