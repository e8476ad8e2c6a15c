import { SignJWT } from 'jose';
import type { Role } from '@kenpo/kernel';

/** Issuer and audience of the tokens this back office mints itself (development and tests; see JWT_ISSUER). */
export const DEFAULT_JWT_ISSUER = 'kenpo-back-office';
export const DEFAULT_JWT_AUDIENCE = 'kenpo-back-office-api';

export interface MintOptions {
  /** Seconds until `exp` (default 8 hours). */
  lifetimeSeconds?: number;
  issuer?: string;
  audience?: string;
}

/** An HS256 token for a subject and role, with iat, exp, iss and aud (what TokenVerifier requires). */
export async function mintToken(secret: string, sub: string, role: Role, options: MintOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(options.issuer ?? DEFAULT_JWT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_JWT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.lifetimeSeconds ?? 8 * 3600))
    .sign(new TextEncoder().encode(secret));
}
