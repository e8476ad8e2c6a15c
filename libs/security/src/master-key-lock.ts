import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateSqliteFile } from './private-files.js';

/**
 * Who may use the master key of a DATA_DIR: every process that opens the vault holds this lock shared for its
 * lifetime, a master-key rotation holds it exclusive while it re-wraps. A rotation beside a running app would leave
 * the app on the old key (numbers it enrolls afterwards are wrapped by a key nobody keeps); an app started during a
 * rotation would read the old key file or MASTER_KEY.
 *
 * Why a SQLite file: SQLite's own file locks (POSIX fcntl, LockFileEx on Windows) give shared/exclusive semantics
 * on every platform without a native addon of ours, and the OS drops them when a process dies, kill -9 included, so
 * no stale lock is ever left to clean up. A deferred transaction that has read holds SHARED until it ends;
 * `BEGIN EXCLUSIVE` fails at once (busy timeout 0) while any SHARED is held, and SHARED fails while it is held.
 * The rollback journal (not WAL, whose readers do not block writers) gives exactly these semantics; nothing is
 * ever written, so no journal file appears. Keep every other open()/close() of this file out of a process holding
 * it: closing any descriptor of a file drops that process's POSIX locks on it (SQLite handles its own descriptors).
 */
export function masterKeyLockFile(dataDir: string): string {
  return join(dataDir, 'secrets', 'master-key.lock');
}

export class MasterKeyLockedError extends Error {}

export interface MasterKeyLock {
  release(): void;
}

type Mode = 'shared' | 'exclusive';

function hold(file: string, mode: Mode, refusal: string): MasterKeyLock {
  const db = new Database(ensurePrivateSqliteFile(file), { timeout: 0 });
  try {
    db.pragma('journal_mode = DELETE');
    if (mode === 'exclusive') db.exec('BEGIN EXCLUSIVE');
    else {
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM sqlite_master').get(); // the read that takes SHARED until the transaction ends
    }
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new MasterKeyLockedError(refusal);
    throw error;
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      db.close(); // rolls the (empty) transaction back: the lock is gone
    },
  };
}

/** Held by every process that opens the vault; refused while a master-key rotation runs on this DATA_DIR. */
export function holdMasterKeyShared(file: string): MasterKeyLock {
  return hold(
    file,
    'shared',
    `a master-key rotation is running on this DATA_DIR (${file} is locked): refusing to start; wait for ` +
      'npm run rotate-master-key to finish, then start with the new MASTER_KEY',
  );
}

/** Held by a master-key rotation; refused while any process that uses the master key runs on this DATA_DIR. */
export function holdMasterKeyExclusive(file: string): MasterKeyLock {
  return hold(
    file,
    'exclusive',
    'stop the apps first: a process that uses the master key of this DATA_DIR is running (API, projector, payment ' +
      `worker or a compliance command hold ${file}); nothing was changed`,
  );
}
