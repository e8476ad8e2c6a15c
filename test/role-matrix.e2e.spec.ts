import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
// Raw requests on purpose (supertest): every route is walked generically from the Nest metadata, with forged and
// missing tokens and empty bodies, to check the roles and edge headers of each.
import request from 'supertest';
import { newId, ROLES, type Role } from '@kenpo/kernel';
import { DEFAULT_JWT_AUDIENCE, mintToken } from '@kenpo/platform';
import { startTestBackOffice, TEST_JWT_SECRET, type TestBackOffice } from './support/back-office.js';
import { discoverEndpoints, type Endpoint } from './support/endpoints.js';
import { readmeRoleTable } from './support/readme-roles.js';

/** A token whose signature no longer matches its content (one character of the payload changed). */
function tampered(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url'), signature].join('.');
}

/** Security headers (helmet), no X-Powered-By, and no-store (answers carry personal data; public ones do not). */
function hasEdgeHeaders(res: request.Response, isPublic = false): boolean {
  return (
    (isPublic || /\bno-store\b/.test(res.headers['cache-control'] ?? '')) &&
    res.headers['x-content-type-options'] === 'nosniff' &&
    res.headers['x-powered-by'] === undefined
  );
}

describe('role matrix: every endpoint × every role, no token, bad tokens (issue 8.1–8.2)', () => {
  let system: TestBackOffice;
  let endpoints: Endpoint[];
  const tokens = {} as Record<Role, string>;
  const badTokens: Record<string, string> = {};

  beforeAll(async () => {
    // The limiter has its own test; here it would only count the hundreds of matrix calls.
    system = await startTestBackOffice({ RATE_LIMIT_PER_MINUTE: '0' });
    endpoints = discoverEndpoints(system.app);
    for (const role of ROLES) tokens[role] = await system.token(role, `matrix-${role}`);
    badTokens['tampered (clerk → admin)'] = tampered(tokens.clerk);
    badTokens['signed with another secret'] = await mintToken(
      'another-secret-of-at-least-32-characters!',
      'x',
      'admin',
    );
    badTokens['expired'] = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('kenpo-back-office')
      .setAudience(DEFAULT_JWT_AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    badTokens['unsigned (alg none)'] =
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub: 'x', role: 'admin', iss: 'kenpo-back-office' }),
      ).toString('base64url')}.`;
    badTokens['unknown role'] = await new SignJWT({ role: 'superuser' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('kenpo-back-office')
      .setAudience(DEFAULT_JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    // Issue 14.2: every other claim right, one wrong.
    const admin = (claims: Record<string, unknown>) =>
      new SignJWT({ role: 'admin', sub: 'x', iss: 'kenpo-back-office', aud: DEFAULT_JWT_AUDIENCE, ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const now = Math.floor(Date.now() / 1000);
    badTokens['without exp'] = await admin({ iat: now });
    badTokens['for another audience'] = await admin({ iat: now, exp: now + 600, aud: 'another-application' });
    badTokens['from another issuer'] = await admin({ iat: now, exp: now + 600, iss: 'https://idp.example/' });
    badTokens['not yet valid (nbf)'] = await admin({ iat: now, nbf: now + 3600, exp: now + 7200 });
    badTokens['living a year'] = await admin({ iat: now, exp: now + 365 * 86_400 });
  });
  afterAll(async () => {
    await system?.close();
  });

  it('discovers the same endpoints as the OpenAPI document, and only /health and the console sign-in are public', async () => {
    const doc = (await request(system.http).get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(endpoints.map((e) => `${e.method} ${e.path}`).sort()).toEqual(documented.sort());
    expect(endpoints.length).toBeGreaterThan(15);
    // The console reads how to sign in before it has a token; the development sign-in exists outside production only.
    expect(endpoints.filter((e) => e.public).map((e) => `${e.method} ${e.path}`)).toEqual([
      'post /auth/dev-token',
      'get /console/config.json',
      'get /health',
    ]);
    // A route without @Roles is closed to everyone: that is safe, but always a mistake.
    expect(endpoints.filter((e) => !e.public && e.declared.length === 0).map((e) => `${e.method} ${e.path}`)).toEqual(
      [],
    );
  });

  it("issue 13.7: the README's role table is the truth: every route has a row with exactly its roles, and every row a route", () => {
    const readme = readmeRoleTable();
    const inCode = new Map(endpoints.map((e) => [`${e.method} ${e.path}`, e.public ? [] : [...e.allowed].sort()]));
    const differences = [
      ...[...inCode].flatMap(([route, roles]) => {
        const documented = readme.get(route);
        if (!documented) return [`${route}: no row in the README role table`];
        const want = [...documented].sort();
        return want.join(',') === roles.join(',')
          ? []
          : [`${route}: README says ${want.join(', ')}, code allows ${roles.join(', ')}`];
      }),
      ...[...readme.keys()]
        .filter((route) => !inCode.has(route))
        .map((route) => `${route}: in the README, not in the code`),
    ];
    expect(differences).toEqual([]);
  });

  it('issue 13.7: the money path never lies with one role, and never with admin', () => {
    const roles = readmeRoleTable();
    const of = (route: string) => roles.get(route) ?? [];
    const submit = [...of('post /members/:memberId/benefit-claims'), ...of('post /medical-cost-records')];
    const approve = of('post /benefit-claims/:claimId/approval');
    const pay = [...of('post /payout-runs'), ...of('post /payout-runs/:runId/bank-results')];
    for (const step of [submit, approve, pay]) expect(step.length).toBeGreaterThan(0);
    expect(submit.filter((r) => approve.includes(r) || pay.includes(r))).toEqual([]);
    expect(approve.filter((r) => pay.includes(r))).toEqual([]);
    const moneyPath = [
      ...submit,
      ...approve,
      ...pay,
      ...of('post /benefit-claims/:claimId/rejection'),
      ...of('put /members/:memberId/public-funds-account'),
    ];
    expect(moneyPath).not.toContain('admin');
  });

  it('answers 401 without or with a bad token, 403 to exactly the roles not allowed, and lets allowed roles through', async () => {
    const mismatches: string[] = [];
    for (const endpoint of endpoints) {
      const url = endpoint.path.replace(/:\w+/g, () => newId());
      const call = async (authorization?: string) => {
        const req = request(system.http)[endpoint.method](url);
        if (authorization) req.set('authorization', `Bearer ${authorization}`);
        const res = await (endpoint.method === 'get' || endpoint.method === 'delete' ? req : req.send({}));
        // Issue 14.7/14.8: every answer, whoever asks and whatever it says, has the security headers and no-store.
        if (!hasEdgeHeaders(res, endpoint.public))
          mismatches.push(`${endpoint.method.toUpperCase()} ${endpoint.path}: ${res.status} without the edge headers`);
        return { status: res.status, code: (res.body as { code?: string } | undefined)?.code };
      };
      type Answer = Awaited<ReturnType<typeof call>>;
      const check = (who: string, answer: Answer, ok: (a: Answer) => boolean, expected: string) => {
        if (!ok(answer))
          mismatches.push(
            `${endpoint.method.toUpperCase()} ${endpoint.path} ${who}: ${answer.status} ${answer.code ?? ''}, expected ${expected}`,
          );
      };
      // A role refusal is 403 role_not_allowed; another 403 is a business rule (e.g. clerks list held payouts only).
      const roleRefused = (a: Answer) => a.status === 403 && a.code === 'role_not_allowed';
      if (endpoint.public) {
        check('without token', await call(), (a) => a.status !== 401 && a.status !== 403, 'not 401/403');
        continue;
      }
      check('without token', await call(), (a) => a.status === 401, '401');
      for (const [name, token] of Object.entries(badTokens))
        check(name, await call(token), (a) => a.status === 401, '401');
      for (const role of ROLES) {
        const answer = await call(tokens[role]);
        if (endpoint.allowed.includes(role))
          check(role, answer, (a) => a.status !== 401 && !roleRefused(a), 'neither 401 nor a role refusal');
        else check(role, answer, roleRefused, '403 role_not_allowed');
      }
    }
    expect(mismatches).toEqual([]);
  });

  // Plain Express routes mounted as middleware are outside Nest's router and its global guard: they check tokens
  // themselves. The queue dashboard allows payment operators and admins (apps/payment-worker queue-dashboard.module).
  it.each(['/queues', '/queues/api/queues'])(
    'the queue dashboard %s checks the same tokens and roles',
    async (path) => {
      const get = (token?: string) => {
        const req = request(system.http).get(path);
        return (token ? req.set('authorization', `Bearer ${token}`) : req).then((r) => {
          expect(hasEdgeHeaders(r)).toBe(true);
          return r.status;
        });
      };
      expect(await get()).toBe(401);
      for (const token of Object.values(badTokens)) expect(await get(token)).toBe(401);
      for (const role of ROLES) {
        const status = await get(tokens[role]);
        if (role === 'payment-operator' || role === 'admin') expect([401, 403]).not.toContain(status);
        else expect(status).toBe(403);
      }
    },
  );
});
