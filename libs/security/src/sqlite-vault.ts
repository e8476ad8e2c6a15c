import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GoneError } from '@kenpo/kernel';
import { IndividualNumberVault, type ProtectedIndividualNumber } from './individual-number-vault.js';

const HASH_KEY_ID = '__hash_key__';

function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

/**
 * Reads MASTER_KEY, or a development key generated once under DATA_DIR (mode 0600). Production must set MASTER_KEY
 * (or replace this adapter with a KMS-backed one).
 */
export function loadOrCreateMasterKey(configured: string | undefined, keyFile: string): string {
  if (configured) return configured;
  if (existsSync(keyFile)) return readFileSync(keyFile, 'utf8').trim();
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  return key;
}

/** Data keys in a SQLite file of their own, wrapped by the master key; events never hold a key. */
export class SqliteIndividualNumberVault extends IndividualNumberVault {
  private readonly db: Database.Database;
  private masterKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(file: string, masterKeyHex: string) {
    super();
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // A destroyed or re-wrapped key must not linger in freed page space (crypto-shredding).
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS data_keys (
      member_id TEXT PRIMARY KEY, wrapped_key BLOB, created_at TEXT NOT NULL, destroyed_at TEXT)`);
    this.masterKey = Buffer.from(masterKeyHex, 'hex');
    this.hashKey = this.dataKey(HASH_KEY_ID, true)!;
  }

  private dataKey(memberId: string, create: boolean): Buffer | null {
    const row = this.db.prepare('SELECT wrapped_key, destroyed_at FROM data_keys WHERE member_id = ?').get(memberId) as
      { wrapped_key: Buffer | null; destroyed_at: string | null } | undefined;
    if (row) {
      if (row.destroyed_at || !row.wrapped_key) return null;
      return open(this.masterKey, row.wrapped_key);
    }
    if (!create) return null;
    const key = randomBytes(32);
    this.db
      .prepare('INSERT OR IGNORE INTO data_keys (member_id, wrapped_key, created_at) VALUES (?, ?, ?)')
      .run(memberId, seal(this.masterKey, key), new Date().toISOString());
    return this.dataKey(memberId, false);
  }

  async protect(memberId: string, clearNumber: string): Promise<ProtectedIndividualNumber> {
    const key = this.dataKey(memberId, true);
    if (!key) throw new GoneError('individual_number_erased', "the member's Individual Number key was erased");
    return {
      ciphertext: seal(key, Buffer.from(clearNumber, 'utf8')).toString('base64'),
      keyedHash: this.keyedHash(clearNumber),
      last4: clearNumber.slice(-4),
    };
  }

  async reveal(memberId: string, ciphertext: string): Promise<string> {
    const key = this.dataKey(memberId, false);
    if (!key) throw new GoneError('individual_number_erased', "the member's Individual Number was erased");
    return open(key, Buffer.from(ciphertext, 'base64')).toString('utf8');
  }

  keyedHash(clearNumber: string): string {
    return createHmac('sha256', this.hashKey).update(clearNumber).digest('hex');
  }

  async destroyKey(memberId: string): Promise<{ destroyedAt: string }> {
    const destroyedAt = new Date().toISOString();
    // The row stays (without the key) so a later protect() cannot silently mint a new key for an erased member.
    this.db
      .prepare(
        `INSERT INTO data_keys (member_id, wrapped_key, created_at, destroyed_at) VALUES (?, NULL, ?, ?)
      ON CONFLICT(member_id) DO UPDATE SET wrapped_key = NULL, destroyed_at = excluded.destroyed_at`,
      )
      .run(memberId, destroyedAt, destroyedAt);
    this.truncateLog();
    return { destroyedAt };
  }

  async isDestroyed(memberId: string): Promise<boolean> {
    const row = this.db.prepare('SELECT destroyed_at FROM data_keys WHERE member_id = ?').get(memberId) as
      { destroyed_at: string | null } | undefined;
    return Boolean(row?.destroyed_at);
  }

  async rotateMasterKey(newMasterKeyHex: string): Promise<{ rewrapped: number }> {
    const next = Buffer.from(newMasterKeyHex, 'hex');
    const rows = this.db
      .prepare('SELECT member_id, wrapped_key FROM data_keys WHERE wrapped_key IS NOT NULL')
      .all() as { member_id: string; wrapped_key: Buffer }[];
    const update = this.db.prepare('UPDATE data_keys SET wrapped_key = ? WHERE member_id = ?');
    this.db.transaction(() => {
      for (const row of rows) update.run(seal(next, open(this.masterKey, row.wrapped_key)), row.member_id);
    })();
    this.masterKey = next;
    this.truncateLog();
    return { rewrapped: rows.length };
  }

  /** Old page images (with the previous wrapped keys) stay in the WAL file until it is checkpointed and truncated. */
  private truncateLog(): void {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy) throw new Error('vault log could not be truncated: another connection is reading the vault');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
