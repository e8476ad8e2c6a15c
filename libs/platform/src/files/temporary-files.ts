import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMPORARY = /^(.+)\.(\d+)\.tmp$/;

/** Where a file is written before it is renamed over `target`: beside it, named after the writing process. */
export function temporaryPathFor(target: string): string {
  return `${target}.${process.pid}.tmp`;
}

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporaries a killed write left in `directory` (those whose process no longer runs), optionally only
 * those of one target file. Called at start-up: an interrupted write must leave nothing that looks like output.
 * A temporary of a process that still runs is kept (another writer may be busy with it).
 */
export async function removeStaleTemporaries(directory: string, target?: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match || (target !== undefined && match[1] !== basename(target)) || running(Number(match[2]))) continue;
    await unlink(join(directory, name)).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}

/** The stale temporaries of one output file (the directory it lives in, its name). */
export function removeStaleTemporariesOf(target: string): Promise<string[]> {
  return removeStaleTemporaries(dirname(target), target);
}
