import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { approveClaim, claimAccount, submitClaim } from './support/claims.js';
import { dependant, enrollment, eventCount, individualNumber } from './support/members.js';

const INSURER = '06139992';

/** Issue 12 item 5: name and address changes, and 取消 of wrongly recorded facts, over HTTP. */
describe('member maintenance and corrections (issue 12.5, domain.md 3.1, 6.5)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let officer: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  let seed = 12_500;

  const send = (path: string, body: Record<string, unknown>) =>
    request(system.http).post(path).set(as(clerk)).send(body);
  async function post(path: string, body: Record<string, unknown>) {
    const res = await send(path, body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { memberId: string; dependantId?: string; events: string[] };
  }
  const enrollOne = (overrides: Record<string, unknown> = {}) =>
    post('/members', enrollment({ individualNumber: individualNumber(seed++), symbol: '7500', ...overrides }));
  const summary = async (memberId: string) =>
    (await request(system.http).get(`/members/${memberId}`).set(as(clerk)).expect(200)).body;
  const eligibility = (symbol: string, number: string, branch: string, date: string) =>
    request(system.http)
      .get('/eligibility')
      .set(as(clerk))
      .query({ insurerNumber: INSURER, symbol, number, branch, date });
  async function covered(memberId: string, branch: string, date: string) {
    const { identifiers } = await summary(memberId);
    return (await eligibility(identifiers.symbol, identifiers.number, branch, date).expect(200)).body.covered;
  }
  const cancel = (memberId: string, body: Record<string, unknown>) => send(`/members/${memberId}/cancellations`, body);
  const claimOf = async (api: ApiClient, claimId: string) =>
    expectStatus(await api.GET('/benefit-claims/{claimId}', { params: { path: { claimId } } }), 200).data;
  async function history(memberId: string) {
    const res = await request(system.http)
      .get(`/compliance/members/${memberId}/events`)
      .query({ limit: 200 })
      .set(as(officer))
      .expect(200);
    return res.body.items as { type: string; streamId: string; data: Record<string, unknown>; metadata?: unknown }[];
  }

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    officer = await system.token('compliance-officer');
    system.setToday('2025-06-01');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('a name change reissues 資格情報のお知らせ and shows in the summary and search; re-sending records nothing', async () => {
    const { memberId } = await enrollOne({ nameKana: 'ヤマダ タロウ' });
    const body = { personId: 'insured', name: '佐藤 太郎', nameKana: 'サトウ タロウ', effectiveDate: '2025-05-20' };
    const changed = await send(`/members/${memberId}/name-changes`, body).expect(200);
    expect(changed.body.events).toEqual(['PersonNameChanged', 'EligibilityNotificationIssued']);
    expect((await summary(memberId)).insured).toMatchObject({ name: '佐藤 太郎', nameKana: 'サトウ タロウ' });
    const found = await request(system.http)
      .get('/members')
      .set(as(clerk))
      .query({ nameKana: 'サトウタ', symbol: '7500' });
    expect(found.body.items.map((r: { memberId: string }) => r.memberId)).toContain(memberId);
    expect((await send(`/members/${memberId}/name-changes`, body).expect(200)).body.events).toEqual([]);

    const before = await eventCount(system);
    const bad = await send(`/members/${memberId}/name-changes`, { ...body, nameKana: 'sato' });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(JSON.stringify(bad.body.violations)).toContain('nameKana');
    await send(`/members/${memberId}/name-changes`, { ...body, personId: 'nobody' }).expect(404);
    expect(await eventCount(system)).toBe(before);
  });

  it('an address change is recorded with its effective date', async () => {
    const { memberId } = await enrollOne();
    const res = await send(`/members/${memberId}/address-changes`, {
      postalCode: '530-0001',
      address: '大阪府大阪市北区梅田1-1',
      effectiveDate: '2025-05-01',
    }).expect(200);
    expect(res.body.events).toEqual(['MemberAddressChanged']);
    expect(await summary(memberId)).toMatchObject({ postalCode: '530-0001', address: '大阪府大阪市北区梅田1-1' });
    // Like every member command (issue 12.6): ETag "<revision>" as If-Match, a stale one 409; Idempotency-Key replays.
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    const moved = { postalCode: '100-0001', address: '東京都千代田区千代田1-1', effectiveDate: '2025-05-20' };
    const before = await eventCount(system);
    const stale = await send(`/members/${memberId}/address-changes`, moved).set(
      'If-Match',
      `"${res.body.revision - 1}"`,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.violations[0]).toMatchObject({ field: 'If-Match', rule: 'stale_revision' });
    expect(await eventCount(system)).toBe(before);
    const keyed = () =>
      send(`/members/${memberId}/address-changes`, moved)
        .set('If-Match', res.headers.etag!)
        .set('Idempotency-Key', 'address-change-12-6');
    const first = await keyed().expect(200);
    expect(first.body.events).toEqual(['MemberAddressChanged']);
    expect((await keyed().expect(200)).body).toEqual(first.body);
    expect(await eventCount(system)).toBe(before + 1);
    const bad = await send(`/members/${memberId}/address-changes`, {
      postalCode: '5300001',
      address: 'x',
      effectiveDate: '2025-05-01',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.violations)).toContain('postalCode');
  });

  it('取消 of a loss: covered again (with the dependant) in every answer; as-of before it and history keep the mistake', async () => {
    const { memberId } = await enrollOne({ acquisitionDate: '2025-04-01' });
    const spouse = await post(
      `/members/${memberId}/dependants`,
      dependant({ individualNumber: individualNumber(seed++), recognizedFrom: '2025-04-01' }),
    );
    await post(`/members/${memberId}/loss-of-eligibility`, { reason: 'retirement', lastWorkingDay: '2025-04-30' });
    expect(await covered(memberId, '00', '2025-05-10')).toBe(false);
    expect((await summary(memberId)).status).toBe('lost');
    await new Promise((resolve) => setTimeout(resolve, 5)); // the correction is recorded at a later instant

    const missing = await cancel(memberId, { target: 'loss' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.violations)).toContain('reason');
    const res = await cancel(memberId, { target: 'loss', reason: '退職届の誤記入' }).expect(200);
    expect(res.body.events).toEqual(['EligibilityLossCancelled']);
    expect(await covered(memberId, '00', '2025-05-10')).toBe(true);
    expect(await covered(memberId, '01', '2025-05-10')).toBe(true);
    const view = await summary(memberId);
    expect(view).toMatchObject({ status: 'active', loss: null });
    expect(view.dependants[0]).toMatchObject({ dependantId: spouse.dependantId, status: 'active', coveredToday: true });
    const row = await request(system.http)
      .get('/members')
      .set(as(clerk))
      .query({ symbol: '7500', status: 'active', limit: 100 });
    expect(row.body.items.map((r: { memberId: string }) => r.memberId)).toContain(memberId);

    const state = (asOf?: string) =>
      request(system.http)
        .get(`/compliance/members/${memberId}/state`)
        .set(as(officer))
        .query({ effectiveOn: '2025-05-10', ...(asOf ? { asOf } : {}) })
        .expect(200);
    expect((await state()).body.status).toBe('active');
    const lost = (await system.events.readStream(`member-${memberId}`)).find((e) => e.type === 'MemberEligibilityLost');
    expect((await state(lost!.metadata.recordedAt)).body.status).toBe('lost');
    const events = (await history(memberId)).filter((e) => e.streamId === `member-${memberId}`).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['MemberEligibilityLost', 'EligibilityLossCancelled']));
    const [cancelled] = (await system.events.readStream(`member-${memberId}`)).filter(
      (e) => e.type === 'EligibilityLossCancelled',
    );
    expect(cancelled!.data).toMatchObject({
      lossDate: '2025-05-01',
      dependantIds: [spouse.dependantId],
      reason: '退職届の誤記入',
    });
    expect(cancelled!.metadata.actor).toEqual({ id: 'clerk-1', role: 'clerk' });

    const nothing = await cancel(memberId, { target: 'loss', reason: 'again' });
    expect(nothing.status).toBe(422);
    expect(nothing.body.violations[0]).toMatchObject({ field: 'target', rule: 'nothing_to_cancel' });
  });

  it('取消 of a job change: the new 記号/番号 never designated the member, the old ones do again', async () => {
    const { memberId } = await enrollOne({ acquisitionDate: '2025-04-01' });
    const old = (await summary(memberId)).identifiers;
    await post(`/members/${memberId}/job-changes`, {
      withinSociety: true,
      officeCode: 'OFF-009',
      symbol: '7509',
      effectiveDate: '2025-05-01',
    });
    const moved = (await summary(memberId)).identifiers;
    expect((await eligibility(moved.symbol, moved.number, '00', '2025-05-10').expect(200)).body.covered).toBe(true);
    await cancel(memberId, { target: 'job-change', reason: '異動の取消' }).expect(200);
    expect((await summary(memberId)).identifiers).toEqual(old);
    await eligibility(moved.symbol, moved.number, '00', '2025-05-10').expect(404);
    expect((await eligibility(old.symbol, old.number, '00', '2025-05-10').expect(200)).body.covered).toBe(true);
  });

  it('取消 of a dependant recognition and of a dependant removal', async () => {
    const { memberId } = await enrollOne({ acquisitionDate: '2025-04-01' });
    const child = await post(
      `/members/${memberId}/dependants`,
      dependant({
        individualNumber: individualNumber(seed++),
        relationship: 'child',
        dateOfBirth: '2015-01-01',
        recognizedFrom: '2025-04-01',
        expectedAnnualIncome: 0,
      }),
    );
    const spouse = await post(
      `/members/${memberId}/dependants`,
      dependant({ individualNumber: individualNumber(seed++), recognizedFrom: '2025-04-01' }),
    );
    await post(`/members/${memberId}/dependants/${spouse.dependantId}/removal`, {
      reason: 'income-exceeded',
      lossDate: '2025-05-01',
    });
    expect(await covered(memberId, '02', '2025-05-10')).toBe(false);
    await cancel(memberId, {
      target: 'dependant-removal',
      dependantId: spouse.dependantId,
      reason: '収入の誤認',
    }).expect(200);
    expect(await covered(memberId, '02', '2025-05-10')).toBe(true);

    expect(await covered(memberId, '01', '2025-04-10')).toBe(true);
    await cancel(memberId, {
      target: 'dependant-recognition',
      dependantId: child.dependantId,
      reason: '二重届出',
    }).expect(200);
    expect(await covered(memberId, '01', '2025-04-10')).toBe(false);
    expect((await summary(memberId)).dependants[0]).toMatchObject({ status: 'cancelled', coverage: [] });
    await cancel(memberId, { target: 'dependant-removal', dependantId: 'nobody', reason: 'x' }).expect(404);
  });

  it('a claim submitted before a 取消 is refused at approval (409, nothing written): acquisition, dependant recognition', async () => {
    const [clerkApi, approverApi] = [await apiAs(system, 'clerk'), await apiAs(system, 'approver')];
    const grant = (
      personId: string,
      kind: 'childbirth-grant' | 'family-childbirth-grant',
    ): Schemas['SubmitBenefitClaimDto'] => ({
      personId,
      payment: { method: 'account', account: claimAccount },
      benefit: { kind, birthDate: '2025-05-10', numberOfBabies: 1, obstetricCompensation: true },
    });
    const approve = (claimId: string) =>
      approverApi.POST('/benefit-claims/{claimId}/approval', { params: { path: { claimId } }, body: {} });
    async function refusedAt(claimId: string, field: string) {
      const before = await eventCount(system);
      const refused = expectProblem(await approve(claimId), 409).error;
      expect(refused.code).toBe('not_covered_on_event_date');
      expect(refused.violations![0]).toMatchObject({ field, rule: 'not_covered_on_event_date' });
      expect(refused.violations![0]!.message).toContain('2025-05-10');
      expect(await eventCount(system)).toBe(before);
      expect((await claimOf(clerkApi, claimId)).status).toBe('submitted');
    }

    const insured = (await enrollOne({ acquisitionDate: '2025-04-01' })).memberId;
    const insuredClaim = await submitClaim(clerkApi, insured, grant('insured', 'childbirth-grant'));
    await cancel(insured, { target: 'acquisition', reason: '別人の届出' }).expect(200);
    await refusedAt(insuredClaim, 'benefit.birthDate');
    // The way out is the approver's rejection with a reason.
    const rejected = await approverApi.POST('/benefit-claims/{claimId}/rejection', {
      params: { path: { claimId: insuredClaim } },
      body: { reason: '資格取得の取消' },
    });
    expect(expectStatus(rejected, 200).data.status).toBe('rejected');

    const memberId = (await enrollOne({ acquisitionDate: '2025-04-01' })).memberId;
    const spouse = await post(
      `/members/${memberId}/dependants`,
      dependant({ individualNumber: individualNumber(seed++), recognizedFrom: '2025-04-01' }),
    );
    const spouseClaim = await submitClaim(clerkApi, memberId, grant(spouse.dependantId!, 'family-childbirth-grant'));
    const ownClaim = await submitClaim(clerkApi, memberId, grant('insured', 'childbirth-grant'));
    await cancel(memberId, {
      target: 'dependant-recognition',
      dependantId: spouse.dependantId,
      reason: '二重届出',
    }).expect(200);
    await refusedAt(spouseClaim, 'benefit.birthDate');
    // The insured's own coverage was not corrected: their claim is approved as before.
    expect(await approveClaim(approverApi, ownClaim)).toMatchObject({ status: 'approved', amount: 500_000 });
  });

  it('取消 of an acquisition: nobody was covered; the Individual Number can be enrolled again', async () => {
    const number = individualNumber(seed++);
    const { memberId } = await enrollOne({ individualNumber: number, acquisitionDate: '2025-04-01' });
    await cancel(memberId, { target: 'acquisition', reason: '別人の届出' }).expect(200);
    expect(await covered(memberId, '00', '2025-04-10')).toBe(false);
    expect((await summary(memberId)).status).toBe('cancelled');
    const rows = await request(system.http).get('/members').set(as(clerk)).query({ symbol: '7500', limit: 100 });
    expect(rows.body.items.find((r: { memberId: string }) => r.memberId === memberId)).toMatchObject({
      status: 'cancelled',
    });
    await send(
      '/members',
      enrollment({ individualNumber: number, symbol: '7500', acquisitionDate: '2025-04-01' }),
    ).expect(201);
  });
});
