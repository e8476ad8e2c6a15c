import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Raw requests on purpose (supertest): security headers, oversized and unknown-field bodies and rate limits are checked
// on the wire, on routes and bodies the spec does not describe.
import request from 'supertest';
import { newId } from '@kenpo/kernel';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

describe('hardening: security headers, body size limit, strict whitelisting (issue 8.6)', () => {
  let system: TestBackOffice;
  let clerk: string;
  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = `Bearer ${await system.token('clerk')}`;
  });
  afterAll(async () => {
    await system?.close();
  });

  it('sends the security headers (helmet) on public and authenticated routes', async () => {
    for (const res of [
      await request(system.http).get('/health'),
      await request(system.http).get(`/members/${newId()}`).set('authorization', clerk),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses a body over 8 MB from an authenticated client with 413 problem+json, before validation runs', async () => {
    const huge = JSON.stringify({ ...enrollment(), note: 'x'.repeat(8 * 1024 * 1024 + 1) });
    const res = await request(system.http)
      .post('/members')
      .set('authorization', clerk)
      .set('content-type', 'application/json')
      .send(huge);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status: 413, title: 'Payload Too Large', code: 'body_too_large' });
    expect(res.headers['x-content-type-options']).toBe('nosniff'); // parser errors carry the headers too (14.7)
  });

  it.each<[string, () => Promise<string>, Record<string, unknown>]>([
    [
      'enrollment',
      async () => '/members',
      { ...enrollment({ individualNumber: individualNumber(8401) }), isAdmin: true },
    ],
    [
      'reveal',
      async () =>
        `/members/${(await enroll(system, enrollment({ individualNumber: individualNumber(8402) }))).memberId}/individual-number/reveal`,
      { personId: 'insured', purpose: 'benefit-claim', includeDependants: true },
    ],
  ])('refuses an unknown field on %s (400 naming the field)', async (_name, path, body) => {
    const res = await request(system.http)
      .post(await path())
      .set('authorization', clerk)
      .send(body);
    expect(res.status).toBe(400);
    const unknown = Object.keys(body).find((k) => k === 'isAdmin' || k === 'includeDependants');
    expect(res.body.violations).toEqual([expect.objectContaining({ field: unknown, rule: 'unknown_field' })]);
  });
});

describe('rate limiting (issue 8.6)', () => {
  let system: TestBackOffice;
  beforeAll(async () => {
    system = await startTestBackOffice({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await system?.close();
  });

  it('answers 429 problem+json with Retry-After past the limit, counting requests without a token too; /health counts apart', async () => {
    const clerk = `Bearer ${await system.token('clerk')}`;
    const path = `/members/${newId()}`;
    expect((await request(system.http).get(path)).status).toBe(401);
    const second = await request(system.http).get(path).set('authorization', clerk);
    expect(second.status).toBe(404);
    expect(second.headers['ratelimit-remaining']).toBe('1');
    expect((await request(system.http).get(path).set('authorization', clerk)).status).toBe(404);
    const limited = await request(system.http).get(path).set('authorization', clerk);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request(system.http).get(path)).status).toBe(429); // no token: still limited, not 401
    // A client's flood does not fail the orchestrator's probes, and /health is limited all the same (issue 14.7).
    for (let i = 0; i < 3; i++) expect((await request(system.http).get('/health')).status).toBe(200);
    expect((await request(system.http).get('/health')).status).toBe(429);
  });
});
