import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, japanDateOf } from '@kenpo/kernel';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { approveClaim, registerPublicFundsAccount, submitClaim } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { approvedByRule, eventually, parsedFile, runPayoutsToEnd, transferFileBytes } from './support/payouts.js';

const today = () => japanDateOf(new Date());
const grant = (daysAgo: number): Schemas['ChildbirthGrantDto'] => ({
  kind: 'childbirth-grant',
  birthDate: addDays(today(), -daysAgo),
  numberOfBabies: 1,
  obstetricCompensation: true,
});

/** 返納金 over HTTP (issue 13.6): recorded on a paid claim, kept back from the payee's next payout, tracked until repaid. */
describe('recoveries offset against later payouts (issue 13.6)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let approver: ApiClient;
  let operator: ApiClient;
  let officer: ApiClient;
  let memberId = '';
  const claim = async (daysAgo: number) => {
    const claimId = await submitClaim(clerk, memberId, {
      personId: 'insured',
      benefit: grant(daysAgo),
      payment: { method: 'public-funds' },
    });
    await approveClaim(approver, claimId);
    return claimId;
  };
  // Polled while the reactor catches up: no data until the payout or recovery is projected.
  const payout = async (payoutId: string) =>
    (await operator.GET('/payouts/{payoutId}', { params: { path: { payoutId } } })).data;
  const recovery = async (recoveryId: string) =>
    (await operator.GET('/recoveries/{recoveryId}', { params: { path: { recoveryId } } })).data;
  const run = () => runPayoutsToEnd(operator);
  const record = (claimId: string, body: Schemas['RecoveryDto'], api = approver, idempotencyKey?: string) =>
    api.POST('/benefit-claims/{claimId}/recoveries', {
      params: { path: { claimId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    });

  beforeAll(async () => {
    system = await startTestBackOffice({
      PAYOUT_CRON: '0 0 1 1 *',
      RATE_LIMIT_PER_MINUTE: '0',
      // One payout per chunk: a run decides each chunk while the one before it commits (the last test).
      PAYOUT_INSTRUCT_BATCH: '1',
    });
    [clerk, approver, operator, officer] = await Promise.all(
      (['clerk', 'approver', 'payment-operator', 'compliance-officer'] as const).map((r) => apiAs(system, r)),
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
    await eventually(async () => (await payout(paid))?.status === 'due', 'the first payout');
    await run();
    expect(await payout(paid)).toMatchObject({ status: 'instructed', paidAmount: 500_000 });

    expectProblem(await record(paid, { amount: 120_000, reason: 'found-wrong' }, clerk), 403);
    const zero = expectProblem(await record(paid, { amount: 0, reason: 'x' }), 400);
    expect(zero.error.violations![0]!.field).toBe('amount');
    const tooMuch = expectProblem(await record(paid, { amount: 500_001, reason: 'x' }), 422);
    expect(tooMuch.error.violations![0]!.rule).toBe('within_approved');
    const recorded = expectStatus(
      await record(
        paid,
        { amount: 120_000, reason: 'found-wrong', detail: 'twins were one baby' },
        approver,
        'recovery-of-the-first-claim',
      ),
      201,
    );
    expect(recorded.response.headers.get('location')).toBe(`/recoveries/${recorded.data.recoveryId}`);
    const { recoveryId } = recorded.data;
    expect(
      await eventually(
        async () => (await recovery(recoveryId))?.status === 'outstanding' && recovery(recoveryId),
        'the recovery',
      ),
    ).toMatchObject({ claimId: paid, memberId, amount: 120_000, outstanding: 120_000, recordedBy: 'approver-1' });

    const next = await claim(10);
    await eventually(async () => (await payout(next))?.status === 'due', 'the next payout');
    const done = await run();
    expect(done).toMatchObject({ count: 1, total: 380_000, offsetTotal: 120_000 });
    const records = parsedFile((await transferFileBytes(operator, done.runId)).bytes).records;
    expect(records).toEqual([expect.objectContaining({ accountNumber: '1212121', amount: 380_000 })]);
    expect(await payout(next)).toMatchObject({
      amount: 500_000,
      paidAmount: 380_000,
      offsets: [{ recoveryId, amount: 120_000 }],
    });
    await eventually(async () => (await recovery(recoveryId))?.status === 'recovered', 'the recovery to be recovered');
    expect(await recovery(recoveryId)).toMatchObject({
      outstanding: 0,
      offsets: [{ runId: done.runId, payoutId: next, amount: 120_000 }],
    });
    const listed = expectStatus(await clerk.GET('/recoveries', { params: { query: { memberId } } }), 200).data;
    expect(listed.items.map((r) => r.recoveryId)).toEqual([recoveryId]);
  });

  it('a recovery larger than the next payout settles it without a transfer; the rest is tracked until repaid', async () => {
    const wrong = await claim(200);
    await eventually(async () => (await payout(wrong))?.status === 'due', 'the payout');
    await run();
    const { recoveryId } = expectStatus(
      await record(wrong, { amount: 500_000, reason: 'not-insured-event' }),
      201,
    ).data;
    await eventually(async () => (await recovery(recoveryId))?.outstanding === 500_000, 'the recovery');
    const small = await approvedByRule(system.events, memberId, 12_345);
    await eventually(async () => (await payout(small))?.status === 'due', 'the small payout');
    const done = await run();
    expect(done).toMatchObject({ status: 'created', count: 0, fileName: null, offsetSettled: 1, offsetTotal: 12_345 });
    const file = await operator.GET('/payout-runs/{runId}/transfer-file', { params: { path: { runId: done.runId } } });
    expectProblem(file, 404);
    expect(await payout(small)).toMatchObject({
      status: 'settled',
      paidAmount: 0,
      offsets: [{ recoveryId, amount: 12_345 }],
    });
    await eventually(async () => (await recovery(recoveryId))?.outstanding === 500_000 - 12_345, 'the offset');

    const repay = (amount: number, ifMatch?: number) =>
      operator.POST('/recoveries/{recoveryId}/repayments', {
        params: {
          path: { recoveryId },
          header: { 'If-Match': ifMatch === undefined ? undefined : `"${ifMatch}"` },
        },
        body: { amount, note: 'bank transfer' },
      });
    const byClerk = await clerk.POST('/recoveries/{recoveryId}/repayments', {
      params: { path: { recoveryId } },
      body: { amount: 1 },
    });
    expectProblem(byClerk, 403);
    expect(expectProblem(await repay(500_000), 422).error.violations![0]!.rule).toBe('within_outstanding');
    const { revision } = (await recovery(recoveryId))!;
    expectProblem(await repay(1, revision - 1), 409);
    expect(expectStatus(await repay(487_655, revision), 200).data).toMatchObject({
      outstanding: 0,
      events: ['RecoveryRepaid'],
    });
    await eventually(async () => (await recovery(recoveryId))?.status === 'recovered', 'the repayment');
  });

  it('the member’s history and the compliance export show each recovery, its offsets and repayments', async () => {
    const history = expectStatus(
      await officer.GET('/compliance/members/{memberId}/events', {
        params: { path: { memberId }, query: { limit: 1000 } },
      }),
      200,
    ).data;
    const types = history.items.map((e) => e.type);
    for (const type of [
      'ClaimRecoveryRecorded',
      'RecoveryOpened',
      'RecoveryOffset',
      'RecoveryRepaid',
      'PayoutSettledByOffset',
    ])
      expect(types).toContain(type);
    const recorded = history.items.find((e) => e.type === 'ClaimRecoveryRecorded');
    expect(recorded).toMatchObject({ actor: 'approver-1', role: 'approver', data: { amount: 120_000 } });
    const exported = await officer.GET('/compliance/exports', {
      params: { query: { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' } },
      parseAs: 'text',
    });
    const lines = expectStatus(exported, 200)
      .data.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(lines.filter((e) => e.type === 'RecoveryOffset')).toHaveLength(2);
  });

  it('one recovery kept back from two payouts of a run, in chunks decided while the one before commits', async () => {
    const paid = await approvedByRule(system.events, memberId, 500_000);
    await eventually(async () => (await payout(paid))?.status === 'due', 'the payout');
    await run();
    const { recoveryId } = expectStatus(await record(paid, { amount: 500_000, reason: 'not-insured-event' }), 201).data;
    await eventually(async () => (await recovery(recoveryId))?.outstanding === 500_000, 'the recovery');
    const payouts = [
      await approvedByRule(system.events, memberId, 100_000),
      await approvedByRule(system.events, memberId, 450_000),
    ];
    for (const id of payouts) await eventually(async () => (await payout(id))?.status === 'due', 'the payouts');

    // Whichever payout the recovery takes first, one is settled by it and the other pays 50,000 yen.
    const done = await run();
    expect(done).toMatchObject({ status: 'created', count: 1, total: 50_000, offsetSettled: 1, offsetTotal: 500_000 });
    const records = parsedFile((await transferFileBytes(operator, done.runId)).bytes).records;
    expect(records).toEqual([expect.objectContaining({ accountNumber: '1212121', amount: 50_000 })]);
    const views = await Promise.all(payouts.map(payout));
    expect(views.map((v) => v!.status).sort()).toEqual(['instructed', 'settled']);
    expect(views.reduce((sum, v) => sum + v!.amount - v!.paidAmount!, 0)).toBe(500_000);
    await eventually(async () => (await recovery(recoveryId))?.status === 'recovered', 'the recovery to be recovered');
    const offsets = (await recovery(recoveryId))!.offsets;
    expect(offsets.map((o) => o.payoutId).sort()).toEqual([...payouts].sort());
    expect(offsets.every((o) => o.runId === done.runId)).toBe(true);
    expect(offsets.reduce((sum, o) => sum + o.amount, 0)).toBe(500_000);
  });
});
