import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  holdMasterKeyShared,
  MasterKeyLockedError,
  NothingToRotateError,
  rotateVaultMasterKey,
  SqliteIndividualNumberVault,
} from './index.js';

const OLD = '1'.repeat(64);
const NEW = '2'.repeat(64);

describe('rotateVaultMasterKey', () => {
  let dir: string;
  let lockFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rotation-'));
    lockFile = join(dir, 'secrets', 'master-key.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('re-wraps the data keys and replaces the key file; the old ciphertext opens with the new key only', async () => {
    const file = join(dir, 'vault.db');
    const keyFile = join(dir, 'master.key');
    const vault = new SqliteIndividualNumberVault(file, OLD);
    const { number } = await vault.protect('m1', '123456789018');
    await vault.close();

    expect(
      await rotateVaultMasterKey({ vaultFile: file, lockFile, currentKeyHex: OLD, newKeyHex: NEW, keyFile }),
    ).toEqual({
      rewrapped: 3, // m1, the index key, the request-digest key
    });
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(NEW);
    expect(existsSync(`${keyFile}.next`)).toBe(false);
    const reopened = new SqliteIndividualNumberVault(file, NEW);
    expect(await reopened.reveal('m1', number.ciphertext)).toBe('123456789018');
    await reopened.close();
    expect(() => new SqliteIndividualNumberVault(file, OLD)).toThrow();
  });

  it('refuses a malformed or unchanged key and a wrong current key, changing nothing', async () => {
    const file = join(dir, 'vault.db');
    await new SqliteIndividualNumberVault(file, OLD).close();
    await expect(
      rotateVaultMasterKey({ vaultFile: file, lockFile, currentKeyHex: OLD, newKeyHex: 'abc' }),
    ).rejects.toThrow(/64 hex/);
    await expect(
      rotateVaultMasterKey({ vaultFile: file, lockFile, currentKeyHex: OLD, newKeyHex: OLD }),
    ).rejects.toThrow(/equals/);
    await expect(
      rotateVaultMasterKey({ vaultFile: file, lockFile, currentKeyHex: NEW, newKeyHex: '3'.repeat(64) }),
    ).rejects.toThrow();
    await new SqliteIndividualNumberVault(file, OLD).close(); // still opens with the old key
  });

  it('refuses while the vault is in use (shared lock held) and on a directory without a vault, creating nothing', async () => {
    const file = join(dir, 'vault.db');
    const rotate = () => rotateVaultMasterKey({ vaultFile: file, lockFile, currentKeyHex: OLD, newKeyHex: NEW });
    await expect(rotate()).rejects.toThrow(NothingToRotateError);
    expect(readdirSync(dir)).toEqual([]);

    const inUse = new SqliteIndividualNumberVault(file, OLD, holdMasterKeyShared(lockFile));
    await expect(rotate()).rejects.toThrow(MasterKeyLockedError);
    await expect(rotate()).rejects.toThrow(/stop the apps first/);
    await inUse.close(); // releases the lock with the vault
    expect(await rotate()).toEqual({ rewrapped: 2 }); // the index key and the request-digest key
  });
});
