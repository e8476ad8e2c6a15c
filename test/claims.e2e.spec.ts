import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; the bad-input table sends raw what the spec forbids (supertest).
import request from 'supertest';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount, claimAndMemberEventCount, registerPublicFundsAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

describe('benefit claims over HTTP (issue 5)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let approver: string;
  let clerkApi: ApiClient;
  let approverApi: ApiClient;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  let seed = 5000;
  const member = (overrides: Partial<Schemas['EnrollMemberDto']> = {}) =>
    enroll(system, enrollment({ individualNumber: individualNumber(seed++), ...overrides }));
  const grant = (birthDate: string): Schemas['ChildbirthGrantDto'] => ({
    kind: 'childbirth-grant',
    birthDate,
    numberOfBabies: 1,
    obstetricCompensation: true,
  });
  type Submission = Omit<Schemas['SubmitBenefitClaimDto'], 'personId' | 'payment'> &
    Partial<Schemas['SubmitBenefitClaimDto']>;
  const submit = (memberId: string, body: Submission, api = clerkApi, idempotencyKey?: string) =>
    api.POST('/members/{memberId}/benefit-claims', {
      params: { path: { memberId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { personId: 'insured', payment: { method: 'account', account: claimAccount }, ...body },
    });
  const submitSickness = (memberId: string, from: string, to: string, submittedOn: string) =>
    submit(memberId, {
      submittedOn,
      benefit: {
        kind: 'sickness-allowance',
        daysUnableToWork: [{ from, to }],
        claimPeriod: { from, to },
        previouslyPaidDays: 0,
      },
    });
  const claim = async (claimId: string, api = clerkApi) =>
    expectStatus(await api.GET('/benefit-claims/{claimId}', { params: { path: { claimId } } }), 200).data;
  const approve = (claimId: string, api = approverApi, ifMatch?: string) =>
    api.POST('/benefit-claims/{claimId}/approval', {
      params: { path: { claimId }, header: { 'If-Match': ifMatch } },
      body: {},
    });
  /** Bodies the spec forbids (wrong types, unknown fields), sent raw. */
  const submitRaw = (memberId: string, body: Record<string, unknown>) =>
    request(system.http)
      .post(`/members/${memberId}/benefit-claims`)
      .set(as(clerk))
      .send({ personId: 'insured', payment: { method: 'account', account: claimAccount }, ...body });

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    approver = await system.token('approver');
    [clerkApi, approverApi] = [await apiAs(system, 'clerk'), await apiAs(system, 'approver')];
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 4.3: a childbirth grant from 2023-04-01 is 500,000 per baby; GET shows the amount and the breakdown', async () => {
    const { memberId } = await member();
    const res = expectStatus(await submit(memberId, { benefit: grant('2025-06-10') }), 201).data;
    expect(res).toMatchObject({ status: 'submitted', amount: 500_000, events: ['BenefitClaimSubmitted'] });
    const detail = await claim(res.claimId, approverApi);
    expect(detail).toMatchObject({
      claimId: res.claimId,
      memberId,
      status: 'submitted',
      amount: 500_000,
      insuredEventDate: '2025-06-10',
    });
    expect(detail.breakdown!.references[0]).toMatchObject({
      table: 'CHILDBIRTH_GRANT',
      effectiveFrom: '2023-04-01',
    });
    expect(detail.payment!.account!.accountNumber).toBe('***4321');
  });

  it('domain.md 4.1: the sickness allowance takes the SMR history from the member stream (300,000 × 6 + 320,000 × 6 → 6,887 a day)', async () => {
    const { memberId } = await member({ acquisitionDate: '2024-01-01', monthlyRemuneration: 300_000 });
    const revision = await clerkApi.POST('/members/{memberId}/remuneration-revisions', {
      params: { path: { memberId } },
      body: { effectiveFrom: '2024-07', kind: 'occasional', monthlyRemuneration: 320_000 },
    });
    expectStatus(revision, 200);
    const res = expectStatus(await submitSickness(memberId, '2024-12-01', '2024-12-13', '2025-01-10'), 201).data;
    // Waiting period 12-01..12-03, paid from the 4th day: 10 days.
    expect(res.amount).toBe(10 * 6_887);
    const detail = await claim(res.claimId);
    expect(detail.benefit!.remunerationHistory).toHaveLength(12);
    expect(detail.breakdown!.steps.find((s) => s.step.startsWith('daily amount'))!.value).toBe(6_887);
  });

  it('an allowance with no standard monthly remuneration recorded for an insured month answers 422 naming the rule, nothing written', async () => {
    // Acquired and lost in the same month: no month counts as an insured month, so no SMR can be averaged.
    const { memberId } = await member({ acquisitionDate: '2025-05-10' });
    await request(system.http)
      .post(`/members/${memberId}/loss-of-eligibility`)
      .set(as(clerk))
      .send({ reason: 'other', lossDate: '2025-05-20' })
      .expect(200);
    const before = await claimAndMemberEventCount(system);
    const refused = expectProblem(await submitSickness(memberId, '2025-05-11', '2025-05-19', '2025-07-01'), 422).error;
    expect(refused.violations![0]).toMatchObject({
      field: 'benefit.claimPeriod',
      rule: 'standard_remuneration_recorded',
    });
    expect(await claimAndMemberEventCount(system)).toBe(before);
  });

  it('four-eyes: the clerk who submitted cannot approve, even as "same-person" for "Same-Person " (422 four_eyes, nothing written); another approver can, once', async () => {
    const { memberId } = await member();
    const submitted = await submit(
      memberId,
      { benefit: grant('2025-07-01') },
      await apiAs(system, 'clerk', 'Same-Person '),
    );
    const { claimId } = expectStatus(submitted, 201).data;
    const before = await claimAndMemberEventCount(system);
    const same = expectProblem(await approve(claimId, await apiAs(system, 'approver', 'same-person')), 422);
    expect(same.error.violations![0]).toMatchObject({ field: 'actor', rule: 'four_eyes' });
    expect(await claimAndMemberEventCount(system)).toBe(before);

    const approved = expectStatus(await approve(claimId), 200).data;
    expect(approved).toMatchObject({ status: 'approved', amount: 500_000, events: ['BenefitClaimApproved'] });
    const again = expectStatus(await approve(claimId), 200).data;
    expect(again.events).toEqual([]);
    const list = await clerkApi.GET('/benefit-claims', {
      params: { query: { memberId, status: 'approved', minPosition: approved.position! } },
    });
    expect(expectStatus(list, 200).data.items.map((c) => c.claimId)).toEqual([claimId]);
    const withdrawal = await clerkApi.POST('/benefit-claims/{claimId}/withdrawal', {
      params: { path: { claimId } },
      body: {},
    });
    expectProblem(withdrawal, 409);
  });

  it('domain.md 4.3 / 3.1: a birth before the acquisition date is refused as not covered: 422 naming the rule, one rejection event only', async () => {
    const { memberId } = await member({ acquisitionDate: '2025-04-01' });
    const before = await claimAndMemberEventCount(system);
    const res = expectProblem(await submit(memberId, { benefit: grant('2025-03-20') }), 422).error;
    expect(res.code).toBe('not_covered');
    expect(res.violations![0]).toMatchObject({ field: 'benefit', rule: 'not_covered' });
    expect(await claimAndMemberEventCount(system)).toBe(before + 1);
    const claimId = /claim ([0-9a-f-]{36})/.exec(res.detail!)![1]!;
    const stream = await system.events.readStream(`claim-${claimId}`);
    expect(stream.map((e) => e.type)).toEqual(['BenefitClaimRejected']);
    const detail = await claim(claimId);
    expect(detail).toMatchObject({ status: 'rejected', rejection: { stage: 'submission', rule: 'not_covered' } });
  });

  it('domain.md 4.9: a grant claimed more than 2 years after the day after the birth is time-barred: 422 limitation_expired, one rejection event', async () => {
    const { memberId } = await member({ acquisitionDate: '2023-01-01' });
    const before = await claimAndMemberEventCount(system);
    const res = expectProblem(await submit(memberId, { benefit: grant('2023-05-01'), submittedOn: '2025-05-02' }), 422);
    expect(res.error.violations![0]).toMatchObject({ field: 'benefit', rule: 'limitation_expired' });
    expect(await claimAndMemberEventCount(system)).toBe(before + 1);
    // One day earlier the right still stands (start 2023-05-02, lapses on 2025-05-02).
    expectStatus(await submit(memberId, { benefit: grant('2023-05-01'), submittedOn: '2025-05-01' }), 201);
  });

  it('rejection on review needs a reason and names it; withdrawal before approval; public funds need a registered account (domain.md 7)', async () => {
    const { memberId } = await member();
    const a = expectStatus(await submit(memberId, { benefit: grant('2025-08-01') }), 201).data;
    const rejected = await approverApi.POST('/benefit-claims/{claimId}/rejection', {
      params: { path: { claimId: a.claimId } },
      body: { reason: 'duplicate of an earlier claim' },
    });
    expect(expectStatus(rejected, 200).data).toMatchObject({ status: 'rejected', events: ['BenefitClaimRejected'] });
    const b = expectStatus(await submit(memberId, { benefit: grant('2025-08-02') }), 201).data;
    const withdrawal = await clerkApi.POST('/benefit-claims/{claimId}/withdrawal', {
      params: { path: { claimId: b.claimId } },
      body: { reason: 'sent twice' },
    });
    expectStatus(withdrawal, 200);
    expect((await claim(b.claimId)).withdrawal).toMatchObject({ reason: 'sent twice' });

    const before = await claimAndMemberEventCount(system);
    const refused = expectProblem(
      await submit(memberId, { benefit: grant('2025-08-03'), payment: { method: 'public-funds' } }),
      422,
    );
    expect(refused.error.violations![0]).toMatchObject({
      field: 'payment.method',
      rule: 'public_funds_account_registered',
    });
    expect(await claimAndMemberEventCount(system)).toBe(before);
    await registerPublicFundsAccount(system, memberId);
    expectStatus(await submit(memberId, { benefit: grant('2025-08-03'), payment: { method: 'public-funds' } }), 201);
  });

  it('Idempotency-Key: a retried submission answers the same claim and writes nothing; If-Match guards a decision', async () => {
    const { memberId } = await member();
    const send = () => submit(memberId, { benefit: grant('2025-09-10') }, clerkApi, `claim-${memberId}`);
    const first = expectStatus(await send(), 201).data;
    const before = await claimAndMemberEventCount(system);
    const again = expectStatus(await send(), 201).data;
    expect(again.claimId).toBe(first.claimId);
    expect(await claimAndMemberEventCount(system)).toBe(before);
    const stale = expectProblem(await approve(first.claimId, approverApi, `"${first.revision + 1}"`), 409);
    expect(stale.error.violations![0]!.rule).toBe('stale_revision');
    expectStatus(await approve(first.claimId, approverApi, `"${first.revision}"`), 200);
  });

  it('a clerk cannot approve and an approver cannot submit (roles)', async () => {
    const { memberId } = await member();
    const { claimId } = expectStatus(await submit(memberId, { benefit: grant('2025-09-01') }), 201).data;
    expectProblem(await approve(claimId, clerkApi), 403);
    expectProblem(await submit(memberId, { benefit: grant('2025-09-02') }, approverApi), 403);
  });

  describe('bad input: 400/422 problem+json naming the field, nothing written', () => {
    let memberId: string;
    let claimId: string;
    let withdrawnId: string;
    beforeAll(async () => {
      ({ memberId } = await member());
      ({ claimId } = expectStatus(await submit(memberId, { benefit: grant('2025-10-01') }), 201).data);
      ({ claimId: withdrawnId } = expectStatus(await submit(memberId, { benefit: grant('2025-10-02') }), 201).data);
      const withdrawal = await clerkApi.POST('/benefit-claims/{claimId}/withdrawal', {
        params: { path: { claimId: withdrawnId } },
        body: {},
      });
      expectStatus(withdrawal, 200);
    });
    const cases: [string, () => request.Test, number, string][] = [
      [
        'submit: wrong type',
        () => submitRaw(memberId, { benefit: { ...grant('2025-06-01'), numberOfBabies: 'two' } }),
        400,
        'benefit.numberOfBabies',
      ],
      ['submit: bad date', () => submitRaw(memberId, { benefit: grant('2025-02-30') }), 400, 'benefit.birthDate'],
      [
        'submit: bad date in a range',
        () =>
          submitRaw(memberId, {
            benefit: {
              kind: 'sickness-allowance',
              daysUnableToWork: [{ from: '2025-02-30', to: '2025-03-05' }],
              claimPeriod: { from: '2025-03-01', to: '2025-03-05' },
              previouslyPaidDays: 0,
            },
          }),
        400,
        'benefit.daysUnableToWork.0.from',
      ],
      ['submit: unknown kind', () => submitRaw(memberId, { benefit: { kind: 'lottery-win' } }), 400, 'benefit.kind'],
      [
        'submit: unknown field',
        () => submitRaw(memberId, { benefit: grant('2025-06-01'), coverage: { covered: true } }),
        400,
        'coverage',
      ],
      [
        'submit: range in the wrong order (decider)',
        () =>
          submitRaw(memberId, {
            benefit: {
              kind: 'sickness-allowance',
              daysUnableToWork: [{ from: '2025-03-01', to: '2025-03-05' }],
              claimPeriod: { from: '2025-03-05', to: '2025-03-01' },
              previouslyPaidDays: 0,
            },
          }),
        400,
        'benefit.claimPeriod.to',
      ],
      [
        'submit: rule — a dependant-only benefit for the insured',
        () => submitRaw(memberId, { benefit: { ...grant('2025-06-01'), kind: 'family-childbirth-grant' } }),
        400,
        'personId',
      ],
      [
        'submit: rule — unknown person',
        () => submitRaw(memberId, { personId: 'nobody', benefit: grant('2025-06-01') }),
        422,
        'personId',
      ],
      [
        'submit: rule — unknown bank',
        () =>
          submitRaw(memberId, {
            benefit: grant('2025-06-01'),
            payment: { method: 'account', account: { ...claimAccount, bankCode: '0002' } },
          }),
        422,
        'payment.account.bankCode',
      ],
      [
        'submit: rule — facts after the submission date',
        () => submitRaw(memberId, { benefit: grant('2025-06-01'), submittedOn: '2025-05-01' }),
        400,
        'benefit',
      ],
      [
        'rejection: wrong type',
        () => request(system.http).post(`/benefit-claims/${claimId}/rejection`).set(as(approver)).send({ reason: 42 }),
        400,
        'reason',
      ],
      [
        'rejection: unknown field (a date)',
        () =>
          request(system.http)
            .post(`/benefit-claims/${claimId}/rejection`)
            .set(as(approver))
            .send({ reason: 'x', rejectedOn: '2025-02-30' }),
        400,
        'rejectedOn',
      ],
      [
        'approval: claim id of the wrong type',
        () => request(system.http).post('/benefit-claims/not-a-uuid/approval').set(as(approver)),
        400,
        '',
      ],
      [
        'approval: rule — a withdrawn claim cannot be approved',
        () => request(system.http).post(`/benefit-claims/${withdrawnId}/approval`).set(as(approver)),
        409,
        'claimId',
      ],
      [
        'approval: unknown claim',
        () =>
          request(system.http).post('/benefit-claims/0197a000-0000-7000-8000-000000000001/approval').set(as(approver)),
        404,
        'claimId',
      ],
      [
        'withdrawal: wrong type',
        () =>
          request(system.http)
            .post(`/benefit-claims/${claimId}/withdrawal`)
            .set(as(clerk))
            .send({ reason: ['x'] }),
        400,
        'reason',
      ],
      [
        'list: wrong status',
        () => request(system.http).get('/benefit-claims').query({ status: 'paid' }).set(as(clerk)),
        400,
        'status',
      ],
      [
        'list: member id of the wrong type',
        () => request(system.http).get('/benefit-claims').query({ memberId: 'x' }).set(as(clerk)),
        400,
        'memberId',
      ],
    ];
    it.each(cases)('%s', async (_title, send, status, field) => {
      const before = await claimAndMemberEventCount(system);
      const res = await send().expect(status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      if (field) expect(res.body.violations.map((v: { field: string }) => v.field)).toContain(field);
      expect(await claimAndMemberEventCount(system)).toBe(before);
    });
  });
});
