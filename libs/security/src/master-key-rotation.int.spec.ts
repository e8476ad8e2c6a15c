import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { rotateVaultMasterKey, SqliteIndividualNumberVault } from './index.js';

const OLD = '1'.repeat(64);
const NEW = '2'.repeat(64);

describe('rotateVaultMasterKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rotation-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('re-wraps the data keys and replaces the key file; the old ciphertext opens with the new key only', async () => {
    const file = join(dir, 'vault.db');
    const keyFile = join(dir, 'master.key');
    const vault = new SqliteIndividualNumberVault(file, OLD);
    const { number } = await vault.protect('m1', '123456789018');
    await vault.close();

    expect(await rotateVaultMasterKey({ vaultFile: file, currentKeyHex: OLD, newKeyHex: NEW, keyFile })).toEqual({
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
    await expect(rotateVaultMasterKey({ vaultFile: file, currentKeyHex: OLD, newKeyHex: 'abc' })).rejects.toThrow(
      /64 hex/,
    );
    await expect(rotateVaultMasterKey({ vaultFile: file, currentKeyHex: OLD, newKeyHex: OLD })).rejects.toThrow(
      /equals/,
    );
    await expect(
      rotateVaultMasterKey({ vaultFile: file, currentKeyHex: NEW, newKeyHex: '3'.repeat(64) }),
    ).rejects.toThrow();
    await new SqliteIndividualNumberVault(file, OLD).close(); // still opens with the old key
  });
});
