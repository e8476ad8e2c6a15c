import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { mintToken } from '@kenpo/platform';
import type { Browser } from 'playwright-core';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { launchChromium, listen, screenshot } from './support/console-browser.js';
import { type OidcProvider, startOidcProvider } from './support/oidc-provider.js';

/** The API side of the console (issue 17): its page, its sign-in configuration, the dev sign-in, the /queues cookie. */
describe('console API in development', () => {
  let system: TestBackOffice;
  beforeAll(async () => {
    system = await startTestBackOffice();
  });
  afterAll(async () => {
    await system?.close();
  });

  it('serves the single page at /console and for its deep links, with a CSP of its own', async () => {
    for (const path of ['/console', '/console/', '/console/members/0190c1de-0000-7000-8000-000000000001']) {
      const res = await request(system.http).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    await request(system.http).get('/console/assets/missing.js').expect(404);
  });

  it('says how to sign in: the development sign-in, without an identity provider', async () => {
    const res = await request(system.http).get('/console/config.json').expect(200);
    expect(res.body).toEqual({ signIn: 'development', oidc: null });
  });

  it('mints a development token for a user and role, which the API then takes for that user and role', async () => {
    const minted = await request(system.http)
      .post('/auth/dev-token')
      .send({ sub: 'clerk-7', role: 'clerk' })
      .expect(200);
    expect(minted.headers['cache-control']).toBe('no-store');
    const me = await request(system.http)
      .get('/auth/me')
      .set('authorization', `Bearer ${minted.body.accessToken}`)
      .expect(200);
    expect(me.body).toEqual({ id: 'clerk-7', role: 'clerk' });
    const bad = await request(system.http).post('/auth/dev-token').send({ sub: 'x', role: 'root' }).expect(400);
    expect(bad.body.violations.map((v: { field: string }) => v.field)).toEqual(['role']);
  });

  it('opens the queue dashboard for a browser with an HttpOnly, SameSite=Strict cookie that only /queues receives', async () => {
    const operator = await system.token('payment-operator', 'operator-1');
    const opened = await request(system.http)
      .post('/auth/queues-session')
      .set('authorization', `Bearer ${operator}`)
      .expect(204);
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toMatch(/^kenpo_queues=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/queues/);
    expect(Number(/Max-Age=(\d+)/.exec(cookie)?.[1])).toBeLessThanOrEqual(15 * 60);
    const pair = cookie.split(';')[0]!;
    await request(system.http).get('/queues/').set('cookie', pair).expect(200);
    await request(system.http).get('/queues/').expect(401);

    const clerk = await system.token('clerk');
    await request(system.http).post('/auth/queues-session').set('authorization', `Bearer ${clerk}`).expect(403);
    // A clerk's token smuggled into the cookie is still a clerk's: the dashboard refuses it.
    await request(system.http).get('/queues/').set('cookie', `kenpo_queues=${clerk}`).expect(403);
    const forged = await mintToken('another-secret-of-at-least-32-characters!', 'x', 'admin');
    await request(system.http).get('/queues/').set('cookie', `kenpo_queues=${forged}`).expect(401);

    const closed = await request(system.http)
      .delete('/auth/queues-session')
      .set('authorization', `Bearer ${operator}`)
      .expect(204);
    expect(String(closed.headers['set-cookie'])).toMatch(/kenpo_queues=;.*Expires=Thu, 01 Jan 1970/);
  });
});

/**
 * Production: the API trusts an identity provider's keys (JWKS_URL) and the console signs in through it. The provider
 * is a tiny one started here (test/support/oidc-provider.ts); the sign-in runs in Debian's Chromium.
 */
describe('console API in production', () => {
  const audience = 'kenpo-back-office-api';
  let provider: OidcProvider;
  let system: TestBackOffice;
  let browser: Browser | undefined;
  beforeAll(async () => {
    provider = await startOidcProvider({
      clientId: 'kenpo-console',
      audience,
      user: { sub: 'clerk-oidc', role: 'clerk' },
    });
    system = await startTestBackOffice({
      NODE_ENV: 'production',
      MASTER_KEY: 'a'.repeat(64),
      JWKS_URL: provider.jwksUrl,
      JWT_ISSUER: provider.issuer,
      JWT_AUDIENCE: audience,
      CONSOLE_OIDC_ISSUER: provider.issuer,
      CONSOLE_OIDC_CLIENT_ID: 'kenpo-console',
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
    await provider?.close();
  });

  it('has no development sign-in at all', async () => {
    await request(system.http).post('/auth/dev-token').send({ sub: 'x', role: 'admin' }).expect(404);
  });

  it('signs in through the identity provider, whose origin the page may call for tokens', async () => {
    const config = await request(system.http).get('/console/config.json').expect(200);
    expect(config.body).toEqual({
      signIn: 'oidc',
      oidc: { issuer: provider.issuer, clientId: 'kenpo-console', scope: 'openid profile' },
    });
    const page = await request(system.http).get('/console/').expect(200);
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ${provider.issuer}`);
  });

  it('signs a clerk in in Chromium with the authorization code and PKCE; the token stays in memory only', async () => {
    const base = await listen(system);
    provider.allowRedirect(`${base}/console/callback`);
    browser = await launchChromium();
    const page = await browser.newPage({ locale: 'ja-JP' });
    // A deep link: the console sends the clerk to the provider and, signed in, back to it.
    await page.goto(`${base}/console/members`);
    await page.getByRole('button', { name: '組織のアカウントでサインイン' }).click();
    await page.getByRole('heading', { name: '加入者の検索' }).waitFor();
    await page.getByText('clerk-oidc (事務担当)').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/members');
    await screenshot(page, '20-oidc-signed-in');

    // One code exchanged once, with the verifier matching the challenge; the API took the provider's token.
    expect(provider.refused).toEqual([]);
    expect(provider.issued).toHaveLength(1);
    const token = provider.issued[0]!;
    await request(system.http).get('/auth/me').set('authorization', `Bearer ${token}`).expect(200, {
      id: 'clerk-oidc',
      role: 'clerk',
    });
    // Evaluated in the page (a string: the test compiles without the DOM's types).
    const stored = (await page.evaluate(
      '({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), cookies: document.cookie })',
    )) as Record<'local' | 'session' | 'cookies', string>;
    for (const place of Object.values(stored)) {
      expect(place).not.toContain(token);
      expect(place).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT of any kind
    }
    // The PKCE verifier lived in sessionStorage for the round trip only.
    expect(stored.session).not.toContain('kenpo.console.oidc');

    // A reload forgets the token: the console asks for a sign-in again.
    await page.reload();
    await page.getByRole('button', { name: '組織のアカウントでサインイン' }).waitFor();
  }, 90_000);
});
