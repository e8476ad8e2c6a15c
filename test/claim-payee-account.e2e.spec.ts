import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest for bodies the spec forbids (empty bodies an admin is refused
// before they are read).
import request from 'supertest';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { approveClaim } from './support/claims.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount, claimAndMemberEventCount, recordDeath, registerPublicFundsAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

/** Issue 13.2 / 13.3 over HTTP: the claim records its payee and the account it will be paid to at application. */
describe('payee and paying account fixed at application (issue 13.2, 13.3)', () => {
  let system: TestBackOffice;
  let clerkApi: ApiClient;
  let approver: ApiClient;
  let seed = 13_200;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const member = async () =>
    (await enroll(system, enrollment({ individualNumber: individualNumber(seed++), acquisitionDate: '2024-04-01' })))
      .memberId;
  const putAccount = (memberId: string, accountNumber: string) =>
    registerPublicFundsAccount(system, memberId, accountNumber);
  const submit = (memberId: string, body: Omit<Schemas['SubmitBenefitClaimDto'], 'personId'>, api = clerkApi) =>
    api.POST('/members/{memberId}/benefit-claims', {
      params: { path: { memberId } },
      body: { personId: 'insured', ...body },
    });
  const claimView = async (claimId: string) =>
    expectStatus(await clerkApi.GET('/benefit-claims/{claimId}', { params: { path: { claimId } } }), 200).data;
  const approvalOf = async (claimId: string) =>
    (await system.events.readStream(`claim-${claimId}`)).find((e) => e.type === 'BenefitClaimApproved')!.data as {
      payTo: {
        status: string;
        source: string;
        payee: { kind: string; name: string | null };
        account: { accountNumber: string };
      };
    };
  const grant: Schemas['ChildbirthGrantDto'] = {
    kind: 'childbirth-grant',
    birthDate: '2025-06-10',
    numberOfBabies: 1,
    obstetricCompensation: true,
  };

  beforeAll(async () => {
    system = await startTestBackOffice();
    [clerkApi, approver] = [await apiAs(system, 'clerk'), await apiAs(system, 'approver')];
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 7: a claim opting into public funds is paid to the account registered when it was submitted, not a later one', async () => {
    const memberId = await member();
    await putAccount(memberId, '1111111');
    const claim = expectStatus(
      await submit(memberId, { benefit: grant, payment: { method: 'public-funds' } }),
      201,
    ).data;
    await putAccount(memberId, '2222222');
    await approveClaim(approver, claim.claimId);

    const approval = await approvalOf(claim.claimId);
    expect(approval.payTo).toMatchObject({
      status: 'fixed',
      source: 'public-funds',
      payee: { kind: 'insured' },
      account: { accountNumber: '1111111' },
    });
    expect((await claimView(claim.claimId)).payTo).toMatchObject({
      source: 'public-funds',
      account: { accountNumber: '***1111' },
    });
  });

  it('domain.md 7: public funds without a registered account is refused (422), nothing written', async () => {
    const memberId = await member();
    const before = await claimAndMemberEventCount(system);
    const res = expectProblem(await submit(memberId, { benefit: grant, payment: { method: 'public-funds' } }), 422);
    expect(res.error.violations![0]).toMatchObject({
      field: 'payment.method',
      rule: 'public_funds_account_registered',
    });
    expect(await claimAndMemberEventCount(system)).toBe(before);
  });

  it("domain.md 4.4: 埋葬料 names whoever performed the burial and is paid to their account, never the deceased's", async () => {
    const memberId = await member();
    await putAccount(memberId, '3333333');
    await recordDeath(system, memberId, '2025-05-20');
    const burial: Schemas['FuneralDto'] = { kind: 'burial-allowance', dateOfDeath: '2025-05-20' };
    const performer: Schemas['PayeeDto'] = { kind: 'burial-performer', name: 'ヤマダ ハナコ', relationship: 'spouse' };
    const before = await claimAndMemberEventCount(system);
    const noPayee = await submit(memberId, { benefit: burial, payment: { method: 'account', account: claimAccount } });
    expect(expectProblem(noPayee, 422).error.violations![0]).toMatchObject({
      field: 'payee.kind',
      rule: 'burial_performer',
    });
    const deceasedsAccount = await submit(memberId, {
      benefit: burial,
      payee: performer,
      payment: { method: 'public-funds' },
    });
    expect(expectProblem(deceasedsAccount, 422).error.violations![0]).toMatchObject({
      rule: 'public_funds_own_account',
    });
    expect(await claimAndMemberEventCount(system)).toBe(before);

    const submitted = await submit(memberId, {
      benefit: burial,
      payee: performer,
      payment: { method: 'account', account: { ...claimAccount, holderName: 'ヤマダ ハナコ' } },
    });
    const claim = expectStatus(submitted, 201).data;
    await approveClaim(approver, claim.claimId);
    expect((await approvalOf(claim.claimId)).payTo).toMatchObject({
      status: 'fixed',
      source: 'claim',
      payee: { kind: 'burial-performer', name: 'ヤマダ ハナコ' },
      account: { accountNumber: claimAccount.accountNumber },
    });
  });

  it('issue 13.7: an admin is refused on the money path (submit, approve, medical cost records, runs, bank results)', async () => {
    const memberId = await member();
    const submitted = await submit(memberId, { benefit: grant, payment: { method: 'account', account: claimAccount } });
    const { claimId } = expectStatus(submitted, 201).data;
    const admin = await apiAs(system, 'admin');
    const adminToken = as(await system.token('admin'));
    const refusals = await Promise.all([
      submit(memberId, { benefit: grant, payment: { method: 'account', account: claimAccount } }, admin),
      admin.POST('/benefit-claims/{claimId}/approval', { params: { path: { claimId } }, body: {} }),
      admin.POST('/benefit-claims/{claimId}/rejection', { params: { path: { claimId } }, body: { reason: 'no' } }),
      admin.POST('/medical-cost-records', { body: { records: [] } }),
      admin.POST('/payout-runs'),
    ]);
    for (const res of refusals) expect(expectProblem(res, 403).error.code).toBe('role_not_allowed');
    // Empty bodies the spec forbids: the role is refused before the body is read.
    const raw = [
      request(system.http).post('/payout-runs/run-20250101-0900/bank-results').set(adminToken).send({}),
      request(system.http).put(`/members/${memberId}/public-funds-account`).set(adminToken).send({}),
    ];
    for (const res of await Promise.all(raw)) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('role_not_allowed');
    }
    expect((await claimView(claimId)).status).toBe('submitted');
  });

  it('a missing payee name is a 400 naming the field', async () => {
    const memberId = await member();
    // The name is required for this kind of payee only (the spec cannot say so): a 400 from the server's rule.
    const res = await submit(memberId, {
      benefit: grant,
      payee: { kind: 'receiving-agent' },
      payment: { method: 'account', account: claimAccount },
    });
    expect(JSON.stringify(expectProblem(res, 400).error.violations)).toContain('payee.name');
  });
});
