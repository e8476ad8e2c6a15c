/** What events and views may hold of an Individual Number: never the clear digits. */
export interface ProtectedIndividualNumber {
  /** base64 of iv | tag | AES-256-GCM ciphertext under the member's data key. */
  ciphertext: string;
  /** HMAC-SHA256 (hex) under the society's hash key: finds duplicates without decrypting. */
  keyedHash: string;
  last4: string;
}

/**
 * The vault port (architecture.md 8): envelope encryption with one data key per member, wrapped by a master key.
 * Destroying a member's data key makes every ciphertext of that member unreadable (crypto-shredding).
 */
export abstract class IndividualNumberVault {
  abstract protect(memberId: string, clearNumber: string): Promise<ProtectedIndividualNumber>;
  /** Throws GoneError once the member's key is destroyed. */
  abstract reveal(memberId: string, ciphertext: string): Promise<string>;
  abstract keyedHash(clearNumber: string): string;
  abstract destroyKey(memberId: string): Promise<{ destroyedAt: string }>;
  abstract isDestroyed(memberId: string): Promise<boolean>;
  /** Re-wraps every data key under a new master key; ciphertexts in events stay as they are. */
  abstract rotateMasterKey(newMasterKeyHex: string): Promise<{ rewrapped: number }>;
  abstract close(): Promise<void>;
}

/** `****-****-1234`: the only form of the number shown to people. */
export function maskIndividualNumber(last4: string): string {
  return `********${last4}`;
}
