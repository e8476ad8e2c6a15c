import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest only for a projection name the spec's enum forbids.
import request from 'supertest';
import type { Role } from '@kenpo/kernel';
import { type ApiClient, apiAs, expectStatus, type Schemas } from './support/api.js';
import { approveClaim, submitClaim } from './support/claims.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { childbirth, eventually } from './support/payouts.js';

type ReadModel = Schemas['ReadModelDto']['projection'];
const READ_MODELS: ReadModel[] = [
  'member_summary',
  'member_search',
  'eligibility',
  'benefit_claims',
  'payouts',
  'payout-runs',
];

describe('rebuild and rebuild check for every read model (issue 15.6)', () => {
  let system: TestBackOffice;
  const as = async (role: Role) => ({ authorization: `Bearer ${await system.token(role)}` });
  const api = {} as Record<'clerk' | 'approver' | 'payment-operator' | 'admin' | 'compliance-officer', ApiClient>;
  let seed = 15_600;

  /** A member with an approved childbirth grant: the reactor schedules its payout. */
  async function approvedClaim(): Promise<{ memberId: string; claimId: string }> {
    const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(seed++) }));
    const claimId = await submitClaim(api.clerk, memberId, {
      personId: 'insured',
      benefit: childbirth() as Schemas['ChildbirthGrantDto'],
      payment: { method: 'account', account: claimAccount },
    });
    await approveClaim(api.approver, claimId);
    return { memberId, claimId };
  }

  const payoutOf = (payoutId: string) =>
    eventually(
      async () => (await api['payment-operator'].GET('/payouts/{payoutId}', { params: { path: { payoutId } } })).data,
      `the payout of claim ${payoutId}`,
    );

  /** A rebuild (202 + Location), polled at its Location until it has finished. */
  async function rebuild(projection: ReadModel) {
    const started = expectStatus(await api.admin.POST('/admin/rebuilds', { body: { projection } }), 202);
    expect(started.response.headers.get('location')).toBe(`/admin/rebuilds/${started.data.id}`);
    return eventually(async () => {
      const res = await api.admin.GET('/admin/rebuilds/{id}', { params: { path: { id: started.data.id } } });
      return res.data?.state === 'running' ? null : res.data;
    }, `rebuild of ${projection}`);
  }
  /** A rebuild check (202 + Location), polled at its Location until it has finished. */
  async function check(projection: ReadModel) {
    const officer = api['compliance-officer'];
    const started = expectStatus(await officer.POST('/compliance/rebuild-checks', { body: { projection } }), 202);
    expect(started.response.headers.get('location')).toBe(`/compliance/rebuild-checks/${started.data.id}`);
    return eventually(async () => {
      const res = await officer.GET('/compliance/rebuild-checks/{id}', { params: { path: { id: started.data.id } } });
      return res.data?.status === 'running' ? null : res.data;
    }, `rebuild check of ${projection}`);
  }

  beforeAll(async () => {
    system = await startTestBackOffice({ PAYOUT_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    for (const role of ['clerk', 'approver', 'payment-operator', 'admin', 'compliance-officer'] as const)
      api[role] = await apiAs(system, role);
    const { claimId } = await approvedClaim();
    await payoutOf(claimId);
    const operator = api['payment-operator'];
    const { runId } = expectStatus(await operator.POST('/payout-runs'), 202).data;
    await eventually(async () => {
      const { data } = await operator.GET('/payout-runs/{runId}', { params: { path: { runId } } });
      return data?.job?.state === 'completed' && data.status === 'created';
    }, 'the payout run');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('every read model rebuilds into a new version and then checks equal to a replay of the log', async () => {
    for (const projection of READ_MODELS) {
      const job = await rebuild(projection);
      expect({ projection, state: job.state, version: job.result?.version }).toEqual({
        projection,
        state: 'succeeded',
        version: 2,
      });
      expect(job.result!.events).toBeGreaterThan(0);
      const result = await check(projection);
      expect({ projection, status: result.status }).toEqual({ projection, status: 'passed' });
      expect(result.compared).toBeGreaterThan(0);
    }
  });

  it('after the switch the live runners write into the rebuilt versions: a new claim and payout are listed and check equal', async () => {
    const { memberId, claimId } = await approvedClaim();
    const payout = await payoutOf(claimId);
    expect(payout).toMatchObject({ claimId, memberId, status: 'due' });
    const claims = await api.approver.GET('/benefit-claims', {
      params: {
        query: { memberId },
        header: { 'X-Min-Position': String((await system.events.headPosition()) ?? 0) },
      },
    });
    expect(expectStatus(claims, 200).data.items.map((c) => c.claimId)).toEqual([claimId]);
    for (const projection of ['benefit_claims', 'payouts', 'member_summary'] as const) {
      expect({ projection, status: (await check(projection)).status }).toEqual({ projection, status: 'passed' });
    }
  });

  it('an unknown read model answers 400 with one code on both endpoints, naming the known ones', async () => {
    const rebuilt = await request(system.http)
      .post('/admin/rebuilds')
      .set(await as('admin'))
      .send({ projection: 'nope' })
      .expect(400);
    const checked = await request(system.http)
      .post('/compliance/rebuild-checks')
      .set(await as('compliance-officer'))
      .send({ projection: 'nope' })
      .expect(400);
    for (const res of [rebuilt, checked]) {
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('unknown_projection');
      expect(res.body.violations).toEqual([expect.objectContaining({ field: 'projection', rule: 'known_projection' })]);
      for (const name of READ_MODELS) expect(res.body.violations[0].message).toContain(name);
    }
  });
});
