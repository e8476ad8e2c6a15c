import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { GoneError } from '@kenpo/kernel';
import { tempDir, type TempDir } from '@kenpo/testing';
import { loadOrCreateMasterKey, SqliteIndividualNumberVault } from './index.js';

const NUMBER = '123456789018'; // domain.md 1.3 example A (synthetic)
const OTHER = '983205673214';
const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

describe('SqliteIndividualNumberVault (domain.md 9, architecture.md 11: encrypted, indexed in the vault, shredded)', () => {
  let dir: TempDir;
  let file: string;
  beforeEach(() => {
    dir = tempDir('vault-');
    file = join(dir.path, 'vault.db');
  });
  afterEach(() => dir.remove());

  it('protects a number: an opaque ref and a ciphertext, no digits anywhere; the index lives in the vault', async () => {
    const vault = new SqliteIndividualNumberVault(file, KEY_A);
    const { number, registryId, created } = await vault.protect('m1', NUMBER);
    expect(created).toBe(true);
    expect(number.ref).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(number).sort()).toEqual(['ciphertext', 'ref']);
    expect(Buffer.from(number.ciphertext, 'base64').toString('latin1')).not.toContain(NUMBER);
    expect(await vault.reveal('m1', number.ciphertext)).toBe(NUMBER);
    expect(await vault.registryIdOf(NUMBER)).toBe(registryId);
    expect(await vault.holdersOf(registryId)).toEqual([
      { memberId: 'm1', ref: number.ref, createdAt: expect.any(String) },
    ]);
    expect(await vault.registryIdOf(OTHER)).toBeNull();
    expect(await vault.maskedNumbers([number.ref, 'unknown'])).toEqual(new Map([[number.ref, '********9018']]));
    expect(readFileSync(file).toString('latin1')).not.toContain(NUMBER);
    await vault.close();
  });

  it("reuses a member's ref for the same number; other members get their own ref and share the registry id", async () => {
    const vault = new SqliteIndividualNumberVault(file, KEY_A);
    const first = await vault.protect('m1', NUMBER);
    const again = await vault.protect('m1', NUMBER);
    expect(again).toMatchObject({ created: false, registryId: first.registryId, number: { ref: first.number.ref } });
    expect(again.number.ciphertext).not.toBe(first.number.ciphertext);
    const other = await vault.protect('m2', NUMBER);
    expect(other.created).toBe(true);
    expect(other.number.ref).not.toBe(first.number.ref);
    expect(other.registryId).toBe(first.registryId);
    expect((await vault.protect('m1', OTHER)).registryId).not.toBe(first.registryId);
    await expect(vault.reveal('m2', first.number.ciphertext)).rejects.toThrow(); // one key per member
    expect(await vault.sharingNumbersWith('m1')).toEqual([
      { memberId: 'm2', ref: other.number.ref, createdAt: expect.any(String) },
    ]);
    await vault.forget('m2', other.number.ref);
    expect((await vault.holdersOf(first.registryId)).map((h) => h.memberId)).toEqual(['m1']);
    await vault.close();
  });

  it("protects a new member's numbers sent together under one key (the second finds the first's key and uses it)", async () => {
    const vault = new SqliteIndividualNumberVault(file, KEY_A);
    const [first, second] = await Promise.all([vault.protect('m9', NUMBER), vault.protect('m9', OTHER)]);
    expect(await vault.reveal('m9', first.number.ciphertext)).toBe(NUMBER);
    expect(await vault.reveal('m9', second.number.ciphertext)).toBe(OTHER);
    expect(await vault.maskedNumbers([first.number.ref, second.number.ref])).toEqual(
      new Map([
        [first.number.ref, '********9018'],
        [second.number.ref, '********3214'],
      ]),
    );
    await vault.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM data_keys WHERE member_id = 'm9'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('shreds: key, index entries and masked form die together; a new key is never minted', async () => {
    const vault = new SqliteIndividualNumberVault(file, KEY_A);
    const { number, registryId } = await vault.protect('m1', NUMBER);
    await vault.protect('m2', NUMBER);
    await vault.destroyKey('m1');
    await expect(vault.reveal('m1', number.ciphertext)).rejects.toBeInstanceOf(GoneError);
    await expect(vault.protect('m1', NUMBER)).rejects.toBeInstanceOf(GoneError);
    expect(await vault.isDestroyed('m1')).toBe(true);
    expect(await vault.maskedNumbers([number.ref])).toEqual(new Map());
    // Duplicate detection for the other holder still works, under the same registry id.
    expect(await vault.registryIdOf(NUMBER)).toBe(registryId);
    expect(await vault.holdersOf(registryId)).toMatchObject([{ memberId: 'm2' }]);
    await vault.destroyKey('m2');
    expect(await vault.registryIdOf(NUMBER)).toBeNull();
    expect(await vault.holdersOf(registryId)).toEqual([]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM number_index').get()).toEqual({ n: 0 });
    db.close();
    await vault.close();
  });

  it('request digests stop matching anything once an erasure replaced their key', async () => {
    const vault = new SqliteIndividualNumberVault(file, KEY_A);
    const digest = await vault.requestDigest('POST /members\n{"individualNumber":"123456789018"}');
    expect(digest).not.toContain(NUMBER);
    expect(await vault.requestDigestMatches(digest, 'POST /members\n{"individualNumber":"123456789018"}')).toBe(true);
    expect(await vault.requestDigestMatches(digest, 'POST /members\n{"individualNumber":"983205673214"}')).toBe(false);
    await vault.protect('m1', NUMBER);
    await vault.destroyKey('m1');
    expect(await vault.requestDigestMatches(digest, 'POST /members\n{"individualNumber":"123456789018"}')).toBeNull();
    await vault.close();
  });

  it('rotates the master key without touching ciphertexts, refs or the index', async () => {
    const vault = new SqliteIndividualNumberVault(file, KEY_A);
    const { number, registryId } = await vault.protect('m1', NUMBER);
    expect(await vault.rotateMasterKey(KEY_B)).toEqual({ rewrapped: 3 }); // m1, the index key, the digest key
    await vault.close();
    const reopened = new SqliteIndividualNumberVault(file, KEY_B);
    expect(await reopened.reveal('m1', number.ciphertext)).toBe(NUMBER);
    expect(await reopened.registryIdOf(NUMBER)).toBe(registryId);
    expect(await reopened.holdersOf(registryId)).toMatchObject([{ ref: number.ref }]);
    await reopened.close();
    expect(() => new SqliteIndividualNumberVault(file, KEY_A)).toThrow(/master key does not open this vault/);
  });

  it('generates a development master key once, 0600 in a 0700 directory, and reuses it', () => {
    const keyFile = join(dir.path, 'secrets', 'master.key');
    const first = loadOrCreateMasterKey(undefined, keyFile);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(loadOrCreateMasterKey(undefined, keyFile)).toBe(first);
    expect(loadOrCreateMasterKey(KEY_B, keyFile)).toBe(KEY_B);
  });
});
