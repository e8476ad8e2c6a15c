import { renameSync, writeFileSync } from 'node:fs';
import { SqliteIndividualNumberVault } from './sqlite-vault.js';

export interface MasterKeyRotation {
  vaultFile: string;
  currentKeyHex: string;
  newKeyHex: string;
  /** The generated development key file to replace; omit when MASTER_KEY comes from the environment. */
  keyFile?: string;
}

const KEY = /^[0-9a-f]{64}$/i;

/**
 * Re-wraps every data key under a new master key (one transaction); events and their ciphertexts are not touched.
 * With a key file, the new key is written beside it first (`.next`), so a crash after the re-wrap cannot lose it.
 * Run it with the apps stopped: a running process keeps the old master key in memory.
 */
export async function rotateVaultMasterKey({
  vaultFile,
  currentKeyHex,
  newKeyHex,
  keyFile,
}: MasterKeyRotation): Promise<{ rewrapped: number }> {
  if (!KEY.test(newKeyHex)) throw new RangeError('the new master key must be 64 hex characters (256 bits)');
  if (newKeyHex.toLowerCase() === currentKeyHex.toLowerCase())
    throw new RangeError('the new master key equals the current one');
  const vault = new SqliteIndividualNumberVault(vaultFile, currentKeyHex); // throws when the current key is wrong
  try {
    if (keyFile) writeFileSync(`${keyFile}.next`, `${newKeyHex}\n`, { mode: 0o600 });
    const result = await vault.rotateMasterKey(newKeyHex);
    if (keyFile) renameSync(`${keyFile}.next`, keyFile);
    return result;
  } finally {
    await vault.close();
  }
}
