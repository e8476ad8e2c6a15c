import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { SqliteIndividualNumberVault } from './index.js';

const KEY_A = 'c'.repeat(64);
const KEY_B = 'd'.repeat(64);

/** Every byte the vault keeps on disk: the database and its write-ahead log. */
function rawVaultBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

function wrappedKeyOf(file: string, memberId: string): Buffer {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare('SELECT wrapped_key FROM data_keys WHERE member_id = ?').get(memberId) as { wrapped_key: Buffer }
    ).wrapped_key;
  } finally {
    db.close();
  }
}

describe('crypto-shredding leaves no copy of a destroyed key on disk (domain.md 9, deletion)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vault-shred-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('after destroyKey neither the database nor its log holds the wrapped data key', async () => {
    const file = join(dir, 'vault.db');
    const vault = new SqliteIndividualNumberVault(file, KEY_A);
    await vault.protect('m1', '123456789018');
    await vault.protect('m2', '983205673214');
    const wrapped = wrappedKeyOf(file, 'm1');
    expect(rawVaultBytes(file).includes(wrapped)).toBe(true); // the scan does see keys that are there
    await vault.destroyKey('m1');
    expect(rawVaultBytes(file).includes(wrapped)).toBe(false);
    expect(rawVaultBytes(file).includes(wrappedKeyOf(file, 'm2'))).toBe(true);
    await vault.close();
  });

  it('after a master-key rotation the keys wrapped under the old master key are gone from disk', async () => {
    const file = join(dir, 'vault.db');
    const vault = new SqliteIndividualNumberVault(file, KEY_A);
    await vault.protect('m1', '123456789018');
    const before = wrappedKeyOf(file, 'm1');
    await vault.rotateMasterKey(KEY_B);
    expect(rawVaultBytes(file).includes(before)).toBe(false);
    await vault.close();
  });
});
