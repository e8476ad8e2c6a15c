import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Role } from '@kenpo/kernel';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { childbirth, eventually } from './support/payouts.js';

const READ_MODELS = ['member_summary', 'member_search', 'eligibility', 'benefit_claims', 'payouts', 'payout-runs'];

describe('rebuild and rebuild check for every read model (issue 15.6)', () => {
  let system: TestBackOffice;
  const as = async (role: Role) => ({ authorization: `Bearer ${await system.token(role)}` });
  let seed = 15_600;

  /** A member with an approved childbirth grant: the reactor schedules its payout. */
  async function approvedClaim(): Promise<{ memberId: string; claimId: string }> {
    const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(seed++) }));
    const submitted = await request(system.http)
      .post(`/members/${memberId}/benefit-claims`)
      .set(await as('clerk'))
      .send({ personId: 'insured', benefit: childbirth(), payment: { method: 'account', account: claimAccount } })
      .expect(201);
    const claimId = submitted.body.claimId as string;
    await request(system.http)
      .post(`/benefit-claims/${claimId}/approval`)
      .set(await as('approver'))
      .expect(200);
    return { memberId, claimId };
  }

  const payoutOf = (claimId: string) =>
    eventually(async () => {
      const res = await request(system.http)
        .get(`/payouts/${claimId}`)
        .set(await as('payment-operator'));
      return res.status === 200 ? res.body : null;
    }, `the payout of claim ${claimId}`);

  /** Starts background work on a read model (202 + Location) and polls the Location until it has finished. */
  async function finished(url: string, role: Role, projection: string) {
    const started = await request(system.http)
      .post(url)
      .set(await as(role))
      .send({ projection })
      .expect(202);
    return eventually(async () => {
      const res = await request(system.http)
        .get(started.headers.location!)
        .set(await as(role));
      return res.body.state === 'running' || res.body.status === 'running' ? null : res.body;
    }, `${url} of ${projection}`);
  }
  const rebuild = (projection: string) => finished('/admin/rebuilds', 'admin', projection);
  const check = (projection: string) => finished('/compliance/rebuild-checks', 'compliance-officer', projection);

  beforeAll(async () => {
    system = await startTestBackOffice({ PAYOUT_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    const { claimId } = await approvedClaim();
    await payoutOf(claimId);
    const run = await request(system.http)
      .post('/payout-runs')
      .set(await as('payment-operator'))
      .expect(202);
    await eventually(async () => {
      const res = await request(system.http)
        .get(run.headers.location!)
        .set(await as('payment-operator'));
      return res.body.job?.state === 'completed' && res.body.status === 'created';
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
      expect(job.result.events).toBeGreaterThan(0);
      const result = await check(projection);
      expect({ projection, status: result.status }).toEqual({ projection, status: 'passed' });
      expect(result.compared).toBeGreaterThan(0);
    }
  });

  it('after the switch the live runners write into the rebuilt versions: a new claim and payout are listed and check equal', async () => {
    const { memberId, claimId } = await approvedClaim();
    const payout = await payoutOf(claimId);
    expect(payout).toMatchObject({ claimId, memberId, status: 'due' });
    const claims = await request(system.http)
      .get('/benefit-claims')
      .query({ memberId })
      .set(await as('approver'))
      .set('X-Min-Position', String((await system.events.headPosition()) ?? 0))
      .expect(200);
    expect(claims.body.items.map((c: { claimId: string }) => c.claimId)).toEqual([claimId]);
    for (const projection of ['benefit_claims', 'payouts', 'member_summary']) {
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
