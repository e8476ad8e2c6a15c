import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount, claimAndMemberEventCount, recordDeath, registerPublicFundsAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

/** Issue 13.2 / 13.3 over HTTP: the claim records its payee and the account it will be paid to at application. */
describe('payee and paying account fixed at application (issue 13.2, 13.3)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let approver: string;
  let seed = 13_200;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const member = async () =>
    (await enroll(system, enrollment({ individualNumber: individualNumber(seed++), acquisitionDate: '2024-04-01' })))
      .memberId;
  const putAccount = (memberId: string, accountNumber: string) =>
    registerPublicFundsAccount(system, memberId, accountNumber);
  const submit = (memberId: string, body: Record<string, unknown>) =>
    request(system.http)
      .post(`/members/${memberId}/benefit-claims`)
      .set(as(clerk))
      .send({ personId: 'insured', ...body });
  const approvalOf = async (claimId: string) =>
    (await system.events.readStream(`claim-${claimId}`)).find((e) => e.type === 'BenefitClaimApproved')!.data as {
      payTo: {
        status: string;
        source: string;
        payee: { kind: string; name: string | null };
        account: { accountNumber: string };
      };
    };
  const grant = { kind: 'childbirth-grant', birthDate: '2025-06-10', numberOfBabies: 1, obstetricCompensation: true };

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    approver = await system.token('approver');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 7: a claim opting into public funds is paid to the account registered when it was submitted, not a later one', async () => {
    const memberId = await member();
    await putAccount(memberId, '1111111');
    const { body: claim } = await submit(memberId, { benefit: grant, payment: { method: 'public-funds' } }).expect(201);
    await putAccount(memberId, '2222222');
    await request(system.http).post(`/benefit-claims/${claim.claimId}/approval`).set(as(approver)).expect(200);

    const approval = await approvalOf(claim.claimId);
    expect(approval.payTo).toMatchObject({
      status: 'fixed',
      source: 'public-funds',
      payee: { kind: 'insured' },
      account: { accountNumber: '1111111' },
    });
    const detail = await request(system.http).get(`/benefit-claims/${claim.claimId}`).set(as(clerk)).expect(200);
    expect(detail.body.payTo).toMatchObject({ source: 'public-funds', account: { accountNumber: '***1111' } });
  });

  it('domain.md 7: public funds without a registered account is refused (422), nothing written', async () => {
    const memberId = await member();
    const before = await claimAndMemberEventCount(system);
    const res = await submit(memberId, { benefit: grant, payment: { method: 'public-funds' } }).expect(422);
    expect(res.body.violations[0]).toMatchObject({ field: 'payment.method', rule: 'public_funds_account_registered' });
    expect(await claimAndMemberEventCount(system)).toBe(before);
  });

  it("domain.md 4.4: 埋葬料 names whoever performed the burial and is paid to their account, never the deceased's", async () => {
    const memberId = await member();
    await putAccount(memberId, '3333333');
    await recordDeath(system, memberId, '2025-05-20');
    const burial = { kind: 'burial-allowance', dateOfDeath: '2025-05-20' };
    const performer = { kind: 'burial-performer', name: 'ヤマダ ハナコ', relationship: 'spouse' };
    const before = await claimAndMemberEventCount(system);
    const noPayee = await submit(memberId, { benefit: burial, payment: { method: 'account', account: claimAccount } });
    expect(noPayee.status).toBe(422);
    expect(noPayee.body.violations[0]).toMatchObject({ field: 'payee.kind', rule: 'burial_performer' });
    const deceasedsAccount = await submit(memberId, {
      benefit: burial,
      payee: performer,
      payment: { method: 'public-funds' },
    });
    expect(deceasedsAccount.status).toBe(422);
    expect(deceasedsAccount.body.violations[0]).toMatchObject({ rule: 'public_funds_own_account' });
    expect(await claimAndMemberEventCount(system)).toBe(before);

    const { body: claim } = await submit(memberId, {
      benefit: burial,
      payee: performer,
      payment: { method: 'account', account: { ...claimAccount, holderName: 'ヤマダ ハナコ' } },
    }).expect(201);
    await request(system.http).post(`/benefit-claims/${claim.claimId}/approval`).set(as(approver)).expect(200);
    expect((await approvalOf(claim.claimId)).payTo).toMatchObject({
      status: 'fixed',
      source: 'claim',
      payee: { kind: 'burial-performer', name: 'ヤマダ ハナコ' },
      account: { accountNumber: claimAccount.accountNumber },
    });
  });

  it('issue 13.7: an admin is refused on the money path (submit, approve, medical cost records, runs, bank results)', async () => {
    const memberId = await member();
    const { body: claim } = await submit(memberId, {
      benefit: grant,
      payment: { method: 'account', account: claimAccount },
    }).expect(201);
    const admin = as(await system.token('admin'));
    const refusals = [
      request(system.http)
        .post(`/members/${memberId}/benefit-claims`)
        .set(admin)
        .send({ personId: 'insured', benefit: grant, payment: { method: 'account', account: claimAccount } }),
      request(system.http).post(`/benefit-claims/${claim.claimId}/approval`).set(admin).send({}),
      request(system.http).post(`/benefit-claims/${claim.claimId}/rejection`).set(admin).send({ reason: 'no' }),
      request(system.http).post('/medical-cost-records').set(admin).send({ records: [] }),
      request(system.http).post('/payout-runs').set(admin).send({}),
      request(system.http).post('/payout-runs/run-20250101-0900/bank-results').set(admin).send({}),
      request(system.http).put(`/members/${memberId}/public-funds-account`).set(admin).send({}),
    ];
    for (const res of await Promise.all(refusals)) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('role_not_allowed');
    }
    expect(
      (await request(system.http).get(`/benefit-claims/${claim.claimId}`).set(as(clerk)).expect(200)).body.status,
    ).toBe('submitted');
  });

  it('a missing payee name is a 400 naming the field', async () => {
    const memberId = await member();
    const res = await submit(memberId, {
      benefit: grant,
      payee: { kind: 'receiving-agent' },
      payment: { method: 'account', account: claimAccount },
    }).expect(400);
    expect(JSON.stringify(res.body.violations)).toContain('payee.name');
  });
});
