import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GoneError } from '@kenpo/kernel';
import { loadOrCreateMasterKey, SqliteIndividualNumberVault } from './index.js';

const NUMBER = '123456789018'; // domain.md 1.3 example A (synthetic)
const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

describe('SqliteIndividualNumberVault (domain.md 9: encrypted, keyed hash, crypto-shredding)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vault-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('protects a number: ciphertext without the digits, stable keyed hash, last four', async () => {
    const vault = new SqliteIndividualNumberVault(join(dir, 'keys.db'), KEY_A);
    const p = await vault.protect('m1', NUMBER);
    expect(p.last4).toBe('9018');
    expect(p.ciphertext).not.toContain(NUMBER);
    expect(Buffer.from(p.ciphertext, 'base64').toString('latin1')).not.toContain(NUMBER);
    expect(p.keyedHash).toBe(vault.keyedHash(NUMBER));
    expect(p.keyedHash).not.toBe(vault.keyedHash('200000000000'));
    expect(await vault.reveal('m1', p.ciphertext)).toBe(NUMBER);
    expect(readFileSync(join(dir, 'keys.db')).toString('latin1')).not.toContain(NUMBER);
    await vault.close();
  });

  it("uses one key per member: another member's key cannot open it", async () => {
    const vault = new SqliteIndividualNumberVault(join(dir, 'keys.db'), KEY_A);
    const p = await vault.protect('m1', NUMBER);
    await vault.protect('m2', NUMBER);
    await expect(vault.reveal('m2', p.ciphertext)).rejects.toThrow();
    await vault.close();
  });

  it('shreds: after destroying the key the ciphertext is unreadable and no new key is minted', async () => {
    const vault = new SqliteIndividualNumberVault(join(dir, 'keys.db'), KEY_A);
    const p = await vault.protect('m1', NUMBER);
    await vault.destroyKey('m1');
    await expect(vault.reveal('m1', p.ciphertext)).rejects.toBeInstanceOf(GoneError);
    await expect(vault.protect('m1', NUMBER)).rejects.toBeInstanceOf(GoneError);
    expect(await vault.isDestroyed('m1')).toBe(true);
    expect(vault.keyedHash(NUMBER)).toBe(p.keyedHash); // duplicate detection for others still works
    await vault.close();
  });

  it('rotates the master key without touching ciphertexts or hashes', async () => {
    const file = join(dir, 'keys.db');
    const vault = new SqliteIndividualNumberVault(file, KEY_A);
    const p = await vault.protect('m1', NUMBER);
    expect(await vault.rotateMasterKey(KEY_B)).toEqual({ rewrapped: 2 }); // m1 + the hash key
    await vault.close();
    const reopened = new SqliteIndividualNumberVault(file, KEY_B);
    expect(await reopened.reveal('m1', p.ciphertext)).toBe(NUMBER);
    expect(reopened.keyedHash(NUMBER)).toBe(p.keyedHash);
    await reopened.close();
    expect(() => new SqliteIndividualNumberVault(file, KEY_A)).toThrow(); // the old master key no longer opens
  });

  it('generates a development master key once and reuses it', () => {
    const keyFile = join(dir, 'master.key');
    const first = loadOrCreateMasterKey(undefined, keyFile);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(loadOrCreateMasterKey(undefined, keyFile)).toBe(first);
    expect(loadOrCreateMasterKey(KEY_B, keyFile)).toBe(KEY_B);
  });
});
