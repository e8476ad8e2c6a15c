import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { addDays, japanDateOf } from '@kenpo/kernel';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { registerPublicFundsAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { approvedByRule, eventually, parsedFile, transferFileBytes } from './support/payouts.js';

const today = () => japanDateOf(new Date());
const grant = (daysAgo: number) => ({
  kind: 'childbirth-grant',
  birthDate: addDays(today(), -daysAgo),
  numberOfBabies: 1,
  obstetricCompensation: true,
});

/** 返納金 over HTTP (issue 13.6): recorded on a paid claim, kept back from the payee's next payout, tracked until repaid. */
describe('recoveries offset against later payouts (issue 13.6)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let approver: string;
  let operator: string;
  let officer: string;
  let memberId = '';
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const claim = async (daysAgo: number) => {
    const submitted = await request(system.http)
      .post(`/members/${memberId}/benefit-claims`)
      .set(as(clerk))
      .send({ personId: 'insured', benefit: grant(daysAgo), payment: { method: 'public-funds' } })
      .expect(201);
    await request(system.http).post(`/benefit-claims/${submitted.body.claimId}/approval`).set(as(approver)).expect(200);
    return submitted.body.claimId as string;
  };
  const payout = async (id: string) => (await request(system.http).get(`/payouts/${id}`).set(as(operator))).body;
  const recovery = async (id: string) => (await request(system.http).get(`/recoveries/${id}`).set(as(operator))).body;
  const run = async () => {
    const runId = (await request(system.http).post('/payout-runs').set(as(operator)).expect(202)).body.runId as string;
    return eventually(async () => {
      const res = await request(system.http).get(`/payout-runs/${runId}`).set(as(operator));
      const done = res.body.job?.state === 'completed' && ['created', 'nothing-to-pay'].includes(res.body.status);
      return done ? res.body : null;
    }, `run ${runId}`);
  };
  const record = (claimId: string, body: Record<string, unknown>, token = approver) =>
    request(system.http).post(`/benefit-claims/${claimId}/recoveries`).set(as(token)).send(body);

  beforeAll(async () => {
    system = await startTestBackOffice({ PAYOUT_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    [clerk, approver, operator, officer] = await Promise.all(
      (['clerk', 'approver', 'payment-operator', 'compliance-officer'] as const).map((r) => system.token(r)),
    );
    memberId = (
      await enroll(system, enrollment({ individualNumber: individualNumber(13_600), acquisitionDate: '2024-04-01' }))
    ).memberId;
    await registerPublicFundsAccount(system, memberId, '1212121');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('a recovery on a paid claim is kept back from the same payee’s next payout: the Zengin file pays the rest', async () => {
    const paid = await claim(300);
    await eventually(async () => (await payout(paid)).status === 'due', 'the first payout');
    await run();
    expect(await payout(paid)).toMatchObject({ status: 'instructed', paidAmount: 500_000 });

    await record(paid, { amount: 120_000, reason: 'found-wrong' }, clerk).expect(403);
    expect((await record(paid, { amount: 0, reason: 'x' }).expect(400)).body.violations[0].field).toBe('amount');
    expect((await record(paid, { amount: 500_001, reason: 'x' }).expect(422)).body.violations[0].rule).toBe(
      'within_approved',
    );
    const recorded = await record(paid, { amount: 120_000, reason: 'found-wrong', detail: 'twins were one baby' })
      .set('Idempotency-Key', 'recovery-of-the-first-claim')
      .expect(201);
    expect(recorded.headers.location).toBe(`/recoveries/${recorded.body.recoveryId}`);
    const { recoveryId } = recorded.body as { recoveryId: string };
    expect(
      await eventually(
        async () => (await recovery(recoveryId)).status === 'outstanding' && recovery(recoveryId),
        'the recovery',
      ),
    ).toMatchObject({ claimId: paid, memberId, amount: 120_000, outstanding: 120_000, recordedBy: 'approver-1' });

    const next = await claim(10);
    await eventually(async () => (await payout(next)).status === 'due', 'the next payout');
    const done = await run();
    expect(done).toMatchObject({ count: 1, total: 380_000, offsetTotal: 120_000 });
    const records = parsedFile((await transferFileBytes(system.http, operator, done.runId)).bytes).records;
    expect(records).toEqual([expect.objectContaining({ accountNumber: '1212121', amount: 380_000 })]);
    expect(await payout(next)).toMatchObject({
      amount: 500_000,
      paidAmount: 380_000,
      offsets: [{ recoveryId, amount: 120_000 }],
    });
    await eventually(async () => (await recovery(recoveryId)).status === 'recovered', 'the recovery to be recovered');
    expect(await recovery(recoveryId)).toMatchObject({
      outstanding: 0,
      offsets: [{ runId: done.runId, payoutId: next, amount: 120_000 }],
    });
    const listed = await request(system.http).get('/recoveries').query({ memberId }).set(as(clerk)).expect(200);
    expect(listed.body.items.map((r: { recoveryId: string }) => r.recoveryId)).toEqual([recoveryId]);
  });

  it('a recovery larger than the next payout settles it without a transfer; the rest is tracked until repaid', async () => {
    const wrong = await claim(200);
    await eventually(async () => (await payout(wrong)).status === 'due', 'the payout');
    await run();
    const { recoveryId } = (await record(wrong, { amount: 500_000, reason: 'not-insured-event' }).expect(201)).body;
    await eventually(async () => (await recovery(recoveryId)).outstanding === 500_000, 'the recovery');
    const small = await approvedByRule(system.events, memberId, 12_345);
    await eventually(async () => (await payout(small)).status === 'due', 'the small payout');
    const done = await run();
    expect(done).toMatchObject({ status: 'created', count: 0, fileName: null, offsetSettled: 1, offsetTotal: 12_345 });
    await request(system.http).get(`/payout-runs/${done.runId}/transfer-file`).set(as(operator)).expect(404);
    expect(await payout(small)).toMatchObject({
      status: 'settled',
      paidAmount: 0,
      offsets: [{ recoveryId, amount: 12_345 }],
    });
    await eventually(async () => (await recovery(recoveryId)).outstanding === 500_000 - 12_345, 'the offset');

    const repay = (amount: number, ifMatch?: number) => {
      const req = request(system.http).post(`/recoveries/${recoveryId}/repayments`).set(as(operator));
      return (ifMatch === undefined ? req : req.set('If-Match', `"${ifMatch}"`)).send({
        amount,
        note: 'bank transfer',
      });
    };
    await request(system.http)
      .post(`/recoveries/${recoveryId}/repayments`)
      .set(as(clerk))
      .send({ amount: 1 })
      .expect(403);
    expect((await repay(500_000).expect(422)).body.violations[0].rule).toBe('within_outstanding');
    const { revision } = await recovery(recoveryId);
    await repay(1, revision - 1).expect(409);
    expect((await repay(487_655, revision).expect(200)).body).toMatchObject({
      outstanding: 0,
      events: ['RecoveryRepaid'],
    });
    await eventually(async () => (await recovery(recoveryId)).status === 'recovered', 'the repayment');
  });

  it('the member’s history and the compliance export show each recovery, its offsets and repayments', async () => {
    const history = await request(system.http)
      .get(`/compliance/members/${memberId}/events`)
      .query({ limit: 1000 })
      .set(as(officer))
      .expect(200);
    const types = history.body.items.map((e: { type: string }) => e.type);
    for (const type of [
      'ClaimRecoveryRecorded',
      'RecoveryOpened',
      'RecoveryOffset',
      'RecoveryRepaid',
      'PayoutSettledByOffset',
    ])
      expect(types).toContain(type);
    const recorded = history.body.items.find((e: { type: string }) => e.type === 'ClaimRecoveryRecorded');
    expect(recorded).toMatchObject({ actor: 'approver-1', role: 'approver', data: { amount: 120_000 } });
    const exported = await request(system.http)
      .get('/compliance/exports')
      .query({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })
      .set(as(officer))
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk));
        res.on('end', () => callback(null, text));
      })
      .expect(200);
    const lines = String(exported.body)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(lines.filter((e) => e.type === 'RecoveryOffset')).toHaveLength(2);
  });
});
