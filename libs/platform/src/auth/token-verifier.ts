import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { type Actor, ROLES, type Role, UnauthorizedError } from '@kenpo/kernel';
import { ensurePrivateDir } from '@kenpo/security';
import type { AppConfig } from '../config.js';
import { VerifiedTokens } from './verified-tokens.js';

/** The HS256 secret: JWT_SECRET, or a development secret generated once under DATA_DIR/secrets. */
export function loadOrCreateJwtSecret(config: AppConfig): string {
  if (config.values.JWT_SECRET) return config.values.JWT_SECRET;
  const file = join(config.dataDir, 'secrets', 'jwt.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ensurePrivateDir(dirname(file));
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600); // whatever the umask
  return secret;
}

const invalid = () => new UnauthorizedError('invalid_token', 'the bearer token is invalid or expired');

/**
 * A token names its issuer and audience (ours, or the identity provider's for this application), carries `exp`
 * no further than JWT_MAX_LIFETIME_SECONDS after it was issued, and is not used before `nbf`. Clocks may differ by
 * JWT_CLOCK_SKEW_SECONDS. The lifetime is bounded from `iat`, or from now when a token has no `iat`.
 */
function lifetimeProblem(payload: JWTPayload, maxLifetime: number, skew: number, now: number): boolean {
  if (typeof payload.exp !== 'number') return true;
  const issuedAt = typeof payload.iat === 'number' ? payload.iat : now;
  return payload.exp - issuedAt > maxLifetime || payload.exp - now > maxLifetime + skew;
}

/** Verifies bearer tokens: HS256 with the configured secret, or RS/ES keys from an identity provider's JWKS. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly issuer: string;
  private readonly audience: string;
  private readonly maxLifetime: number;
  private readonly skew: number;
  private readonly verified = new VerifiedTokens();

  constructor(config: AppConfig) {
    if (config.values.JWKS_URL) {
      this.key = createRemoteJWKSet(new URL(config.values.JWKS_URL));
      this.algorithms = ['RS256', 'ES256', 'PS256'];
    } else {
      this.key = new TextEncoder().encode(loadOrCreateJwtSecret(config));
      this.algorithms = ['HS256'];
    }
    this.issuer = config.jwtIssuer;
    this.audience = config.jwtAudience;
    this.maxLifetime = config.values.JWT_MAX_LIFETIME_SECONDS;
    this.skew = config.values.JWT_CLOCK_SKEW_SECONDS;
  }

  async verify(authorization: string | undefined): Promise<Actor> {
    const token = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedError('missing_token', 'a bearer token is required');
    const known = this.verified.get(token, Math.floor(Date.now() / 1000));
    if (known) return known;
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: this.algorithms,
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: this.skew,
        requiredClaims: ['exp', 'sub'],
      };
      ({ payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options));
    } catch {
      throw invalid();
    }
    if (lifetimeProblem(payload, this.maxLifetime, this.skew, Math.floor(Date.now() / 1000))) {
      throw new UnauthorizedError(
        'token_lifetime',
        `the bearer token must expire within ${this.maxLifetime} seconds of being issued`,
      );
    }
    const role = payload.role;
    if (typeof payload.sub !== 'string' || !payload.sub || !ROLES.includes(role as Role)) {
      throw new UnauthorizedError('invalid_token', 'the token must name a subject and one known role');
    }
    const actor: Actor = { id: payload.sub, role: role as Role };
    this.verified.remember(token, actor, payload.exp! + this.skew, Math.floor(Date.now() / 1000));
    return actor;
  }
}
