import type Database from 'better-sqlite3';

/**
 * The vault's tables. `data_keys` holds one wrapped key per member plus the vault's own keys under reserved names;
 * `number_index` is the keyed-hash index of numbers (the only place a keyed hash of an Individual Number is kept);
 * `request_digest_key` is the key of request digests, replaced at every erasure.
 */
export const VAULT_SCHEMA = `
CREATE TABLE IF NOT EXISTS data_keys (
  member_id TEXT PRIMARY KEY, wrapped_key BLOB, created_at TEXT NOT NULL, destroyed_at TEXT);
CREATE TABLE IF NOT EXISTS number_index (
  ref TEXT PRIMARY KEY,
  member_id TEXT NOT NULL,
  keyed_hash TEXT NOT NULL,
  registry_id TEXT NOT NULL,
  hint BLOB NOT NULL,
  created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS number_index_by_hash ON number_index (keyed_hash);
CREATE INDEX IF NOT EXISTS number_index_by_member ON number_index (member_id, keyed_hash);
CREATE INDEX IF NOT EXISTS number_index_by_registry ON number_index (registry_id);
CREATE TABLE IF NOT EXISTS request_digest_key (
  slot INTEGER PRIMARY KEY CHECK (slot = 1), key_id TEXT NOT NULL, wrapped_key BLOB NOT NULL);
`;

/** HMAC key of the number index (wrapped by the master key). */
export const INDEX_KEY_ID = '__index_key__';
/**
 * HMAC key of the version that wrote keyed hashes into events and registry stream names. Kept only until the
 * upgrade has moved the index into the vault, then destroyed.
 */
export const LEGACY_HASH_KEY_ID = '__hash_key__';

export interface IndexRow {
  ref: string;
  member_id: string;
  keyed_hash: string;
  registry_id: string;
  hint: Buffer;
  created_at: string;
}

/** Every connection to the vault: durable commits, and nothing destroyed left readable in freed pages. */
export function openVaultDatabase(db: Database.Database): Database.Database {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // A destroyed key or index entry must not linger in freed page space (crypto-shredding).
  db.pragma('secure_delete = ON');
  db.exec(VAULT_SCHEMA);
  return db;
}
