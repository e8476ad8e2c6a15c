import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { holdMasterKeyExclusive } from './master-key-lock.js';
import { SqliteIndividualNumberVault } from './sqlite-vault.js';

export interface MasterKeyRotation {
  vaultFile: string;
  /** The master-key lock of the DATA_DIR (masterKeyLockFile), held exclusive during the rotation. */
  lockFile: string;
  currentKeyHex: string;
  newKeyHex: string;
  /** The generated development key file to replace; omit when MASTER_KEY comes from the environment. */
  keyFile?: string;
}

const KEY = /^[0-9a-f]{64}$/i;

/** A DATA_DIR without a vault: there is nothing to re-wrap (and nothing is created). */
export class NothingToRotateError extends Error {}

/**
 * Re-wraps every data key under a new master key (one transaction); events and their ciphertexts are not touched.
 * With a key file, the new key is written beside it first (`.next`), so a crash after the re-wrap cannot lose it.
 * Refused (MasterKeyLockedError, nothing changed) while a process that uses the master key runs on the DATA_DIR:
 * it would keep the old key in memory and wrap new members' keys with it.
 */
export async function rotateVaultMasterKey({
  vaultFile,
  lockFile,
  currentKeyHex,
  newKeyHex,
  keyFile,
}: MasterKeyRotation): Promise<{ rewrapped: number }> {
  if (!KEY.test(newKeyHex)) throw new RangeError('the new master key must be 64 hex characters (256 bits)');
  if (newKeyHex.toLowerCase() === currentKeyHex.toLowerCase())
    throw new RangeError('the new master key equals the current one');
  if (!existsSync(vaultFile)) throw new NothingToRotateError(`nothing to rotate: there is no vault at ${vaultFile}`);
  const lock = holdMasterKeyExclusive(lockFile);
  try {
    const vault = new SqliteIndividualNumberVault(vaultFile, currentKeyHex); // throws when the current key is wrong
    try {
      if (keyFile) writeFileSync(`${keyFile}.next`, `${newKeyHex}\n`, { mode: 0o600 });
      const result = await vault.rotateMasterKey(newKeyHex);
      if (keyFile) renameSync(`${keyFile}.next`, keyFile);
      return result;
    } finally {
      await vault.close();
    }
  } finally {
    lock.release();
  }
}
