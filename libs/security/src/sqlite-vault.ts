import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { GoneError } from '@kenpo/kernel';
import { CommitThread, threadScript } from '@kenpo/event-store';
import {
  IndividualNumberVault,
  type LegacyIndexing,
  maskIndividualNumber,
  type NumberHolder,
  type Protection,
} from './individual-number-vault.js';
import type { MasterKeyLock } from './master-key-lock.js';
import { ensurePrivateSqliteFile } from './private-files.js';
import { INDEX_KEY_ID, type IndexRow, LEGACY_HASH_KEY_ID, openVaultDatabase } from './sqlite-vault-schema.js';
import { type ProtectOutcome, type ProtectRequest, VaultWrites } from './sqlite-vault-writes.js';
import { hmacHex, newKey, open, sameHex, seal } from './vault-crypto.js';

const erased = () => new GoneError('individual_number_erased', "the member's Individual Number key was erased");

/**
 * Data keys and the number index in a SQLite file of their own (DATA_DIR/vault.db in every profile), keys wrapped by
 * the master key. Events never hold a key, a keyed hash or digits of a number.
 */
export class SqliteIndividualNumberVault extends IndividualNumberVault {
  private readonly db: Database.Database;
  private masterKey: Buffer;
  private readonly indexKey: Buffer;
  private digestKey: { id: string; key: Buffer } | null = null;
  /** Protections commit on a thread of their own (sqlite-vault.thread.ts): their sync does not block requests. */
  private readonly protections: CommitThread<ProtectRequest, ProtectOutcome>;
  private readonly writes: VaultWrites;
  private readonly statements = new Map<string, Database.Statement>();

  /** `lock`: the master-key lock this process holds shared while the vault is open (released by close()). */
  constructor(
    file: string,
    masterKeyHex: string,
    private readonly lock?: MasterKeyLock,
  ) {
    super();
    this.db = openVaultDatabase(new Database(ensurePrivateSqliteFile(file)));
    this.masterKey = Buffer.from(masterKeyHex, 'hex');
    this.checkMasterKey();
    this.indexKey = this.dataKey(INDEX_KEY_ID, true)!;
    if (!this.sql('SELECT 1 FROM request_digest_key').get()) this.replaceDigestKey();
    this.writes = new VaultWrites(this.db);
    this.protections = new CommitThread(threadScript(import.meta.url, 'sqlite-vault.thread.js'), { file });
  }

  /** Any wrapped key must open: a wrong master key is refused before anything is written under it. */
  private checkMasterKey(): void {
    const row = this.sql('SELECT wrapped_key FROM data_keys WHERE wrapped_key IS NOT NULL LIMIT 1').get() as
      { wrapped_key: Buffer } | undefined;
    if (!row) return;
    try {
      open(this.masterKey, row.wrapped_key);
    } catch {
      throw new Error('the master key does not open this vault (wrong MASTER_KEY or key file)');
    }
  }

  private dataKey(memberId: string, create: boolean): Buffer | null {
    const row = this.sql('SELECT wrapped_key, destroyed_at FROM data_keys WHERE member_id = ?').get(memberId) as
      { wrapped_key: Buffer | null; destroyed_at: string | null } | undefined;
    if (row) return row.destroyed_at || !row.wrapped_key ? null : open(this.masterKey, row.wrapped_key);
    if (!create) return null;
    this.sql('INSERT OR IGNORE INTO data_keys (member_id, wrapped_key, created_at) VALUES (?, ?, ?)').run(
      memberId,
      seal(this.masterKey, newKey()),
      new Date().toISOString(),
    );
    return this.dataKey(memberId, false);
  }

  private keyedHash(clearNumber: string): string {
    return hmacHex(this.indexKey, clearNumber);
  }

  /** Adds an entry for (member, number) unless one exists; the registry id is shared with live entries of the number. */
  private index(memberId: string, key: Buffer, clearNumber: string, ref: string): { row: IndexRow; created: boolean } {
    const keyedHash = this.keyedHash(clearNumber);
    const hint = () => seal(key, Buffer.from(clearNumber.slice(-4), 'utf8'));
    const fresh = { ref, registryId: randomUUID(), createdAt: new Date().toISOString() };
    return this.db.transaction(() => this.writes.index(memberId, keyedHash, hint, fresh)).immediate();
  }

  async protect(memberId: string, clearNumber: string): Promise<Protection> {
    const keyedHash = this.keyedHash(clearNumber);
    for (;;) {
      const { key, newWrappedKey } = this.keyToProtectWith(memberId);
      // The member's key and the index entry in one durable transaction, shared with concurrent enrollments (one sync).
      const outcome = await this.protections.run({
        memberId,
        keyedHash,
        newWrappedKey,
        ref: randomUUID(),
        registryId: randomUUID(),
        hint: seal(key, Buffer.from(clearNumber.slice(-4), 'utf8')),
        createdAt: new Date().toISOString(),
      });
      if (outcome === 'erased') throw erased();
      // Another protection of this member created its key first: protect with that one.
      if (outcome === 'key_changed') continue;
      const ciphertext = seal(key, Buffer.from(clearNumber, 'utf8')).toString('base64');
      return {
        number: { ref: outcome.entry.ref, ciphertext },
        registryId: outcome.entry.registry_id,
        created: outcome.created,
      };
    }
  }

  /** The member's data key, or a new one (with its wrapped form to record) when the member has none yet. */
  private keyToProtectWith(memberId: string): { key: Buffer; newWrappedKey: Buffer | null } {
    const key = this.dataKey(memberId, false);
    if (key) return { key, newWrappedKey: null };
    if (this.sql('SELECT 1 FROM data_keys WHERE member_id = ?').get(memberId)) throw erased();
    const fresh = newKey();
    return { key: fresh, newWrappedKey: seal(this.masterKey, fresh) };
  }

  async reveal(memberId: string, ciphertext: string): Promise<string> {
    const key = this.dataKey(memberId, false);
    if (!key) throw erased();
    return open(key, Buffer.from(ciphertext, 'base64')).toString('utf8');
  }

  async registryIdOf(clearNumber: string): Promise<string | null> {
    const row = this.sql('SELECT registry_id FROM number_index WHERE keyed_hash = ? LIMIT 1').get(
      this.keyedHash(clearNumber),
    ) as { registry_id: string } | undefined;
    return row?.registry_id ?? null;
  }

  async holdersOf(registryId: string): Promise<NumberHolder[]> {
    const rows = this.sql(
      'SELECT member_id, ref, created_at FROM number_index WHERE registry_id = ? ORDER BY rowid',
    ).all(registryId) as IndexRow[];
    return rows.map(holderOf);
  }

  async sharingNumbersWith(memberId: string): Promise<NumberHolder[]> {
    const rows = this.sql(
      `SELECT other.member_id, other.ref, other.created_at FROM number_index mine
         JOIN number_index other ON other.keyed_hash = mine.keyed_hash AND other.member_id <> mine.member_id
         WHERE mine.member_id = ? ORDER BY other.rowid`,
    ).all(memberId) as IndexRow[];
    return rows.map(holderOf);
  }

  async forget(memberId: string, ref: string): Promise<void> {
    const { changes } = this.sql('DELETE FROM number_index WHERE ref = ? AND member_id = ?').run(ref, memberId);
    if (changes > 0) this.truncateLog(false);
  }

  async maskedNumbers(refs: readonly string[]): Promise<Map<string, string>> {
    const masks = new Map<string, string>();
    const keys = new Map<string, Buffer | null>();
    const select = this.sql('SELECT member_id, hint FROM number_index WHERE ref = ?');
    for (const ref of new Set(refs)) {
      const row = select.get(ref) as Pick<IndexRow, 'member_id' | 'hint'> | undefined;
      if (!row) continue;
      if (!keys.has(row.member_id)) keys.set(row.member_id, this.dataKey(row.member_id, false));
      const key = keys.get(row.member_id);
      if (key) masks.set(ref, maskIndividualNumber(open(key, row.hint).toString('utf8')));
    }
    return masks;
  }

  async destroyKey(memberId: string): Promise<{ destroyedAt: string }> {
    const destroyedAt = new Date().toISOString();
    this.db
      .transaction(() => {
        this.sql('DELETE FROM number_index WHERE member_id = ?').run(memberId);
        // The row stays (without the key) so a later protect() cannot silently mint a new key for an erased member.
        this.sql(
          `INSERT INTO data_keys (member_id, wrapped_key, created_at, destroyed_at) VALUES (?, NULL, ?, ?)
           ON CONFLICT(member_id) DO UPDATE SET wrapped_key = NULL, destroyed_at = excluded.destroyed_at`,
        ).run(memberId, destroyedAt, destroyedAt);
        this.replaceDigestKey();
      })
      .immediate();
    this.truncateLog(true);
    return { destroyedAt };
  }

  async isDestroyed(memberId: string): Promise<boolean> {
    const row = this.sql('SELECT destroyed_at FROM data_keys WHERE member_id = ?').get(memberId) as
      { destroyed_at: string | null } | undefined;
    return Boolean(row?.destroyed_at);
  }

  private currentDigestKey(): { id: string; key: Buffer } {
    const row = this.sql('SELECT key_id, wrapped_key FROM request_digest_key WHERE slot = 1').get() as {
      key_id: string;
      wrapped_key: Buffer;
    };
    // Another process may have replaced it: the id is read every time, the key unwrapped only when it changed.
    if (this.digestKey?.id !== row.key_id)
      this.digestKey = { id: row.key_id, key: open(this.masterKey, row.wrapped_key) };
    return this.digestKey;
  }

  private replaceDigestKey(): void {
    this.sql(
      `INSERT INTO request_digest_key (slot, key_id, wrapped_key) VALUES (1, ?, ?)
         ON CONFLICT(slot) DO UPDATE SET key_id = excluded.key_id, wrapped_key = excluded.wrapped_key`,
    ).run(randomUUID(), seal(this.masterKey, newKey()));
    this.digestKey = null;
  }

  async requestDigest(text: string): Promise<string> {
    const { id, key } = this.currentDigestKey();
    return `${id}.${hmacHex(key, text)}`;
  }

  async requestDigestMatches(digest: string, text: string): Promise<boolean | null> {
    const { id, key } = this.currentDigestKey();
    const [keyId, mac] = digest.split('.');
    if (keyId !== id || mac === undefined) return null;
    return sameHex(mac, hmacHex(key, text));
  }

  async rotateMasterKey(newMasterKeyHex: string): Promise<{ rewrapped: number }> {
    const next = Buffer.from(newMasterKeyHex, 'hex');
    const keys = this.sql('SELECT member_id, wrapped_key FROM data_keys WHERE wrapped_key IS NOT NULL').all() as {
      member_id: string;
      wrapped_key: Buffer;
    }[];
    const digest = this.sql('SELECT wrapped_key FROM request_digest_key WHERE slot = 1').get() as
      { wrapped_key: Buffer } | undefined;
    const rewrap = (sealed: Buffer) => seal(next, open(this.masterKey, sealed));
    this.db
      .transaction(() => {
        const update = this.sql('UPDATE data_keys SET wrapped_key = ? WHERE member_id = ?');
        for (const row of keys) update.run(rewrap(row.wrapped_key), row.member_id);
        if (digest) this.sql('UPDATE request_digest_key SET wrapped_key = ?').run(rewrap(digest.wrapped_key));
      })
      .immediate();
    this.masterKey = next;
    this.digestKey = null;
    this.truncateLog(true);
    return { rewrapped: keys.length + (digest ? 1 : 0) };
  }

  async hasLegacyHashKey(): Promise<boolean> {
    return this.dataKey(LEGACY_HASH_KEY_ID, false) !== null;
  }

  async indexLegacyNumber(memberId: string, ciphertext: string): Promise<LegacyIndexing> {
    const key = this.dataKey(memberId, false);
    if (!key) return 'erased';
    if (this.sql('SELECT 1 FROM number_index WHERE ref = ?').get(ciphertext)) return 'already-indexed';
    const clearNumber = open(key, Buffer.from(ciphertext, 'base64')).toString('utf8');
    // A second legacy copy of the same number in one member (a dependant removed and recognised again) shares the
    // first copy's entry: it adds nothing to duplicate detection, and its masked display shows as erased.
    return this.index(memberId, key, clearNumber, ciphertext).created ? 'indexed' : 'already-indexed';
  }

  async destroyLegacyHashKey(): Promise<void> {
    const now = new Date().toISOString();
    this.sql('UPDATE data_keys SET wrapped_key = NULL, destroyed_at = ? WHERE member_id = ?').run(
      now,
      LEGACY_HASH_KEY_ID,
    );
    this.truncateLog(true);
  }

  /**
   * Old page images (with destroyed keys or deleted index entries) stay in the WAL file until it is checkpointed
   * and truncated. `required`: throw when another connection's read keeps the log from being truncated.
   */
  private truncateLog(required: boolean): void {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy && required)
      throw new Error('vault log could not be truncated: another connection is reading the vault');
  }

  /** Prepared once per connection (preparing on every call was a fiftieth of a command's time). */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  async close(): Promise<void> {
    await this.protections.close();
    this.db.close();
    this.lock?.release();
  }
}

function holderOf(row: Pick<IndexRow, 'member_id' | 'ref' | 'created_at'>): NumberHolder {
  return { memberId: row.member_id, ref: row.ref, createdAt: row.created_at };
}
