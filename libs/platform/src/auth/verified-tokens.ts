import { hash } from 'node:crypto';
import type { Actor } from '@kenpo/kernel';

/** How long a verified token is answered from memory at most: bounds how late a JWKS key removal takes effect. */
const MAX_REMEMBER_SECONDS = 60;
const CAPACITY = 10_000;

/**
 * Tokens already verified, until their `exp` (plus the tolerated skew) or one minute: a clerk's workstation sends
 * the same token with every request, and its signature check was a twentieth of a command's CPU (profile of the
 * commands bench). Keyed by the token's hash, so no credential is kept. Expiry is still checked on every use.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();

  get(token: string, nowSeconds: number): Actor | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowSeconds < entry.until) return entry.actor;
    this.entries.delete(key);
    return undefined;
  }

  remember(token: string, actor: Actor, expiresAt: number, nowSeconds: number): void {
    if (this.entries.size >= CAPACITY) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(keyOf(token), { actor, until: Math.min(expiresAt, nowSeconds + MAX_REMEMBER_SECONDS) });
  }
}

function keyOf(token: string): string {
  return hash('sha256', token, 'base64');
}
