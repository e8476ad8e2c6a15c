import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { type Actor, ROLES, type Role, UnauthorizedError } from '@kenpo/kernel';
import type { AppConfig } from '../config.js';

const ISSUER = 'kenpo-back-office';

/** The HS256 secret: JWT_SECRET, or a development secret generated once under DATA_DIR/secrets. */
export function loadOrCreateJwtSecret(config: AppConfig): string {
  if (config.values.JWT_SECRET) return config.values.JWT_SECRET;
  const file = join(config.dataDir, 'secrets', 'jwt.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export async function mintToken(secret: string, sub: string, role: Role, expiresIn = '8h'): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** Verifies bearer tokens: HS256 with the configured secret, or RS/ES keys from an identity provider's JWKS. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(config: AppConfig) {
    if (config.values.JWKS_URL) {
      this.key = createRemoteJWKSet(new URL(config.values.JWKS_URL));
      this.algorithms = ['RS256', 'ES256', 'PS256'];
    } else {
      this.key = new TextEncoder().encode(loadOrCreateJwtSecret(config));
      this.algorithms = ['HS256'];
    }
  }

  async verify(authorization: string | undefined): Promise<Actor> {
    const token = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedError('missing_token', 'a bearer token is required');
    try {
      const { payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, { algorithms: this.algorithms })
          : await jwtVerify(token, this.key, { algorithms: this.algorithms });
      const role = payload.role;
      if (typeof payload.sub !== 'string' || !payload.sub || !ROLES.includes(role as Role)) {
        throw new UnauthorizedError('invalid_token', 'the token must name a subject and one known role');
      }
      return { id: payload.sub, role: role as Role };
    } catch (error) {
      if (error instanceof UnauthorizedError) throw error;
      throw new UnauthorizedError('invalid_token', 'the bearer token is invalid or expired');
    }
  }
}
