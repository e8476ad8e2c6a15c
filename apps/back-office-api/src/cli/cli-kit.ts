// Imports nothing of the application: a tool loads its modules (Nest, the stores: about a second of CPU) only once
// its arguments are checked, so --help and usage errors answer at the cost of a Node start.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type BusinessDate, businessDate } from '@kenpo/kernel';
import type { AppConfig } from '@kenpo/platform';

/** Exit codes: 1 for a failure of the work itself, 2 for a mistake in how the tool was called. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

/** Stops the tool on a mistake in its arguments: the problem and the usage on stderr, exit code 2. */
export function usageError(message: string): never {
  throw new UsageError(message);
}

/**
 * Parses the arguments strictly: `--help` prints the usage and exits 0; an unknown option, a missing value or a
 * stray positional becomes a usage error (exit 2), never a stack trace.
 */
export function parseCli<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    // strict (the default): an unknown option or a stray positional throws instead of passing silently.
    return parseArgs<T>({ ...config, args });
  } catch (error) {
    return usageError((error as Error).message);
  }
}

/** The environment's configuration; a bad variable is a mistake in how the tool was called (exit 2). */
export async function cliConfig(env?: NodeJS.ProcessEnv): Promise<AppConfig> {
  const { loadConfig } = await import('@kenpo/platform');
  try {
    return loadConfig(env);
  } catch (error) {
    return usageError((error as Error).message);
  }
}

/** An ISO-8601 instant with its zone (`Z` or `±hh:mm`), as the HTTP API asks: a bare date or time is refused. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function instantArg(value: string | undefined, name: string): Date {
  const date = new Date(value ?? '');
  if (value === undefined || !INSTANT.test(value) || Number.isNaN(date.getTime())) {
    usageError(`--${name} must be an ISO-8601 timestamp with a zone, e.g. 2025-04-01T00:00:00+09:00`);
  }
  return date;
}

/** A date YYYY-MM-DD (Japan), checked as the HTTP API checks one. */
export function dateArg(value: string, name: string): BusinessDate {
  try {
    return businessDate(value, `--${name}`);
  } catch (error) {
    return usageError(`--${name} ${(error as Error).message}`);
  }
}

/** Progress of long work on stderr, at most every `everyMs` (stdout stays the tool's answer). */
export function progressReporter(label: string, everyMs = 2_000): (done: number, unit: string) => void {
  const started = performance.now();
  let last = started;
  return (done, unit) => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    const rate = Math.round(done / Math.max((now - started) / 1_000, 0.001));
    console.error(`${label}: ${done} ${unit} (${rate}/s)`);
  };
}

/**
 * Runs a tool's body: a usage error prints the problem and the usage (exit 2), any other error one line (exit 1);
 * neither prints a stack trace. The exit code the body returns is the tool's.
 */
export async function runCli(usage: string, body: () => Promise<number | void>): Promise<void> {
  let code: number;
  try {
    code = (await body()) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${usage}`);
      code = EXIT_USAGE;
    } else {
      console.error(`error: ${(error as Error)?.message ?? String(error)}`);
      code = EXIT_FAILURE;
    }
  }
  process.exitCode = code;
  // Ends on its own once stdout is drained; a handle left open (a client's timer) must not keep it alive.
  setTimeout(() => process.exit(code), 2_000).unref();
}
