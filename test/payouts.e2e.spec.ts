import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
// Valid requests go through the typed client; supertest for the bodies the spec forbids and the queue dashboard
// (HTML, not part of the API's spec).
import request from 'supertest';
import { anonymousApi, type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import {
  approvedByRule,
  approvedClaim,
  burial,
  childbirth,
  claimAccount,
  eventually,
  instructionsPerPayout,
  parsedFile,
  transferFileBytes,
} from './support/payouts.js';

const RECORD = 120;
const FRAMED = RECORD + 2; // CRLF after each record (domain.md 8.4, the codec's default)
const account = (accountNumber: string, holderName: string): Schemas['PublicFundsAccountDto'] => ({
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary',
  accountNumber,
  holderName,
});

describe('payout runs over HTTP (issue 6, domain.md 7 and 8)', () => {
  let system: TestBackOffice;
  let operator: string;
  let clerk: string;
  let operatorApi: ApiClient;
  let clerkApi: ApiClient;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const members: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  const claims: Record<'a1' | 'a2' | 'b1' | 'c1', string> = { a1: '', a2: '', b1: '', c1: '' };
  let firstRun = '';

  // Polled while the reactor catches up: 404 until the payout is scheduled.
  const payout = async (payoutId: string) =>
    (await operatorApi.GET('/payouts/{payoutId}', { params: { path: { payoutId } } })).data;
  const runView = (runId: string) => operatorApi.GET('/payout-runs/{runId}', { params: { path: { runId } } });
  const startRun = async () => expectStatus(await operatorApi.POST('/payout-runs'), 202).data.runId;
  const finishedRun = (runId: string) =>
    eventually(async () => {
      const { data } = await runView(runId);
      // The view follows the log: a finished run ends final (created), empty or voided.
      const done =
        data?.job?.state === 'completed' && ['created', 'settled', 'nothing-to-pay', 'voided'].includes(data.status);
      return done && data.status !== 'pending' ? data : null;
    }, `run ${runId} to complete`);

  beforeAll(async () => {
    // A cron that never fires during the test, so only the operator's runs run.
    system = await startTestBackOffice({ PAYOUT_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    operator = await system.token('payment-operator');
    clerk = await system.token('clerk');
    [operatorApi, clerkApi] = [await apiAs(system, 'payment-operator'), await apiAs(system, 'clerk')];
    members.a = (await enroll(system, enrollment({ individualNumber: individualNumber(6001) }))).memberId;
    members.b = (
      await enroll(
        system,
        enrollment({ individualNumber: individualNumber(6002), name: '鈴木 花子', nameKana: 'スズキ ハナコ' }),
      )
    ).memberId;
    members.c = (
      await enroll(
        system,
        enrollment({ individualNumber: individualNumber(6003), name: '佐藤 次郎', nameKana: 'サトウ ジロウ' }),
      )
    ).memberId;
    expectStatus(
      await clerkApi.PUT('/members/{memberId}/public-funds-account', {
        params: { path: { memberId: members.a } },
        body: account('1111111', 'ヤマダ タロウ'),
      }),
      200,
    );
    claims.a1 = await approvedClaim(system.events, members.a, childbirth(), { method: 'public-funds' });
    claims.a2 = await approvedByRule(system.events, members.a, 12_345);
    claims.b1 = await approvedClaim(system.events, members.b, burial(), claimAccount);
    // Opted into public funds with none registered yet: the payout waits for an account (issue 13.4).
    claims.c1 = await approvedByRule(system.events, members.c, 500_000);
    await eventually(async () => (await payout(claims.c1))?.status === 'held', 'the payouts to be scheduled');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 8.1-8.4: a run writes one Zengin file: 120-byte records + CRLF, kinds 1/2/8/9, trailer count and total match', async () => {
    firstRun = await startRun();
    expect(firstRun).toMatch(/^run-\d{8}-\d{4}-[0-9a-f]{8}$/);
    const run = await finishedRun(firstRun);
    expect(run).toMatchObject({ status: 'created', count: 3, total: 500_000 + 12_345 + 50_000, instructed: 3 });

    const { bytes, sha256 } = await transferFileBytes(operatorApi, firstRun);
    expect(bytes.length).toBe(6 * FRAMED);
    const records = Array.from({ length: 6 }, (_, i) => bytes.subarray(i * FRAMED, i * FRAMED + RECORD));
    for (let i = 0; i < 6; i++)
      expect(bytes.subarray(i * FRAMED + RECORD, (i + 1) * FRAMED).toString('latin1')).toBe('\r\n');
    expect(records.map((r) => r.toString('latin1', 0, 1))).toEqual(['1', '2', '2', '2', '8', '9']);
    expect(records[0]!.toString('latin1', 1, 3)).toBe('21');
    const amounts = records.slice(1, 4).map((r) => Number(r.toString('latin1', 80, 90)));
    const trailer = records[4]!;
    expect(Number(trailer.toString('latin1', 1, 7))).toBe(3);
    expect(Number(trailer.toString('latin1', 7, 19))).toBe(amounts.reduce((a, b) => a + b, 0));
    expect(amounts.sort((a, b) => a - b)).toEqual([12_345, 50_000, 500_000]);
    // The bytes are those recorded in TransferBatchCreated.
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(run.sha256);
    expect(sha256).toBe(run.sha256);

    const parsed = parsedFile(bytes);
    const byAmount = new Map(parsed.records.map((r) => [r.amount, r]));
    expect(byAmount.get(500_000)).toMatchObject({ bankCode: '0001', accountNumber: '1111111', holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ' });
    expect(byAmount.get(12_345)).toMatchObject({ accountNumber: '1111111' });
    // domain.md 7: without the opt-in the account written on the claim is used, its holder name in Zengin kana.
    expect(byAmount.get(50_000)).toMatchObject({
      bankCode: '0005',
      branchCode: '123',
      accountType: 'savings',
      accountNumber: '7654321',
      holderName: 'ｽｽﾞｷ ﾊﾅｺ',
    });
  });

  it('architecture.md 6: the payout without any account is held and listed for clerks; clerks see held payouts only', async () => {
    const held = expectStatus(await clerkApi.GET('/payouts', { params: { query: { status: 'held' } } }), 200).data;
    expect(held.items.map((p) => p.payoutId)).toEqual([claims.c1]);
    expect(held.items[0]).toMatchObject({
      memberId: members.c,
      amount: 500_000,
      hold: { reason: 'public_funds_account_missing' },
    });
    expectProblem(await clerkApi.GET('/payouts', { params: { query: { status: 'due' } } }), 403);
    for (const id of [claims.a1, claims.a2, claims.b1])
      expect(await payout(id)).toMatchObject({ status: 'instructed', runId: firstRun });
  });

  it('issue 13.2: a clerk gives the held payout an account (PUT /payouts/{id}/account), which releases it; a second run pays only that one', async () => {
    // An account the member registers afterwards does not redirect (or release) the payout.
    expectStatus(
      await clerkApi.PUT('/members/{memberId}/public-funds-account', {
        params: { path: { memberId: members.c } },
        body: account('9999999', 'サトウ ジロウ'),
      }),
      200,
    );
    const { data: held } = await clerkApi.GET('/payouts', { params: { query: { status: 'held' } } });
    const revision = held!.items[0]!.revision;
    const put = (body: Schemas['PayoutAccountDto'], api = clerkApi, ifMatch = revision) =>
      api.PUT('/payouts/{payoutId}/account', {
        params: { path: { payoutId: claims.c1 }, header: { 'If-Match': `"${ifMatch}"` } },
        body,
      });
    const body = { ...account('3333333', 'サトウ ジロウ'), reason: 'account given on the phone by the member' };
    expectProblem(await put(body, operatorApi), 403);
    const short = expectProblem(await put({ ...body, accountNumber: '12' }), 400);
    expect(short.error.violations![0]!.field).toBe('accountNumber');
    // Without the required reason: a body the spec forbids, sent raw.
    const noReason = await request(system.http)
      .put(`/payouts/${claims.c1}/account`)
      .set(as(clerk))
      .set('If-Match', `"${revision}"`)
      .send({ ...body, reason: undefined })
      .expect(400);
    expect(noReason.body.violations[0].field).toBe('reason');
    expectProblem(await put(body, clerkApi, revision - 1), 409);
    const given = expectStatus(await put(body), 200);
    expect(given.data).toMatchObject({ events: ['PayoutAccountReplaced', 'PayoutReleased'], status: 'due' });
    expect(given.response.headers.get('etag')).toBe(`"${given.data.revision}"`);
    // Only a held payout's account can be replaced: a due one is paid to the account it has.
    const notHeld = expectProblem(await put(body, clerkApi, given.data.revision), 422);
    expect(notHeld.error.violations![0]!.rule).toBe('payout_not_held');
    await eventually(async () => (await payout(claims.c1))?.status === 'due', 'the held payout to be released');
    expect(await payout(claims.c1)).toMatchObject({
      accountSource: 'clerk',
      account: { accountNumber: '***3333' },
      accountReplaced: { reason: 'account given on the phone by the member', by: 'clerk-1' },
    });
    const params = { header: { 'Idempotency-Key': 'second-run-of-the-day' } };
    const first = expectStatus(await operatorApi.POST('/payout-runs', { params }), 202).data;
    const again = expectStatus(await operatorApi.POST('/payout-runs', { params }), 202).data;
    expect(again.runId).toBe(first.runId);
    const run = await finishedRun(first.runId);
    expect(run).toMatchObject({ count: 1, total: 500_000, instructed: 1 });
    const parsed = parsedFile((await transferFileBytes(operatorApi, first.runId)).bytes);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]).toMatchObject({ accountNumber: '3333333', holderName: 'ｻﾄｳ ｼﾞﾛｳ', amount: 500_000 });

    const instructed = await instructionsPerPayout(system.events);
    expect([...instructed.values()].every((runs) => runs.length === 1)).toBe(true);
    expect(instructed.size).toBe(4);
  });

  it('a run with nothing due writes no file and records "nothing to pay"', async () => {
    const runId = await startRun();
    const run = await finishedRun(runId);
    expect(run).toMatchObject({ status: 'nothing-to-pay', count: 0, fileName: null });
    expectProblem(await operatorApi.GET('/payout-runs/{runId}/transfer-file', { params: { path: { runId } } }), 404);
    const list = expectStatus(await operatorApi.GET('/payout-runs'), 200).data;
    expect(list.items.map((r) => r.runId)).toEqual(expect.arrayContaining([firstRun, runId]));
  });

  it('bank results: accepted → settled; returned → held with the reason code; the batch settles', async () => {
    const path = { runId: firstRun };
    const res = await operatorApi.POST('/payout-runs/{runId}/bank-results', {
      params: { path },
      body: {
        results: [
          { recordIndex: 0, outcome: 'accepted' },
          { recordIndex: 1, outcome: 'accepted' },
          { recordIndex: 2, outcome: 'returned', reasonCode: '01' },
        ],
      },
    });
    expect(expectStatus(res, 200).data).toMatchObject({ recorded: 3, settled: true });
    const run = expectStatus(await runView(firstRun), 200).data;
    const order = [claims.a1, claims.a2, claims.b1].map(async (id) => [id, (await payout(id))?.recordIndex] as const);
    const byIndex = new Map((await Promise.all(order)).map(([id, index]) => [index, id]));
    const returned = byIndex.get(2)!;
    await eventually(async () => (await payout(returned))?.status === 'held', 'the returned payout to be held');
    expect(await payout(returned)).toMatchObject({
      hold: { reason: 'returned' },
      returns: [{ runId: firstRun, reasonCode: '01' }],
    });
    await eventually(async () => (await payout(byIndex.get(0)!))?.status === 'settled', 'settlement');
    expect((await payout(byIndex.get(1)!))?.status).toBe('settled');
    await eventually(async () => {
      const view = expectStatus(await runView(firstRun), 200).data;
      return view.status === 'settled' && view.accepted === 2 && view.returned === 1;
    }, 'the run view to settle');
    expect(run.runId).toBe(firstRun);
    // A result for a record that is not in the file is refused, naming the field.
    const bad = await operatorApi.POST('/payout-runs/{runId}/bank-results', {
      params: { path },
      body: { results: [{ recordIndex: 9, outcome: 'accepted' }] },
    });
    expect(expectProblem(bad, 400).error.violations![0]!.field).toBe('results[0].recordIndex');
  });

  it('roles: only operators start runs; the queue dashboard needs an operator token (401/403)', async () => {
    expectProblem(await clerkApi.POST('/payout-runs'), 403);
    expectProblem(await (await anonymousApi(system)).POST('/payout-runs'), 401);
    await request(system.http).get('/queues').expect(401);
    await request(system.http).get('/queues').set(as(clerk)).expect(403);
    const board = await request(system.http).get('/queues').set(as(operator)).expect(200);
    expect(board.text).toContain('<html');
    const api = await request(system.http)
      .get('/queues/api/queues')
      .query({ activeQueue: 'payout-runs', page: 1 })
      .set(as(operator))
      .expect(200);
    expect(JSON.stringify(api.body)).toContain('payout-runs');
  });
});
