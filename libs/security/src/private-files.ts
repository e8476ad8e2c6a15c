import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/** A SQLite database file 0600 before it is opened; its -wal, -shm or journal left by an older version tightened too. */
export function ensurePrivateSqliteFile(path: string): string {
  ensurePrivateFile(path);
  for (const companion of [`${path}-wal`, `${path}-shm`, `${path}-journal`])
    if (existsSync(companion) && (statSync(companion).mode & 0o777) !== PRIVATE_FILE_MODE)
      chmodSync(companion, PRIVATE_FILE_MODE);
  return path;
}

/** Tightens every file and directory below `dir` (e.g. a Redis directory written by an older version). */
export function tightenTree(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      ensurePrivateDir(path);
      tightenTree(path);
    } else if (entry.isFile() && (statSync(path).mode & 0o777) !== PRIVATE_FILE_MODE)
      chmodSync(path, PRIVATE_FILE_MODE);
  }
}

/**
 * Runs `start` (e.g. spawning a child such as redis-server, which creates its own files) under umask 077, so what the
 * child writes is private too, then restores the umask.
 */
export function withPrivateUmask<T>(start: () => T): T {
  const previous = process.umask(0o077);
  try {
    return start();
  } finally {
    process.umask(previous);
  }
}
