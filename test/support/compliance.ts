import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Actor, type EventMetadata, type EventToAppend, newId } from '@kenpo/kernel';

/** Metadata of an event appended directly to a store (as a test's stand-in for another context's writer). */
export function craftedMetadata(
  recordedAt: string,
  actor: Actor = { id: 'system-test', role: 'system' },
): EventMetadata {
  const id = newId(Date.parse(recordedAt));
  return { eventId: id, commandId: id, correlationId: id, causationId: id, actor, recordedAt, schemaVersion: 1 };
}

export function crafted(type: string, data: Record<string, unknown>, recordedAt: string): EventToAppend {
  return { type, data, metadata: craftedMetadata(recordedAt) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const CLI = join(import.meta.dirname, '../../apps/back-office-api/dist/cli/compliance.js');

/** The compliance CLI as an operator runs it, on a data directory (built by `npm run build`, which `npm test` runs first). */
export async function runCli(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, NODE_ENV: 'test' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
