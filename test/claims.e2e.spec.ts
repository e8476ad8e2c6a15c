import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount, claimAndMemberEventCount, registerPublicFundsAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

describe('benefit claims over HTTP (issue 5)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let approver: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  let seed = 5000;
  const member = (overrides: Record<string, unknown> = {}) =>
    enroll(system, enrollment({ individualNumber: individualNumber(seed++), ...overrides }));
  const grant = (birthDate: string) => ({
    kind: 'childbirth-grant',
    birthDate,
    numberOfBabies: 1,
    obstetricCompensation: true,
  });
  const submit = (memberId: string, body: Record<string, unknown>, token = clerk) =>
    request(system.http)
      .post(`/members/${memberId}/benefit-claims`)
      .set(as(token))
      .send({ personId: 'insured', payment: { method: 'account', account: claimAccount }, ...body });

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    approver = await system.token('approver');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 4.3: a childbirth grant from 2023-04-01 is 500,000 per baby; GET shows the amount and the breakdown', async () => {
    const { memberId } = await member();
    const res = await submit(memberId, { benefit: grant('2025-06-10') }).expect(201);
    expect(res.body).toMatchObject({ status: 'submitted', amount: 500_000, events: ['BenefitClaimSubmitted'] });
    const detail = await request(system.http).get(`/benefit-claims/${res.body.claimId}`).set(as(approver)).expect(200);
    expect(detail.body).toMatchObject({
      claimId: res.body.claimId,
      memberId,
      status: 'submitted',
      amount: 500_000,
      insuredEventDate: '2025-06-10',
    });
    expect(detail.body.breakdown.references[0]).toMatchObject({
      table: 'CHILDBIRTH_GRANT',
      effectiveFrom: '2023-04-01',
    });
    expect(detail.body.payment.account.accountNumber).toBe('***4321');
  });

  it('domain.md 4.1: the sickness allowance takes the SMR history from the member stream (300,000 × 6 + 320,000 × 6 → 6,887 a day)', async () => {
    const { memberId } = await member({ acquisitionDate: '2024-01-01', monthlyRemuneration: 300_000 });
    await request(system.http)
      .post(`/members/${memberId}/remuneration-revisions`)
      .set(as(clerk))
      .send({ effectiveFrom: '2024-07', kind: 'occasional', monthlyRemuneration: 320_000 })
      .expect(200);
    const days = { from: '2024-12-01', to: '2024-12-13' };
    const res = await submit(memberId, {
      submittedOn: '2025-01-10',
      benefit: { kind: 'sickness-allowance', daysUnableToWork: [days], claimPeriod: days, previouslyPaidDays: 0 },
    }).expect(201);
    // Waiting period 12-01..12-03, paid from the 4th day: 10 days.
    expect(res.body.amount).toBe(10 * 6_887);
    const detail = await request(system.http).get(`/benefit-claims/${res.body.claimId}`).set(as(clerk)).expect(200);
    expect(detail.body.benefit.remunerationHistory).toHaveLength(12);
    expect(detail.body.breakdown.steps.find((s: { step: string }) => s.step.startsWith('daily amount')).value).toBe(
      6_887,
    );
  });

  it('four-eyes: the clerk who submitted cannot approve, even as "same-person" for "Same-Person " (422 four_eyes, nothing written); another approver can, once', async () => {
    const { memberId } = await member();
    const { body: claim } = await submit(
      memberId,
      { benefit: grant('2025-07-01') },
      await system.token('clerk', 'Same-Person '),
    ).expect(201);
    const before = await claimAndMemberEventCount(system);
    const same = await request(system.http)
      .post(`/benefit-claims/${claim.claimId}/approval`)
      .set(as(await system.token('approver', 'same-person')))
      .expect(422);
    expect(same.headers['content-type']).toMatch(/problem\+json/);
    expect(same.body.violations[0]).toMatchObject({ field: 'actor', rule: 'four_eyes' });
    expect(await claimAndMemberEventCount(system)).toBe(before);

    const approved = await request(system.http)
      .post(`/benefit-claims/${claim.claimId}/approval`)
      .set(as(approver))
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', amount: 500_000, events: ['BenefitClaimApproved'] });
    const again = await request(system.http)
      .post(`/benefit-claims/${claim.claimId}/approval`)
      .set(as(approver))
      .expect(200);
    expect(again.body.events).toEqual([]);
    const list = await request(system.http)
      .get('/benefit-claims')
      .query({ memberId, status: 'approved', minPosition: approved.body.position })
      .set(as(clerk))
      .expect(200);
    expect(list.body.items.map((c: { claimId: string }) => c.claimId)).toEqual([claim.claimId]);
    await request(system.http).post(`/benefit-claims/${claim.claimId}/withdrawal`).set(as(clerk)).send({}).expect(409);
  });

  it('domain.md 4.3 / 3.1: a birth before the acquisition date is refused as not covered: 422 naming the rule, one rejection event only', async () => {
    const { memberId } = await member({ acquisitionDate: '2025-04-01' });
    const before = await claimAndMemberEventCount(system);
    const res = await submit(memberId, { benefit: grant('2025-03-20') }).expect(422);
    expect(res.body.code).toBe('not_covered');
    expect(res.body.violations[0]).toMatchObject({ field: 'benefit', rule: 'not_covered' });
    expect(await claimAndMemberEventCount(system)).toBe(before + 1);
    const claimId = /claim ([0-9a-f-]{36})/.exec(res.body.detail)![1]!;
    const stream = await system.events.readStream(`claim-${claimId}`);
    expect(stream.map((e) => e.type)).toEqual(['BenefitClaimRejected']);
    const detail = await request(system.http).get(`/benefit-claims/${claimId}`).set(as(clerk)).expect(200);
    expect(detail.body).toMatchObject({ status: 'rejected', rejection: { stage: 'submission', rule: 'not_covered' } });
  });

  it('domain.md 4.9: a grant claimed more than 2 years after the day after the birth is time-barred: 422 limitation_expired, one rejection event', async () => {
    const { memberId } = await member({ acquisitionDate: '2023-01-01' });
    const before = await claimAndMemberEventCount(system);
    const res = await submit(memberId, { benefit: grant('2023-05-01'), submittedOn: '2025-05-02' }).expect(422);
    expect(res.body.violations[0]).toMatchObject({ field: 'benefit', rule: 'limitation_expired' });
    expect(await claimAndMemberEventCount(system)).toBe(before + 1);
    // One day earlier the right still stands (start 2023-05-02, lapses on 2025-05-02).
    await submit(memberId, { benefit: grant('2023-05-01'), submittedOn: '2025-05-01' }).expect(201);
  });

  it('rejection on review needs a reason and names it; withdrawal before approval; public funds need a registered account (domain.md 7)', async () => {
    const { memberId } = await member();
    const { body: a } = await submit(memberId, { benefit: grant('2025-08-01') }).expect(201);
    const rejected = await request(system.http)
      .post(`/benefit-claims/${a.claimId}/rejection`)
      .set(as(approver))
      .send({ reason: 'duplicate of an earlier claim' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', events: ['BenefitClaimRejected'] });
    const { body: b } = await submit(memberId, { benefit: grant('2025-08-02') }).expect(201);
    await request(system.http)
      .post(`/benefit-claims/${b.claimId}/withdrawal`)
      .set(as(clerk))
      .send({ reason: 'sent twice' })
      .expect(200);
    const withdrawn = await request(system.http).get(`/benefit-claims/${b.claimId}`).set(as(clerk)).expect(200);
    expect(withdrawn.body.withdrawal).toMatchObject({ reason: 'sent twice' });

    const before = await claimAndMemberEventCount(system);
    const refused = await submit(memberId, {
      benefit: grant('2025-08-03'),
      payment: { method: 'public-funds' },
    }).expect(422);
    expect(refused.body.violations[0]).toMatchObject({
      field: 'payment.method',
      rule: 'public_funds_account_registered',
    });
    expect(await claimAndMemberEventCount(system)).toBe(before);
    await registerPublicFundsAccount(system, memberId);
    await submit(memberId, { benefit: grant('2025-08-03'), payment: { method: 'public-funds' } }).expect(201);
  });

  it('Idempotency-Key: a retried submission answers the same claim and writes nothing; If-Match guards a decision', async () => {
    const { memberId } = await member();
    const send = () => submit(memberId, { benefit: grant('2025-09-10') }).set('Idempotency-Key', `claim-${memberId}`);
    const first = await send().expect(201);
    const before = await claimAndMemberEventCount(system);
    const again = await send().expect(201);
    expect(again.body.claimId).toBe(first.body.claimId);
    expect(await claimAndMemberEventCount(system)).toBe(before);
    const stale = await request(system.http)
      .post(`/benefit-claims/${first.body.claimId}/approval`)
      .set(as(approver))
      .set('If-Match', `"${first.body.revision + 1}"`)
      .expect(409);
    expect(stale.body.violations[0].rule).toBe('stale_revision');
    await request(system.http)
      .post(`/benefit-claims/${first.body.claimId}/approval`)
      .set(as(approver))
      .set('If-Match', `"${first.body.revision}"`)
      .expect(200);
  });

  it('a clerk cannot approve and an approver cannot submit (roles)', async () => {
    const { memberId } = await member();
    const { body } = await submit(memberId, { benefit: grant('2025-09-01') }).expect(201);
    await request(system.http).post(`/benefit-claims/${body.claimId}/approval`).set(as(clerk)).expect(403);
    await submit(memberId, { benefit: grant('2025-09-02') }, approver).expect(403);
  });

  describe('bad input: 400/422 problem+json naming the field, nothing written', () => {
    let memberId: string;
    let claimId: string;
    let withdrawnId: string;
    beforeAll(async () => {
      ({ memberId } = await member());
      ({
        body: { claimId },
      } = await submit(memberId, { benefit: grant('2025-10-01') }).expect(201));
      ({
        body: { claimId: withdrawnId },
      } = await submit(memberId, { benefit: grant('2025-10-02') }).expect(201));
      await request(system.http).post(`/benefit-claims/${withdrawnId}/withdrawal`).set(as(clerk)).send({}).expect(200);
    });
    const cases: [string, () => request.Test, number, string][] = [
      [
        'submit: wrong type',
        () => submit(memberId, { benefit: { ...grant('2025-06-01'), numberOfBabies: 'two' } }),
        400,
        'benefit.numberOfBabies',
      ],
      ['submit: bad date', () => submit(memberId, { benefit: grant('2025-02-30') }), 400, 'benefit.birthDate'],
      [
        'submit: bad date in a range',
        () =>
          submit(memberId, {
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
      ['submit: unknown kind', () => submit(memberId, { benefit: { kind: 'lottery-win' } }), 400, 'benefit.kind'],
      [
        'submit: unknown field',
        () => submit(memberId, { benefit: grant('2025-06-01'), coverage: { covered: true } }),
        400,
        'coverage',
      ],
      [
        'submit: range in the wrong order (decider)',
        () =>
          submit(memberId, {
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
        () => submit(memberId, { benefit: { ...grant('2025-06-01'), kind: 'family-childbirth-grant' } }),
        400,
        'personId',
      ],
      [
        'submit: rule — unknown person',
        () => submit(memberId, { personId: 'nobody', benefit: grant('2025-06-01') }),
        422,
        'personId',
      ],
      [
        'submit: rule — unknown bank',
        () =>
          submit(memberId, {
            benefit: grant('2025-06-01'),
            payment: { method: 'account', account: { ...claimAccount, bankCode: '0002' } },
          }),
        422,
        'payment.account.bankCode',
      ],
      [
        'submit: rule — facts after the submission date',
        () => submit(memberId, { benefit: grant('2025-06-01'), submittedOn: '2025-05-01' }),
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
