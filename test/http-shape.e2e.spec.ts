import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Role } from '@kenpo/kernel';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount } from './support/claims.js';
import { dependant, enrollment, individualNumber } from './support/members.js';

/** Keys starting with `_` (storage fields such as `_position`) anywhere in a JSON answer. */
function internalKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => internalKeys(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key.startsWith('_') ? [`${path}.${key}`] : []),
    ...internalKeys(child, `${path}.${key}`),
  ]);
}

describe('one HTTP shape (issue 15.4): ETag as revision, Location, lists, status codes', () => {
  let system: TestBackOffice;
  const answers: { url: string; body: unknown }[] = [];
  const send = async (
    method: 'get' | 'post' | 'put',
    url: string,
    role: Role,
    body?: object,
    headers: Record<string, string> = {},
  ) => {
    const res = await request(system.http)
      [method](url)
      .set('authorization', `Bearer ${await system.token(role)}`)
      .set(headers)
      .send(body);
    answers.push({ url, body: res.body });
    return res;
  };
  let memberId: string;
  let claimId: string;

  beforeAll(async () => {
    system = await startTestBackOffice();
    const enrolled = await send('post', '/members', 'clerk', enrollment({ individualNumber: individualNumber(1501) }));
    expect(enrolled.status).toBe(201);
    memberId = enrolled.body.memberId;
  });
  afterAll(async () => {
    await system?.close();
  });

  it('creations answer 201 with the Location of what they created, also on an idempotent replay', async () => {
    const body = enrollment({ individualNumber: individualNumber(1502) });
    const key = { 'Idempotency-Key': 'http-shape-enroll-1' };
    const first = await send('post', '/members', 'clerk', body, key);
    const again = await send('post', '/members', 'clerk', body, key);
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(`/members/${first.body.memberId}`);
    expect(again.status).toBe(201);
    expect(again.headers.location).toBe(first.headers.location);
    expect((await send('get', first.headers.location!, 'clerk')).status).toBe(200);

    const added = await send('post', `/members/${memberId}/dependants`, 'clerk', dependant());
    expect(added.status).toBe(201);
    expect(added.headers.location).toBe(`/members/${memberId}/dependants/${added.body.dependantId}`);
    const shown = await send('get', added.headers.location!, 'clerk');
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ dependantId: added.body.dependantId, relationship: 'spouse' });
    expect(shown.headers.etag).toBe(`"${added.body.revision}"`);

    const claim = await send('post', `/members/${memberId}/benefit-claims`, 'clerk', {
      personId: 'insured',
      payment: { method: 'account', account: claimAccount },
      benefit: { kind: 'childbirth-grant', birthDate: '2025-06-10', numberOfBabies: 1, obstetricCompensation: true },
    });
    expect(claim.status).toBe(201);
    claimId = claim.body.claimId;
    expect(claim.headers.location).toBe(`/benefit-claims/${claimId}`);
  });

  it('commands that create nothing answer 200; ETag is "<revision>" and round-trips as If-Match', async () => {
    const before = await send('get', `/members/${memberId}`, 'clerk');
    expect(before.headers.etag).toBe(`"${before.body.revision}"`);
    const revised = await send(
      'post',
      `/members/${memberId}/remuneration-revisions`,
      'clerk',
      { effectiveFrom: '2025-09', kind: 'periodic', monthlyRemuneration: 320_000 },
      { 'If-Match': before.headers.etag! },
    );
    expect(revised.status).toBe(200);
    expect(revised.headers.location).toBeUndefined();
    expect(revised.headers.etag).toBe(`"${revised.body.revision}"`);
    const stale = await send(
      'post',
      `/members/${memberId}/card-linkage`,
      'clerk',
      { personId: 'insured', linkedOn: '2025-10-01' },
      { 'If-Match': before.headers.etag! },
    );
    expect(stale.status).toBe(409);

    const claim = await send('get', `/benefit-claims/${claimId}`, 'approver');
    expect(claim.headers.etag).toBe(`"${claim.body.revision}"`);
    const approved = await send('post', `/benefit-claims/${claimId}/approval`, 'approver', undefined, {
      'If-Match': claim.headers.etag!,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
  });

  it('asynchronous work answers 202 with the Location to poll', async () => {
    const run = await send('post', '/payout-runs', 'payment-operator');
    expect(run.status).toBe(202);
    expect(run.headers.location).toBe(`/payout-runs/${run.body.runId}`);
    expect((await send('get', run.headers.location!, 'payment-operator')).status).toBe(200);

    const rebuild = await send('post', '/admin/rebuilds', 'admin', { projection: 'member_search' });
    expect(rebuild.status).toBe(202);
    expect(rebuild.headers.location).toBe(`/admin/rebuilds/${rebuild.body.id}`);
    expect((await send('get', rebuild.headers.location!, 'admin')).status).toBe(200);

    const check = await send('post', '/compliance/rebuild-checks', 'compliance-officer', { projection: 'eligibility' });
    expect(check.status).toBe(202);
    expect(check.headers.location).toBe(`/compliance/rebuild-checks/${check.body.id}`);
    expect((await send('get', check.headers.location!, 'compliance-officer')).status).toBe(200);
  });

  it('every list answers {items, nextCursor} (null on the last page), the cursor an opaque string', async () => {
    // The approved claim's payout, scheduled by the reactor: a list with a stored view in it.
    for (let i = 0; i < 100 && (await send('get', '/payouts', 'payment-operator')).body.items.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lists: [string, Role][] = [
      ['/members?limit=1', 'clerk'],
      [`/benefit-claims?memberId=${memberId}&limit=1`, 'approver'],
      ['/payouts?limit=1', 'payment-operator'],
      ['/payout-runs?limit=1', 'payment-operator'],
      ['/admin/rebuilds', 'admin'],
      [`/compliance/members/${memberId}/events?limit=1`, 'compliance-officer'],
      ['/compliance/access-log?limit=1', 'compliance-officer'],
    ];
    for (const [url, role] of lists) {
      const res = await send('get', url, role);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect({ url, keys: Object.keys(res.body).sort() }).toEqual({ url, keys: ['items', 'nextCursor'] });
      expect(Array.isArray(res.body.items)).toBe(true);
      expect(res.body.nextCursor === null || typeof res.body.nextCursor === 'string').toBe(true);
    }
    const history = await send('get', `/compliance/members/${memberId}/events?limit=1`, 'compliance-officer');
    const next = await send(
      'get',
      `/compliance/members/${memberId}/events?limit=1&cursor=${encodeURIComponent(history.body.nextCursor)}`,
      'compliance-officer',
    );
    expect(next.body.items[0].position).toBeGreaterThan(history.body.items[0].position);
    const payouts = await send('get', '/payouts', 'payment-operator');
    expect(payouts.body.items).toHaveLength(1);
    expect((await send('get', `/payouts/${payouts.body.items[0].payoutId}`, 'payment-operator')).status).toBe(200);
  });

  it('no answer carries a storage field, and no ETag is a hash of the body', async () => {
    const runs = await send('get', '/payout-runs', 'payment-operator');
    expect(runs.headers.etag).toBeUndefined();
    const leaks = answers.flatMap(({ url, body }) => internalKeys(body).map((key) => `${url} ${key}`));
    expect(leaks).toEqual([]);
    expect(answers.length).toBeGreaterThan(15);
  });
});
