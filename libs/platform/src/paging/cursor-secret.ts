import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from '@kenpo/security';
import type { AppConfig } from '../config.js';
import { PagingCursors } from './paging-cursors.js';

/**
 * CURSOR_SECRET, else one generated under DATA_DIR/secrets on first start. Every API process that serves the same
 * clients needs the same secret (a cursor issued by one is opened by another), so production sets it.
 */
export function loadOrCreateCursorSecret(config: AppConfig): string {
  if (config.values.CURSOR_SECRET) return config.values.CURSOR_SECRET;
  const dir = join(config.dataDir, 'secrets');
  const file = join(dir, 'cursor.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ensurePrivateDir(dir);
  writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600); // whatever the umask
  return readFileSync(file, 'utf8').trim();
}

export function pagingCursorsFor(config: AppConfig): PagingCursors {
  return new PagingCursors(Buffer.from(loadOrCreateCursorSecret(config)));
}
