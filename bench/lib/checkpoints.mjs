import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The checkpoints of the app's read store (name → position), read-only from outside the process; {} before it has any. */
export function checkpointsOf(dataDir) {
  const file = join(dataDir, 'read-models.db');
  if (!existsSync(file)) return {};
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      db
        .prepare('SELECT name, position FROM _checkpoints')
        .all()
        .map((r) => [r.name, r.position]),
    );
  } catch {
    return {}; // catalog tables not created yet
  } finally {
    db.close();
  }
}

/** The head position of the app's event store file (-1 when empty). */
export function headOf(dataDir) {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT coalesce(max(position), -1) AS head FROM events').get().head;
  } finally {
    db.close();
  }
}

/** Polls `probe` every `intervalMs` until it returns a truthy value; throws after `timeoutMs` naming `what`. */
export async function until(probe, what, timeoutMs, intervalMs = 50) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
