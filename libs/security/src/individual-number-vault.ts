/**
 * What events and views may hold of an Individual Number: never the digits, nor anything computed from them that a
 * guess could be checked against (architecture.md 11). The keyed hash that finds duplicates lives in the vault only.
 */
export interface ProtectedIndividualNumber {
  /**
   * Opaque vault reference (random): names the vault's entry for this member's copy of the number. One member's
   * repeated protections of the same number get the same ref; different members never share one.
   */
  ref: string;
  /** base64 of iv | tag | AES-256-GCM ciphertext under the member's data key. */
  ciphertext: string;
}

export interface Protection {
  number: ProtectedIndividualNumber;
  /**
   * Random id of the number's registry stream (`individual-number-<registryId>`), shared by every live entry of the
   * same number: concurrent claims of one number contend on that stream, and its name tells nothing of the number.
   */
  registryId: string;
  /** False when the member already had an entry for this number (its ref is reused). */
  created: boolean;
}

/** A member whose vault entry holds a given number; `ref` is what that member's events carry. */
export interface NumberHolder {
  memberId: string;
  ref: string;
  createdAt: string;
}

/** Outcome of indexing one number recorded by a version that kept keyed hashes in events. */
export type LegacyIndexing = 'indexed' | 'already-indexed' | 'erased';

/**
 * The vault port (architecture.md 8, 11): envelope encryption with one data key per member, wrapped by a master key,
 * and the keyed-hash index of numbers (duplicate detection) whose entries die with the member's key.
 */
export abstract class IndividualNumberVault {
  /** Encrypts under the member's data key and records (or reuses) the member's index entry for the number. */
  abstract protect(memberId: string, clearNumber: string): Promise<Protection>;
  /** Throws GoneError once the member's key is destroyed. */
  abstract reveal(memberId: string, ciphertext: string): Promise<string>;
  /**
   * The number's registry id while any entry of it lives (null otherwise): "is this number held, and where are its
   * claims" without recording anything.
   */
  abstract registryIdOf(clearNumber: string): Promise<string | null>;
  /**
   * The entries of the number with this registry id (the keyed-hash index), oldest first. Entries are written before
   * a command's events: a holder whose member stream does not reference `ref` belongs to a command that was not (or
   * not yet) recorded.
   */
  abstract holdersOf(registryId: string): Promise<NumberHolder[]>;
  /** Entries of other members holding one of this member's numbers (erasure checks them for leftovers). */
  abstract sharingNumbersWith(memberId: string): Promise<NumberHolder[]>;
  /** Removes an entry that protect() created for a command that was not recorded. */
  abstract forget(memberId: string, ref: string): Promise<void>;
  /** `********1234` for each ref whose entry and key are alive; refs of erased members are absent from the map. */
  abstract maskedNumbers(refs: readonly string[]): Promise<Map<string, string>>;
  /**
   * Crypto-shredding: destroys the member's data key and its index entries, and replaces the request-digest key
   * (so digests of requests that carried the number can no longer be checked against guesses).
   */
  abstract destroyKey(memberId: string): Promise<{ destroyedAt: string }>;
  abstract isDestroyed(memberId: string): Promise<boolean>;
  /**
   * A digest of a request (e.g. an idempotency fingerprint) under a key that every erasure replaces: `<keyId>.<hmac>`.
   * Unlike a plain hash of a body that held an Individual Number, it cannot confirm a guessed number after erasure.
   */
  abstract requestDigest(text: string): Promise<string>;
  /** true / false, or null when the digest was made under a key destroyed since (it can no longer be checked). */
  abstract requestDigestMatches(digest: string, text: string): Promise<boolean | null>;
  /** Re-wraps every key under a new master key; ciphertexts in events stay as they are. */
  abstract rotateMasterKey(newMasterKeyHex: string): Promise<{ rewrapped: number }>;
  /** True while the vault still holds the hash key of the version that put keyed hashes into events. */
  abstract hasLegacyHashKey(): Promise<boolean>;
  /** Indexes a number from a legacy event (its ciphertext becomes its ref); nothing for an erased member. */
  abstract indexLegacyNumber(memberId: string, ciphertext: string): Promise<LegacyIndexing>;
  /** Destroys the legacy hash key: the keyed hashes left in old events and stream names become useless. */
  abstract destroyLegacyHashKey(): Promise<void>;
  abstract close(): Promise<void>;
}

/** `********1234`: the only form of the number shown to people, and only while the member's key lives. */
export function maskIndividualNumber(last4: string): string {
  return `********${last4}`;
}

/** What answers show for a number whose key was destroyed (or whose entry is missing). */
export const ERASED_NUMBER = '[erased]';

/**
 * The masked form of a number for an answer: from the vault's masks while the member's key lives, `[erased]` after.
 * A read-model document written before the index moved into the vault has no ref: fully masked until rebuilt.
 */
export function maskedNumberOf(masks: ReadonlyMap<string, string>, ref: string | undefined): string {
  if (ref === undefined) return '************';
  return masks.get(ref) ?? ERASED_NUMBER;
}
