import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startBackOffice } from './server.mjs';

const MEMBER_VIEWS = /^(member_summary|member_search|eligibility)(@|$)/;

/** The member views' checkpoints in the app's read store, or null while it has none. */
function memberCheckpoints(dataDir) {
  const file = join(dataDir, 'read-models.db');
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT name, position FROM _checkpoints')
      .all()
      .filter((r) => MEMBER_VIEWS.test(r.name));
    return rows.length >= 3 ? rows : null;
  } catch {
    return null; // catalog tables not created yet
  } finally {
    db.close();
  }
}

/**
 * Starts the all-in-one process on `dataDir` (which holds a seeded event store) and waits until its projector has
 * brought every member view up to the head of the log, sampling the process's memory meanwhile.
 */
export async function startCaughtUp({ dataDir, head, timeoutMs, log }) {
  const started = performance.now();
  const app = await startBackOffice({ dataDir, readyTimeoutMs: timeoutMs });
  const readyMs = performance.now() - started;
  let samples = 0;
  let maxRss = 0;
  for (;;) {
    const memory = app.memory();
    maxRss = Math.max(maxRss, memory.rssMiB);
    samples++;
    const checkpoints = memberCheckpoints(dataDir);
    if (checkpoints && checkpoints.every((c) => c.position >= head)) break;
    if (performance.now() - started > timeoutMs) {
      await app.stop();
      throw new Error(
        `projector did not catch up within ${timeoutMs} ms: ${JSON.stringify(checkpoints)} (head ${head})`,
      );
    }
    if (samples % 40 === 0)
      log(
        `catching up: ${JSON.stringify(checkpoints?.map((c) => c.position) ?? [])} of ${head}, rss ${memory.rssMiB} MiB`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
  return { app, readyMs, catchUpMs: performance.now() - started, maxSampledRssMiB: maxRss };
}
