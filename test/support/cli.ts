import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLI_DIR = join(import.meta.dirname, '../../apps/back-office-api/dist/cli');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A CLI as an operator runs it (`npm run <name>` runs this same compiled file), straight from the build to keep the
 * test fast; `input` is piped on its standard input (closed at once, empty without it).
 */
export async function runBuiltCli(
  name: string,
  args: string[] = [],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliRun> {
  const entry = join(CLI_DIR, `${name}.js`);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const child = spawn(process.execPath, [entry, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  child.stdin.on('error', () => {}); // a tool that exits before reading its input
  child.stdin.end(options.input ?? '');
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(guard);
  return { code, stdout, stderr };
}
