import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates a directory (and its missing parents) readable by the owner only, whatever the umask, and tightens an
 * existing one. Everything the back office keeps on disk is personal data or keys (domain.md 9, technical measures).
 */
export function ensurePrivateDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((statSync(path).mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(path, PRIVATE_DIR_MODE);
  return path;
}

/**
 * Creates an empty file with mode 0600 (or tightens an existing one) before a library opens it or a stream writes
 * it. SQLite gives its -wal and -shm files the mode of the database file, so this covers them too.
 */
export function ensurePrivateFile(path: string): string {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE }); // an existing parent is left as it is
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  if ((statSync(path).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(path, PRIVATE_FILE_MODE);
  return path;
}
