import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { UnauthorizedError } from '@kenpo/kernel';
import { loadConfig } from '../config.js';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, mintToken } from './mint-token.js';
import { TokenVerifier } from './token-verifier.js';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const now = () => Math.floor(Date.now() / 1000);

type Sign = (claims: JWTPayload) => Promise<string>;

const hs256: Sign = (claims) =>
  new SignJWT({ role: 'clerk', ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));

/** Claims a valid token carries; each case removes or changes one. */
const good = (): JWTPayload => ({
  sub: 'clerk-1',
  iss: DEFAULT_JWT_ISSUER,
  aud: DEFAULT_JWT_AUDIENCE,
  iat: now(),
  exp: now() + 600,
});

const refused: [string, () => JWTPayload][] = [
  ['without exp', () => ({ ...good(), exp: undefined })],
  ['expired beyond the clock skew', () => ({ ...good(), iat: now() - 900, exp: now() - 120 })],
  ['not valid before a future nbf', () => ({ ...good(), nbf: now() + 600 })],
  ['from another issuer', () => ({ ...good(), iss: 'https://idp.example/other' })],
  ['without an issuer', () => ({ ...good(), iss: undefined })],
  ['for another audience', () => ({ ...good(), aud: 'another-application' })],
  ['without an audience', () => ({ ...good(), aud: undefined })],
  ['living longer than the maximum', () => ({ ...good(), exp: now() + 8 * 3600 + 600 })],
  ['without iat and expiring after the maximum from now', () => ({ ...good(), iat: undefined, exp: now() + 9 * 3600 })],
];
const accepted: [string, () => JWTPayload][] = [
  ['valid', good],
  ['expired by less than the clock skew', () => ({ ...good(), iat: now() - 600, exp: now() - 10 })],
  ['with an nbf less than the clock skew ahead', () => ({ ...good(), nbf: now() + 10 })],
  ['with the audience among several', () => ({ ...good(), aud: ['other', DEFAULT_JWT_AUDIENCE] })],
];

function cases(verifier: () => TokenVerifier, sign: () => Sign) {
  it.each(refused)('refuses a token %s (401)', async (_name, claims) => {
    const token = await sign()(claims());
    await expect(verifier().verify(`Bearer ${token}`)).rejects.toBeInstanceOf(UnauthorizedError);
  });
  it.each(accepted)('accepts a token %s', async (_name, claims) => {
    const token = await sign()(claims());
    await expect(verifier().verify(`Bearer ${token}`)).resolves.toEqual({ id: 'clerk-1', role: 'clerk' });
  });
}

describe('bearer tokens: exp required, lifetime bounded, nbf honoured, iss and aud checked (issue 14.2)', () => {
  describe('HS256', () => {
    const verifier = new TokenVerifier(loadConfig({ JWT_SECRET: SECRET }));
    cases(
      () => verifier,
      () => hs256,
    );

    it('accepts what mintToken (npm run token, the test helpers) mints', async () => {
      await expect(verifier.verify(`Bearer ${await mintToken(SECRET, 'u', 'admin')}`)).resolves.toEqual({
        id: 'u',
        role: 'admin',
      });
    });

    it('checks the configured issuer and audience instead of the development ones', async () => {
      const configured = new TokenVerifier(
        loadConfig({ JWT_SECRET: SECRET, JWT_ISSUER: 'https://idp.example/', JWT_AUDIENCE: 'kenpo' }),
      );
      await expect(configured.verify(`Bearer ${await mintToken(SECRET, 'u', 'admin')}`)).rejects.toThrow(
        UnauthorizedError,
      );
      const token = await mintToken(SECRET, 'u', 'admin', { issuer: 'https://idp.example/', audience: 'kenpo' });
      await expect(configured.verify(`Bearer ${token}`)).resolves.toEqual({ id: 'u', role: 'admin' });
    });

    it('bounds the lifetime by JWT_MAX_LIFETIME_SECONDS', async () => {
      const short = new TokenVerifier(loadConfig({ JWT_SECRET: SECRET, JWT_MAX_LIFETIME_SECONDS: '300' }));
      await expect(short.verify(`Bearer ${await hs256(good())}`)).rejects.toMatchObject({ code: 'token_lifetime' });
      await expect(short.verify(`Bearer ${await hs256({ ...good(), exp: now() + 300 })}`)).resolves.toBeDefined();
    });
  });

  describe('JWKS (an identity provider on a local address)', () => {
    let server: Server;
    let verifier: TokenVerifier;
    let sign: Sign;
    beforeAll(async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
      server = createServer((_req, res) =>
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      verifier = new TokenVerifier(loadConfig({ JWKS_URL: `http://127.0.0.1:${port}/jwks.json` }));
      sign = (claims) =>
        new SignJWT({ role: 'clerk', ...claims }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey);
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
    });
    cases(
      () => verifier,
      () => sign,
    );
  });
});

describe('token settings in production', () => {
  it('refuses to start without JWT_ISSUER and JWT_AUDIENCE, naming them', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toThrow(/JWT_ISSUER[\s\S]*JWT_AUDIENCE/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        JWT_ISSUER: 'https://idp.example/',
        JWT_AUDIENCE: 'kenpo',
        MASTER_KEY: 'ab'.repeat(32),
      }),
    ).not.toThrow();
  });
});
