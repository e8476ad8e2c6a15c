import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '@kenpo/testing';
import type { Haystack } from './leak-scan.js';

/**
 * Someone who copied everything an erasure leaves behind (DATA_DIR with its SQLite files, -wal and -shm, secrets/,
 * a dump of Redis, the logs) and tries to confirm a guessed Individual Number offline (issue 14.1). It knows every
 * key it can read or unwrap, every string and blob, and the requests it could reconstruct from the events.
 */
export interface Loot {
  /** Files by path relative to DATA_DIR. */
  files: { path: string; bytes: Buffer }[];
  /** Redis keys and values, log lines. */
  other: Haystack[];
  /** Keys the attacker got elsewhere (e.g. MASTER_KEY from the environment of a compromised host). */
  extraKeys?: string[];
}

/** Every file under DATA_DIR, as copied (SQLite databases with their -wal and -shm, secrets, Redis files...). */
export function lootFiles(dir: string, root = dir): Loot['files'] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? lootFiles(path, root)
      : [{ path: relative(root, path), bytes: readFileSync(path) }];
  });
}

const HEX64 = /[0-9a-f]{64}/gi;
const BASE64 = /[A-Za-z0-9+/]{38,}={0,2}/g;

function open(key: Buffer, sealed: Buffer): Buffer | null {
  if (sealed.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * A random 96-bit IV has practically never four zero bytes or only printable ASCII (about 1e-7 and 7e-6): windows
 * that do are page padding or text, and skipping them makes the exhaustive scan of the vault affordable.
 */
function randomLooking(iv: Buffer): boolean {
  let zeros = 0;
  let ascii = 0;
  for (const byte of iv) {
    if (byte === 0) zeros += 1;
    if (byte >= 0x20 && byte < 0x7f) ascii += 1;
  }
  return zeros < 4 && ascii < iv.length;
}

/** Every string and blob of every table of the SQLite databases in the loot (opened from copies, WAL included). */
function sqliteCells(files: Loot['files']): { strings: string[]; blobs: Buffer[] } {
  const strings: string[] = [];
  const blobs: Buffer[] = [];
  const copy = tempDir('kenpo-attacker-');
  try {
    for (const { path } of files.filter((f) => f.path.endsWith('.db'))) {
      const target = join(copy.path, path.replaceAll('/', '_'));
      for (const suffix of ['', '-wal']) {
        const file = files.find((f) => f.path === `${path}${suffix}`);
        if (file) writeFileSync(`${target}${suffix}`, file.bytes);
      }
      const db = new Database(target, { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        for (const { name } of tables) {
          for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate() as Iterable<unknown[]>) {
            for (const cell of row) {
              if (typeof cell === 'string') strings.push(cell);
              else if (Buffer.isBuffer(cell)) blobs.push(cell);
            }
          }
        }
      } finally {
        db.close();
      }
    }
  } finally {
    copy.remove();
  }
  return { strings, blobs };
}

/** The attacker's knowledge, gathered once from the loot. */
export class Attacker {
  readonly keys: Buffer[] = [];
  private readonly corpus: string;
  private readonly hashes = new Set<string>();
  private readonly plaintexts = new Set<string>();

  constructor(loot: Loot) {
    const cells = sqliteCells(loot.files);
    const texts = [
      ...loot.files.map((f) => `${f.path}\n${f.bytes.toString('latin1')}`),
      ...cells.strings,
      ...loot.other.map(
        (h) => `${h.source}\n${typeof h.content === 'string' ? h.content : h.content.toString('latin1')}`,
      ),
    ];
    this.corpus = texts.join('\n');
    for (const token of this.corpus.match(HEX64) ?? []) this.hashes.add(token.toLowerCase());
    const blobs = [...cells.blobs, ...(this.corpus.match(BASE64) ?? []).map((t) => Buffer.from(t, 'base64'))];
    // Keys in clear: the secrets directory, and what the attacker brought.
    const secrets = loot.files.filter((f) => f.path.startsWith('secrets'));
    const clearKeys = [
      ...secrets.flatMap((f) => f.bytes.toString('latin1').match(HEX64) ?? []),
      ...(loot.extraKeys ?? []),
    ];
    for (const hex of clearKeys) this.learnKey(Buffer.from(hex, 'hex'));
    // Wrapped keys, also any left in freed pages or the log of the vault: every 60-byte window is tried.
    const vaultBytes = loot.files.filter((f) => /vault\.db(-wal)?$/.test(f.path)).map((f) => f.bytes);
    for (const bytes of vaultBytes)
      for (let i = 0; i + 60 <= bytes.length; i++)
        if (randomLooking(bytes.subarray(i, i + 12)))
          for (const key of [...this.keys]) this.tryUnwrap(key, bytes.subarray(i, i + 60));
    // Then everything sealed, with every key known so far, until nothing new opens.
    for (let learned = true; learned;) {
      learned = false;
      for (const blob of blobs) {
        for (const key of [...this.keys]) {
          const plain = open(key, blob);
          if (!plain) continue;
          if (plain.length === 32 && this.learnKey(plain)) learned = true;
          this.plaintexts.add(plain.toString('utf8'));
        }
      }
    }
  }

  private learnKey(key: Buffer): boolean {
    if (key.length !== 32 || this.keys.some((k) => k.equals(key))) return false;
    this.keys.push(key);
    return true;
  }

  private tryUnwrap(key: Buffer, window: Buffer): void {
    const plain = open(key, window);
    if (plain) this.learnKey(plain);
  }

  /** Whether the loot holds this 64-hex value somewhere (a hash, an HMAC, a key...). */
  sees(hex: string): boolean {
    return this.hashes.has(hex.toLowerCase());
  }

  /** Digits of `number` the loot still shows next to it (a masked form or a last-four field). */
  digitsShown(number: string): string {
    const last4 = number.slice(-4);
    return this.corpus.includes(`********${last4}`) || this.corpus.includes(`"last4":"${last4}"`) ? last4 : '';
  }

  /**
   * How `candidate` can be confirmed from the loot: found in clear, decrypted, or equal to a hash, an HMAC under any
   * key the attacker holds, or a digest of a request it can reconstruct (`requests` build one around a number).
   */
  confirms(candidate: string, requests: readonly ((number: string) => string)[] = []): string[] {
    const texts = [candidate, ...requests.map((build) => build(candidate))];
    const found: string[] = [];
    if (this.corpus.includes(candidate)) found.push('in clear');
    if (this.plaintexts.has(candidate)) found.push('decrypted');
    for (const text of texts) {
      if (this.hashes.has(createHash('sha256').update(text).digest('hex'))) found.push('sha256');
      for (const key of this.keys)
        if (this.hashes.has(createHmac('sha256', key).update(text).digest('hex'))) found.push('hmac');
    }
    return found;
  }
}

/** Check digit of 11 base digits (domain.md 1.2). */
function checkDigit(base: string): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(base[i]) * (i < 5 ? 6 - i : 12 - i);
  const remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

/**
 * The candidates left when `shown` (the last digits, check digit included) is known: about 10^(11 − shown.length)
 * valid numbers when four are shown (one prefix in ten has the right check digit), 10^11 when nothing is. `slice`
 * holds `size` of them around `truth`: the attacker's luckiest slice, which holds the true number. The whole space
 * is beyond a test run, and a slice is enough: what confirms a candidate does not depend on where it lies.
 */
export function candidateSpace(shown: string, truth: string, size: number): { total: number; slice: string[] } {
  const free = shown ? 12 - shown.length : 11;
  const total = shown ? 10 ** free / 10 : 1e11;
  const start = Math.max(0, Number(truth.slice(0, free)) - (shown ? size * 5 : Math.floor(size / 2)));
  const slice: string[] = [];
  for (let prefix = start; slice.length < size && prefix < 10 ** free; prefix++) {
    const digits = String(prefix).padStart(free, '0');
    const candidate = shown ? digits + shown : `${digits}${checkDigit(digits)}`;
    if (checkDigit(candidate.slice(0, 11)) === Number(candidate[11])) slice.push(candidate);
  }
  return { total, slice };
}
