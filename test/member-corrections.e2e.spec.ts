import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest only for a cancellation without its required reason.
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
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  let seed = 12_500;

  let api: ApiClient;
  const enrollOne = async (overrides: Partial<Schemas['EnrollMemberDto']> = {}) => {
    const body = enrollment({ individualNumber: individualNumber(seed++), symbol: '7500', ...overrides });
    return expectStatus(await api.POST('/members', { body }), 201).data;
  };
  const addDependant = async (memberId: string, body: Schemas['RecognizeDependantDto']) =>
    expectStatus(await api.POST('/members/{memberId}/dependants', { params: { path: { memberId } }, body }), 201).data;
  const retire = async (memberId: string, lastWorkingDay: string) => {
    const lost = await api.POST('/members/{memberId}/loss-of-eligibility', {
      params: { path: { memberId } },
      body: { reason: 'retirement', lastWorkingDay },
    });
    expectStatus(lost, 200);
  };
  const changeName = (memberId: string, body: Schemas['NameChangeDto']) =>
    api.POST('/members/{memberId}/name-changes', { params: { path: { memberId } }, body });
  const changeAddress = (memberId: string, body: Schemas['AddressChangeDto'], header = {}) =>
    api.POST('/members/{memberId}/address-changes', { params: { path: { memberId }, header }, body });
  const summary = async (memberId: string) =>
    expectStatus(await api.GET('/members/{memberId}', { params: { path: { memberId } } }), 200).data;
  const eligibility = (symbol: string, number: string, branch: string, date: string) =>
    api.GET('/eligibility', { params: { query: { insurerNumber: INSURER, symbol, number, branch, date } } });
  async function covered(memberId: string, branch: string, date: string) {
    const { identifiers } = await summary(memberId);
    return expectStatus(await eligibility(identifiers!.symbol, identifiers!.number, branch, date), 200).data.covered;
  }
  const cancel = (memberId: string, body: Schemas['CancellationDto']) =>
    api.POST('/members/{memberId}/cancellations', { params: { path: { memberId } }, body });
  const search = async (query: { nameKana?: string; symbol?: string; status?: 'active'; limit?: number }) =>
    expectStatus(await api.GET('/members', { params: { query } }), 200).data;
  const claimOf = async (api: ApiClient, claimId: string) =>
    expectStatus(await api.GET('/benefit-claims/{claimId}', { params: { path: { claimId } } }), 200).data;
  async function history(memberId: string) {
    const res = await (
      await apiAs(system, 'compliance-officer')
    ).GET('/compliance/members/{memberId}/events', { params: { path: { memberId }, query: { limit: 200 } } });
    return expectStatus(res, 200).data.items;
  }

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    api = await apiAs(system, 'clerk');
    system.setToday('2025-06-01');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('a name change reissues 資格情報のお知らせ and shows in the summary and search; re-sending records nothing', async () => {
    const { memberId } = await enrollOne({ nameKana: 'ヤマダ タロウ' });
    const body = { personId: 'insured', name: '佐藤 太郎', nameKana: 'サトウ タロウ', effectiveDate: '2025-05-20' };
    const changed = expectStatus(await changeName(memberId, body), 200).data;
    expect(changed.events).toEqual(['PersonNameChanged', 'EligibilityNotificationIssued']);
    expect((await summary(memberId)).insured).toMatchObject({ name: '佐藤 太郎', nameKana: 'サトウ タロウ' });
    const found = await search({ nameKana: 'サトウタ', symbol: '7500' });
    expect(found.items.map((r) => r.memberId)).toContain(memberId);
    expect(expectStatus(await changeName(memberId, body), 200).data.events).toEqual([]);

    const before = await eventCount(system);
    const bad = await changeName(memberId, { ...body, nameKana: 'sato' });
    expect(bad.response.status).toBeGreaterThanOrEqual(400);
    expect(bad.response.status).toBeLessThan(500);
    expect(JSON.stringify(bad.error!.violations)).toContain('nameKana');
    expectProblem(await changeName(memberId, { ...body, personId: 'nobody' }), 404);
    expect(await eventCount(system)).toBe(before);
  });

  it('an address change is recorded with its effective date', async () => {
    const { memberId } = await enrollOne();
    const res = expectStatus(
      await changeAddress(memberId, {
        postalCode: '530-0001',
        address: '大阪府大阪市北区梅田1-1',
        effectiveDate: '2025-05-01',
      }),
      200,
    );
    expect(res.data.events).toEqual(['MemberAddressChanged']);
    expect(await summary(memberId)).toMatchObject({ postalCode: '530-0001', address: '大阪府大阪市北区梅田1-1' });
    // Like every member command (issue 12.6): ETag "<revision>" as If-Match, a stale one 409; Idempotency-Key replays.
    const etag = res.response.headers.get('etag')!;
    expect(etag).toBe(`"${res.data.revision}"`);
    const moved = { postalCode: '100-0001', address: '東京都千代田区千代田1-1', effectiveDate: '2025-05-20' };
    const before = await eventCount(system);
    const stale = await changeAddress(memberId, moved, { 'If-Match': `"${res.data.revision - 1}"` });
    expect(expectProblem(stale, 409).error.violations![0]).toMatchObject({ field: 'If-Match', rule: 'stale_revision' });
    expect(await eventCount(system)).toBe(before);
    const keyed = async () =>
      expectStatus(
        await changeAddress(memberId, moved, { 'If-Match': etag, 'Idempotency-Key': 'address-change-12-6' }),
        200,
      ).data;
    const first = await keyed();
    expect(first.events).toEqual(['MemberAddressChanged']);
    expect(await keyed()).toEqual(first);
    expect(await eventCount(system)).toBe(before + 1);
    const bad = await changeAddress(memberId, { postalCode: '5300001', address: 'x', effectiveDate: '2025-05-01' });
    expect(JSON.stringify(expectProblem(bad, 400).error.violations)).toContain('postalCode');
  });

  it('取消 of a loss: covered again (with the dependant) in every answer; as-of before it and history keep the mistake', async () => {
    const { memberId } = await enrollOne({ acquisitionDate: '2025-04-01' });
    const spouse = await addDependant(
      memberId,
      dependant({ individualNumber: individualNumber(seed++), recognizedFrom: '2025-04-01' }),
    );
    await retire(memberId, '2025-04-30');
    expect(await covered(memberId, '00', '2025-05-10')).toBe(false);
    expect((await summary(memberId)).status).toBe('lost');
    await new Promise((resolve) => setTimeout(resolve, 5)); // the correction is recorded at a later instant

    // Without the required reason: a body the spec forbids, sent raw.
    const missing = await request(system.http)
      .post(`/members/${memberId}/cancellations`)
      .set(as(clerk))
      .send({ target: 'loss' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.violations)).toContain('reason');
    const res = expectStatus(await cancel(memberId, { target: 'loss', reason: '退職届の誤記入' }), 200);
    expect(res.data.events).toEqual(['EligibilityLossCancelled']);
    expect(await covered(memberId, '00', '2025-05-10')).toBe(true);
    expect(await covered(memberId, '01', '2025-05-10')).toBe(true);
    const view = await summary(memberId);
    expect(view).toMatchObject({ status: 'active', loss: null });
    expect(view.dependants[0]).toMatchObject({ dependantId: spouse.dependantId, status: 'active', coveredToday: true });
    const row = await search({ symbol: '7500', status: 'active', limit: 100 });
    expect(row.items.map((r) => r.memberId)).toContain(memberId);

    const officer = await apiAs(system, 'compliance-officer');
    const state = async (asOf?: string) =>
      expectStatus(
        await officer.GET('/compliance/members/{memberId}/state', {
          params: { path: { memberId }, query: { effectiveOn: '2025-05-10', asOf } },
        }),
        200,
      ).data;
    expect((await state()).status).toBe('active');
    const lost = (await system.events.readStream(`member-${memberId}`)).find((e) => e.type === 'MemberEligibilityLost');
    expect((await state(lost!.metadata.recordedAt)).status).toBe('lost');
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
    expect(expectProblem(nothing, 422).error.violations![0]).toMatchObject({
      field: 'target',
      rule: 'nothing_to_cancel',
    });
  });

  it('取消 of a job change: the new 記号/番号 never designated the member, the old ones do again', async () => {
    const { memberId } = await enrollOne({ acquisitionDate: '2025-04-01' });
    const old = (await summary(memberId)).identifiers!;
    const changed = await api.POST('/members/{memberId}/job-changes', {
      params: { path: { memberId } },
      body: { withinSociety: true, officeCode: 'OFF-009', symbol: '7509', effectiveDate: '2025-05-01' },
    });
    expectStatus(changed, 200);
    const moved = (await summary(memberId)).identifiers!;
    const coveredBy = async (ids: { symbol: string; number: string }) =>
      expectStatus(await eligibility(ids.symbol, ids.number, '00', '2025-05-10'), 200).data.covered;
    expect(await coveredBy(moved)).toBe(true);
    expectStatus(await cancel(memberId, { target: 'job-change', reason: '異動の取消' }), 200);
    expect((await summary(memberId)).identifiers).toEqual(old);
    expectProblem(await eligibility(moved.symbol, moved.number, '00', '2025-05-10'), 404);
    expect(await coveredBy(old)).toBe(true);
  });

  it('取消 of a dependant recognition and of a dependant removal', async () => {
    const { memberId } = await enrollOne({ acquisitionDate: '2025-04-01' });
    const child = await addDependant(
      memberId,
      dependant({
        individualNumber: individualNumber(seed++),
        relationship: 'child',
        dateOfBirth: '2015-01-01',
        recognizedFrom: '2025-04-01',
        expectedAnnualIncome: 0,
      }),
    );
    const spouse = await addDependant(
      memberId,
      dependant({ individualNumber: individualNumber(seed++), recognizedFrom: '2025-04-01' }),
    );
    const removed = await api.POST('/members/{memberId}/dependants/{dependantId}/removal', {
      params: { path: { memberId, dependantId: spouse.dependantId } },
      body: { reason: 'income-exceeded', lossDate: '2025-05-01' },
    });
    expectStatus(removed, 200);
    expect(await covered(memberId, '02', '2025-05-10')).toBe(false);
    expectStatus(
      await cancel(memberId, {
        target: 'dependant-removal',
        dependantId: spouse.dependantId,
        reason: '収入の誤認',
      }),
      200,
    );
    expect(await covered(memberId, '02', '2025-05-10')).toBe(true);

    expect(await covered(memberId, '01', '2025-04-10')).toBe(true);
    expectStatus(
      await cancel(memberId, {
        target: 'dependant-recognition',
        dependantId: child.dependantId,
        reason: '二重届出',
      }),
      200,
    );
    expect(await covered(memberId, '01', '2025-04-10')).toBe(false);
    expect((await summary(memberId)).dependants[0]).toMatchObject({ status: 'cancelled', coverage: [] });
    expectProblem(await cancel(memberId, { target: 'dependant-removal', dependantId: 'nobody', reason: 'x' }), 404);
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
    expectStatus(await cancel(insured, { target: 'acquisition', reason: '別人の届出' }), 200);
    await refusedAt(insuredClaim, 'benefit.birthDate');
    // The way out is the approver's rejection with a reason.
    const rejected = await approverApi.POST('/benefit-claims/{claimId}/rejection', {
      params: { path: { claimId: insuredClaim } },
      body: { reason: '資格取得の取消' },
    });
    expect(expectStatus(rejected, 200).data.status).toBe('rejected');

    const memberId = (await enrollOne({ acquisitionDate: '2025-04-01' })).memberId;
    const spouse = await addDependant(
      memberId,
      dependant({ individualNumber: individualNumber(seed++), recognizedFrom: '2025-04-01' }),
    );
    const spouseClaim = await submitClaim(clerkApi, memberId, grant(spouse.dependantId, 'family-childbirth-grant'));
    const ownClaim = await submitClaim(clerkApi, memberId, grant('insured', 'childbirth-grant'));
    expectStatus(
      await cancel(memberId, {
        target: 'dependant-recognition',
        dependantId: spouse.dependantId,
        reason: '二重届出',
      }),
      200,
    );
    await refusedAt(spouseClaim, 'benefit.birthDate');
    // The insured's own coverage was not corrected: their claim is approved as before.
    expect(await approveClaim(approverApi, ownClaim)).toMatchObject({ status: 'approved', amount: 500_000 });
  });

  it('取消 of an acquisition: nobody was covered; the Individual Number can be enrolled again', async () => {
    const number = individualNumber(seed++);
    const { memberId } = await enrollOne({ individualNumber: number, acquisitionDate: '2025-04-01' });
    expectStatus(await cancel(memberId, { target: 'acquisition', reason: '別人の届出' }), 200);
    expect(await covered(memberId, '00', '2025-04-10')).toBe(false);
    expect((await summary(memberId)).status).toBe('cancelled');
    const rows = await search({ symbol: '7500', limit: 100 });
    expect(rows.items.find((r) => r.memberId === memberId)).toMatchObject({ status: 'cancelled' });
    const again = await api.POST('/members', {
      body: enrollment({ individualNumber: number, symbol: '7500', acquisitionDate: '2025-04-01' }),
    });
    expectStatus(again, 201);
  });
});
