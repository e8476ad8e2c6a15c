import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client (@kenpo/api-client); supertest only sends the bodies the spec forbids.
import request from 'supertest';
import { type ApiClient, apiAs, expectProblem, expectStatus } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { dependant, enroll, enrollment, eventCount, individualNumber } from './support/members.js';

describe('member lifecycle over HTTP (issue 3)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let api: ApiClient;
  const auth = () => ({ authorization: `Bearer ${clerk}` });
  const member = async (memberId: string) =>
    expectStatus(await api.GET('/members/{memberId}', { params: { path: { memberId } } }), 200).data;

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    api = await apiAs(system, 'clerk');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('enrolls a member: 201 with revision and position; GET shows the number masked (domain.md 3.1, 2.3)', async () => {
    const res = expectStatus(
      await api.POST('/members', { body: enrollment({ individualNumber: individualNumber(1001) }) }),
      201,
    ).data;
    expect(res.memberId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.revision).toBeGreaterThanOrEqual(1);
    expect(typeof res.position).toBe('number');
    expect(res.events).toEqual(
      expect.arrayContaining([
        'MemberEnrolled',
        'EligibilityNotificationIssued',
        'EligibilityConfirmationDocumentIssued',
      ]),
    );
    const view = await member(res.memberId);
    expect(view.status).toBe('active');
    expect(view.insured!.branch).toBe('00');
    expect(view.identifiers!.symbol).toBe('1001');
    expect(view.insured!.individualNumber).toBe(`********${individualNumber(1001).slice(-4)}`);
    expect(JSON.stringify(view)).not.toContain(individualNumber(1001));
  });

  it('allocates consecutive 番号 within a 記号', async () => {
    const a = await enroll(system, enrollment({ individualNumber: individualNumber(1002), symbol: '2002' }));
    const b = await enroll(system, enrollment({ individualNumber: individualNumber(1003), symbol: '2002' }));
    const [va, vb] = [await member(a.memberId), await member(b.memberId)];
    expect(Number(vb.identifiers!.number)).toBe(Number(va.identifiers!.number) + 1);
  });

  it('refuses a second active member with the same Individual Number: 409, nothing written', async () => {
    await enroll(system, enrollment({ individualNumber: individualNumber(1004) }));
    const before = await eventCount(system);
    const res = expectProblem(
      await api.POST('/members', { body: enrollment({ individualNumber: individualNumber(1004) }) }),
      409,
    );
    expect(res.error.violations![0]!.field).toBe('individualNumber');
    expect(await eventCount(system)).toBe(before);
  });

  it('concurrent enrollments: distinct 番号 with no gap, and one winner for the same Individual Number', async () => {
    const distinct = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.POST('/members', { body: enrollment({ individualNumber: individualNumber(5000 + i), symbol: '7007' }) }),
      ),
    );
    expect(distinct.map((r) => r.response.status)).toEqual(distinct.map(() => 201));
    const numbers = await Promise.all(
      distinct.map(async (r) => Number((await member(r.data!.memberId)).identifiers!.number)),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const before = await eventCount(system);
    const same = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.POST('/members', { body: enrollment({ individualNumber: individualNumber(5100), symbol: '7008' }) }),
      ),
    );
    expect(same.map((r) => r.response.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const winner = same.find((r) => r.response.status === 201)!;
    // Only the winner's events were written: its member stream, the number's claim and one 番号.
    expect(await eventCount(system)).toBe(before + winner.data!.events.length + 2);
  });

  it('Idempotency-Key: a retried enrollment returns the first answer and writes nothing new', async () => {
    const body = enrollment({ individualNumber: individualNumber(1005) });
    const params = { header: { 'Idempotency-Key': 'enroll-1005-abcdef' } };
    const first = expectStatus(await api.POST('/members', { params, body }), 201);
    const before = await eventCount(system);
    const again = expectStatus(await api.POST('/members', { params, body }), 201);
    expect(again.data).toEqual(first.data);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventCount(system)).toBe(before);
    expectProblem(await api.POST('/members', { params, body: { ...body, name: '別人' } }), 422);
  });

  it('If-Match with a stale revision answers 409 and writes nothing', async () => {
    const { memberId, revision } = await enroll(system, enrollment({ individualNumber: individualNumber(1006) }));
    const params = { path: { memberId }, header: { 'If-Match': `"${revision}"` } };
    expectStatus(
      await api.POST('/members/{memberId}/remuneration-revisions', {
        params,
        body: { effectiveFrom: '2025-09', kind: 'periodic', monthlyRemuneration: 320_000 },
      }),
      200,
    );
    const before = await eventCount(system);
    expectProblem(
      await api.POST('/members/{memberId}/remuneration-revisions', {
        params,
        body: { effectiveFrom: '2025-10', kind: 'occasional', monthlyRemuneration: 340_000 },
      }),
      409,
    );
    expect(await eventCount(system)).toBe(before);
  });

  it('records a refused dependant recognition as an event and answers 422 with every failed rule (domain.md 3.3)', async () => {
    const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(1007) }));
    const before = await eventCount(system);
    const res = expectProblem(
      await api.POST('/members/{memberId}/dependants', {
        params: { path: { memberId } },
        body: dependant({ individualNumber: individualNumber(2007), expectedAnnualIncome: 2_000_000 }),
      }),
      422,
    );
    expect(res.error.violations!.map((v) => v.rule).join(',')).toMatch(/income/);
    expect(await eventCount(system)).toBe(before + 1);
    const events = await system.events.readStream(`member-${memberId}`);
    expect(events.at(-1)!.type).toBe('DependantRecognitionRefused');
  });

  it('20 concurrent dependant additions: each recorded or 409, revisions contiguous, nothing lost', async () => {
    const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(1008) }));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.POST('/members/{memberId}/dependants', {
          params: { path: { memberId } },
          body: dependant({
            relationship: 'child',
            individualNumber: individualNumber(3000 + i),
            nameKana: 'ヤマダ イチロウ',
            dateOfBirth: '2015-01-01',
            expectedAnnualIncome: 0,
          }),
        }),
      ),
    );
    const statuses = results.map((r) => r.response.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = results.filter((r) => r.response.status === 201).map((r) => r.data!.dependantId);
    const events = await system.events.readStream(`member-${memberId}`);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    const recognized = events.filter((e) => e.type === 'DependantRecognized').map((e) => e.data.dependantId);
    expect(new Set(recognized)).toEqual(new Set(created));
  });

  describe('every endpoint refuses bad input with 4xx problem+json naming the field, and writes nothing', () => {
    let memberId: string;
    let dependantId: string;
    beforeAll(async () => {
      ({ memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(1100) })));
      const res = await api.POST('/members/{memberId}/dependants', {
        params: { path: { memberId } },
        body: dependant({ individualNumber: individualNumber(2100) }),
      });
      dependantId = expectStatus(res, 201).data.dependantId;
    });

    // The bodies below break the spec on purpose (wrong types, unknown fields): sent raw, not by the typed client.
    type Case = [string, 'post' | 'put', () => string, Record<string, unknown>, number, string];
    const m = () => `/members/${memberId}`;
    const cases: Case[] = [
      [
        'enroll: wrong type',
        'post',
        () => '/members',
        { ...enrollment(), monthlyRemuneration: 'a lot' },
        400,
        'monthlyRemuneration',
      ],
      [
        'enroll: wrong check digit',
        'post',
        () => '/members',
        enrollment({ individualNumber: '123456789010' }),
        400,
        'individualNumber',
      ],
      [
        'enroll: impossible date',
        'post',
        () => '/members',
        enrollment({ individualNumber: individualNumber(1101), acquisitionDate: '2025-02-30' }),
        400,
        'acquisitionDate',
      ],
      [
        'enroll: 75 or over (後期高齢者医療, domain.md 3.1)',
        'post',
        () => '/members',
        enrollment({ individualNumber: individualNumber(1102), dateOfBirth: '1945-01-01' }),
        422,
        'dateOfBirth',
      ],
      [
        'enroll: unknown field',
        'post',
        () => '/members',
        { ...enrollment({ individualNumber: individualNumber(1103) }), nickname: 'x' },
        400,
        'nickname',
      ],
      [
        'job change: wrong type',
        'post',
        () => `${m()}/job-changes`,
        { withinSociety: 'yes', officeCode: 'O2', symbol: '3003', effectiveDate: '2025-10-01' },
        400,
        'withinSociety',
      ],
      [
        'job change: impossible date',
        'post',
        () => `${m()}/job-changes`,
        { withinSociety: true, officeCode: 'O2', symbol: '3003', effectiveDate: '2025-02-30' },
        400,
        'effectiveDate',
      ],
      [
        'job change: employer outside the society',
        'post',
        () => `${m()}/job-changes`,
        { withinSociety: false, officeCode: 'O2', symbol: '3003', effectiveDate: '2025-10-01' },
        422,
        'withinSociety',
      ],
      [
        'remuneration: wrong type',
        'post',
        () => `${m()}/remuneration-revisions`,
        { effectiveFrom: '2025-09', kind: 'periodic', grade: 'ten' },
        400,
        'grade',
      ],
      [
        'remuneration: impossible month',
        'post',
        () => `${m()}/remuneration-revisions`,
        { effectiveFrom: '2025-13', kind: 'periodic', grade: 10 },
        400,
        'effectiveFrom',
      ],
      [
        'remuneration: before acquisition',
        'post',
        () => `${m()}/remuneration-revisions`,
        { effectiveFrom: '2020-01', kind: 'periodic', grade: 10 },
        422,
        'effectiveFrom',
      ],
      [
        'dependant: wrong type',
        'post',
        () => `${m()}/dependants`,
        { ...dependant({ individualNumber: individualNumber(2101) }), expectedAnnualIncome: 'none' },
        400,
        'expectedAnnualIncome',
      ],
      [
        'dependant: wrong check digit',
        'post',
        () => `${m()}/dependants`,
        dependant({ individualNumber: '983205673210' }),
        400,
        'individualNumber',
      ],
      [
        'dependant: impossible date',
        'post',
        () => `${m()}/dependants`,
        dependant({ individualNumber: individualNumber(2102), dateOfBirth: '2010-02-30' }),
        400,
        'dateOfBirth',
      ],
      [
        'dependant removal: wrong type',
        'post',
        () => `${m()}/dependants/${dependantId}/removal`,
        { reason: 42 },
        400,
        'reason',
      ],
      [
        'dependant removal: impossible date',
        'post',
        () => `${m()}/dependants/${dependantId}/removal`,
        { reason: 'employment', lossDate: '2025-02-30' },
        400,
        'lossDate',
      ],
      [
        'dependant removal: before recognition',
        'post',
        () => `${m()}/dependants/${dependantId}/removal`,
        { reason: 'employment', lossDate: '2020-01-01' },
        422,
        'lossDate',
      ],
      [
        'card linkage: wrong type',
        'post',
        () => `${m()}/card-linkage`,
        { personId: 7, linkedOn: '2025-05-01' },
        400,
        'personId',
      ],
      [
        'card linkage: impossible date',
        'post',
        () => `${m()}/card-linkage`,
        { personId: 'insured', linkedOn: '2025-02-30' },
        400,
        'linkedOn',
      ],
      [
        'card linkage: unknown person',
        'post',
        () => `${m()}/card-linkage`,
        { personId: 'nobody', linkedOn: '2025-05-01' },
        404,
        'personId',
      ],
      [
        'cancellation: wrong type',
        'post',
        () => `${m()}/card-linkage/cancellation`,
        { personId: 'insured', requestedOn: 20250501 },
        400,
        'requestedOn',
      ],
      [
        'cancellation: impossible date',
        'post',
        () => `${m()}/card-linkage/cancellation`,
        { personId: 'insured', requestedOn: '2025-02-30' },
        400,
        'requestedOn',
      ],
      [
        'cancellation: card not linked',
        'post',
        () => `${m()}/card-linkage/cancellation`,
        { personId: 'insured', requestedOn: '2025-05-01' },
        422,
        'personId',
      ],
      [
        'certificate expiry: wrong type',
        'post',
        () => `${m()}/certificate-expiries`,
        { personId: 'insured', expiresOn: true },
        400,
        'expiresOn',
      ],
      [
        'certificate expiry: impossible date',
        'post',
        () => `${m()}/certificate-expiries`,
        { personId: 'insured', expiresOn: '2025-02-30' },
        400,
        'expiresOn',
      ],
      [
        'certificate expiry: unknown person',
        'post',
        () => `${m()}/certificate-expiries`,
        { personId: 'nobody', expiresOn: '2030-05-01' },
        404,
        'personId',
      ],
      [
        'account: wrong type',
        'put',
        () => `${m()}/public-funds-account`,
        {
          bankCode: 1,
          branchCode: '001',
          accountType: 'ordinary',
          accountNumber: '1234567',
          holderName: 'ヤマダ タロウ',
        },
        400,
        'bankCode',
      ],
      [
        'account: unknown bank',
        'put',
        () => `${m()}/public-funds-account`,
        {
          bankCode: '0002',
          branchCode: '001',
          accountType: 'ordinary',
          accountNumber: '1234567',
          holderName: 'ヤマダ タロウ',
        },
        422,
        'bankCode',
      ],
      [
        'account: holder name not convertible to Zengin kana',
        'put',
        () => `${m()}/public-funds-account`,
        {
          bankCode: '0001',
          branchCode: '001',
          accountType: 'ordinary',
          accountNumber: '1234567',
          holderName: '山田太郎',
        },
        400,
        'holderName',
      ],
      [
        'loss: wrong type',
        'post',
        () => `${m()}/loss-of-eligibility`,
        { reason: 'retirement', lastWorkingDay: 5 },
        400,
        'lastWorkingDay',
      ],
      [
        'loss: impossible date',
        'post',
        () => `${m()}/loss-of-eligibility`,
        { reason: 'retirement', lastWorkingDay: '2025-02-30' },
        400,
        'lastWorkingDay',
      ],
      [
        'loss: before acquisition',
        'post',
        () => `${m()}/loss-of-eligibility`,
        { reason: 'other', lossDate: '2020-01-01' },
        422,
        'lossDate',
      ],
      [
        'voluntary continuation: wrong type',
        'post',
        () => `${m()}/voluntary-continuation`,
        { applicationDate: [] },
        400,
        'applicationDate',
      ],
      [
        'voluntary continuation: impossible date',
        'post',
        () => `${m()}/voluntary-continuation`,
        { applicationDate: '2025-02-30' },
        400,
        'applicationDate',
      ],
      [
        'voluntary continuation: eligibility not lost',
        'post',
        () => `${m()}/voluntary-continuation`,
        { applicationDate: '2025-06-01' },
        422,
        'status',
      ],
    ];

    it.each(cases)('%s', async (_name, method, path, body, status, field) => {
      const before = await eventCount(system);
      const res = await request(system.http)[method](path()).set(auth()).send(body);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.violations.map((v: { field: string }) => v.field)).toContain(field);
      expect(await eventCount(system)).toBe(before);
    });
  });

  it('walks a whole lifecycle: job change, card linkage, account, loss, voluntary continuation', async () => {
    const { memberId } = await enroll(
      system,
      enrollment({ individualNumber: individualNumber(1200), acquisitionDate: '2024-04-01' }),
    );
    const path = { memberId };
    const ok = async (answer: Promise<{ response: Response; data?: unknown; error?: unknown }>) =>
      expectStatus(await answer, 200);
    await ok(
      api.POST('/members/{memberId}/job-changes', {
        params: { path },
        body: { withinSociety: true, officeCode: 'OFF-2', symbol: '4004', effectiveDate: '2025-01-01' },
      }),
    );
    await ok(
      api.POST('/members/{memberId}/card-linkage', {
        params: { path },
        body: { personId: 'insured', linkedOn: '2025-02-01' },
      }),
    );
    await ok(
      api.POST('/members/{memberId}/certificate-expiries', {
        params: { path },
        body: { personId: 'insured', expiresOn: '2030-02-01' },
      }),
    );
    await ok(
      api.PUT('/members/{memberId}/public-funds-account', {
        params: { path },
        body: {
          bankCode: '0001',
          branchCode: '001',
          accountType: 'ordinary',
          accountNumber: '1234567',
          holderName: 'ヤマダ タロウ',
        },
      }),
    );
    await ok(
      api.POST('/members/{memberId}/loss-of-eligibility', {
        params: { path },
        body: { reason: 'retirement', lastWorkingDay: '2025-06-30' },
      }),
    );
    await ok(
      api.POST('/members/{memberId}/voluntary-continuation', {
        params: { path },
        body: { applicationDate: '2025-07-10' },
      }),
    );
    const view = await member(memberId);
    expect(view.status).toBe('voluntary-continuation');
    expect(view.identifiers!.symbol).toBe('4004');
    expect(view.account!.accountNumber).toBe('***4567');
    await ok(api.DELETE('/members/{memberId}/public-funds-account', { params: { path } }));
  });
});
