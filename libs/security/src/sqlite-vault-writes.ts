import type Database from 'better-sqlite3';
import type { IndexRow } from './sqlite-vault-schema.js';

/** What a protection writes: computed by the vault (keys and ciphers never leave it), recorded by these writes. */
export interface ProtectRequest {
  memberId: string;
  keyedHash: string;
  /** The member's new data key, wrapped; null when the vault protects with the key it read. */
  newWrappedKey: Uint8Array | null;
  /** Used only when the entry is new. */
  ref: string;
  registryId: string;
  hint: Uint8Array;
  createdAt: string;
}

export type ProtectOutcome =
  | { entry: Pick<IndexRow, 'ref' | 'registry_id'>; created: boolean }
  /** The member's key was destroyed. */
  | 'erased'
  /** The member's key is not the one the request was made with (another connection created it meanwhile). */
  | 'key_changed';

/**
 * The vault's durable writes of a protection: the member's data key unless it has one, and the index entry of
 * (member, number) unless there is one, the registry id shared with the number's other entries. Synchronous SQL on
 * its connection inside the caller's transaction; run on the vault's commit thread (sqlite-vault.thread.ts).
 */
export class VaultWrites {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      key: db.prepare<[string], { wrapped_key: Buffer | null; destroyed_at: string | null }>(
        'SELECT wrapped_key, destroyed_at FROM data_keys WHERE member_id = ?',
      ),
      addKey: db.prepare('INSERT INTO data_keys (member_id, wrapped_key, created_at) VALUES (?, ?, ?)'),
      entry: db.prepare<[string, string], IndexRow>(
        'SELECT * FROM number_index WHERE member_id = ? AND keyed_hash = ? ORDER BY rowid DESC LIMIT 1',
      ),
      registryOf: db.prepare<[string], { registry_id: string }>(
        'SELECT registry_id FROM number_index WHERE keyed_hash = ? LIMIT 1',
      ),
      addEntry: db.prepare(
        `INSERT INTO number_index (ref, member_id, keyed_hash, registry_id, hint, created_at)
         VALUES (@ref, @member_id, @keyed_hash, @registry_id, @hint, @created_at)`,
      ),
    };
  }

  protect(request: ProtectRequest): ProtectOutcome {
    const key = this.q.key.get(request.memberId);
    if (key && (key.destroyed_at || !key.wrapped_key)) return 'erased';
    if (Boolean(key) === Boolean(request.newWrappedKey)) return 'key_changed';
    if (request.newWrappedKey)
      this.q.addKey.run(request.memberId, Buffer.from(request.newWrappedKey), request.createdAt);
    const { row, created } = this.index(request.memberId, request.keyedHash, () => Buffer.from(request.hint), {
      ref: request.ref,
      registryId: request.registryId,
      createdAt: request.createdAt,
    });
    return { entry: { ref: row.ref, registry_id: row.registry_id }, created };
  }

  /** Adds an entry for (member, number) unless one exists; the registry id is shared with live entries of the number. */
  index(
    memberId: string,
    keyedHash: string,
    hint: () => Buffer,
    fresh: { ref: string; registryId: string; createdAt: string },
  ): { row: IndexRow; created: boolean } {
    const existing = this.q.entry.get(memberId, keyedHash);
    if (existing) return { row: existing, created: false };
    const row: IndexRow = {
      ref: fresh.ref,
      member_id: memberId,
      keyed_hash: keyedHash,
      registry_id: this.q.registryOf.get(keyedHash)?.registry_id ?? fresh.registryId,
      hint: hint(),
      created_at: fresh.createdAt,
    };
    this.q.addEntry.run(row);
    return { row, created: true };
  }
}
