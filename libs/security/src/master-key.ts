import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';

export const MASTER_KEY_PATTERN = /^[0-9a-f]{64}$/i;

/**
 * Reads MASTER_KEY, or a development key generated once under DATA_DIR/secrets (0700, file 0600). Production must
 * set MASTER_KEY (configuration refuses to start without it): a key next to the data it protects protects nothing
 * from whoever copies the directory.
 */
export function loadOrCreateMasterKey(configured: string | undefined, keyFile: string): string {
  if (configured) return configured;
  ensurePrivateDir(dirname(keyFile));
  if (existsSync(keyFile)) return readFileSync(keyFile, 'utf8').trim();
  const key = randomBytes(32).toString('hex');
  writeFileSync(keyFile, `${key}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return key;
}
