import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest only for a payment method the spec forbids.
import request from 'supertest';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAndMemberEventCount, highCostRecord, registerPublicFundsAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { eventually, payEverythingOnce } from './support/payouts.js';

/** Issue 13.4 over HTTP: automatic benefits are paid as the member chose, bounded, and approved by two people. */
describe('automatic benefits: payment preference, bounds, four-eyes (issue 13.4)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let clerkApi: ApiClient;
  let seed = 13_400;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const member = async () =>
    (await enroll(system, enrollment({ individualNumber: individualNumber(seed++), acquisitionDate: '2024-04-01' })))
      .memberId;
  const account = (accountNumber: string): Schemas['BankAccountDto'] => ({
    bankCode: '0001',
    branchCode: '001',
    accountType: 'ordinary',
    accountNumber,
    holderName: 'ヤマダ タロウ',
  });
  const choose = (memberId: string, body: Schemas['AutomaticBenefitPaymentDto'], api = clerkApi) =>
    api.PUT('/members/{memberId}/automatic-benefit-payment', { params: { path: { memberId } }, body });
  const record = (records: Schemas['MedicalCostRecordDto'][], api = clerkApi) =>
    api.POST('/medical-cost-records', { body: { records } });
  const recorded = async (records: Schemas['MedicalCostRecordDto'][], api = clerkApi) =>
    expectStatus(await record(records, api), 200).data;
  const claim = async (claimId: string) =>
    expectStatus(await clerkApi.GET('/benefit-claims/{claimId}', { params: { path: { claimId } } }), 200).data;
  const kindOf = (body: Schemas['MedicalCostRecordsAnswerDto'], kind: string) =>
    body.claims.find((c) => c.kind === kind)!.claimId;

  beforeAll(async () => {
    // 212,570 yen of 高額療養費 on the worked example is above this threshold; the 67,400 add-on is below it.
    system = await startTestBackOffice({
      AUTOMATIC_BENEFIT_APPROVAL_THRESHOLD: '100000',
      PAYOUT_CRON: '0 0 1 1 *',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    clerk = await system.token('clerk');
    clerkApi = await apiAs(system, 'clerk');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('without a payment preference the benefits wait with a reason clerks can act on, shown on the claim', async () => {
    const memberId = await member();
    await registerPublicFundsAccount(system, memberId); // a public-funds account alone is no opt-in
    const body = await recorded([highCostRecord(memberId, '2025-05')]);
    const addOn = { claimId: kindOf(body, 'additional-benefit') };
    const detail = await claim(addOn.claimId);
    expect(detail.status).toBe('approved');
    expect(detail.payTo).toMatchObject({ status: 'pending', reason: 'no_payment_preference' });
    expect(detail.payTo!.detail).toMatch(/account/);
    const approval = (await system.events.readStream(`claim-${addOn.claimId}`)).at(-1)!;
    expect(approval.data).toMatchObject({ payTo: { status: 'pending', reason: 'no_payment_preference' } });
  });

  it('the public-funds opt-in pays the account registered at recording; without one registered, the benefit waits', async () => {
    const withAccount = await member();
    await registerPublicFundsAccount(system, withAccount, '1111111');
    expectStatus(await choose(withAccount, { method: 'public-funds' }), 200);
    const body = await recorded([highCostRecord(withAccount, '2025-05')]);
    await registerPublicFundsAccount(system, withAccount, '2222222');
    const addOn = { claimId: kindOf(body, 'additional-benefit') };
    expect((await claim(addOn.claimId)).payTo).toMatchObject({
      status: 'fixed',
      source: 'public-funds',
      account: { accountNumber: '***1111' },
    });

    const without = await member();
    expectStatus(await choose(without, { method: 'public-funds' }), 200);
    const second = await recorded([highCostRecord(without, '2025-05')]);
    expect((await claim(kindOf(second, 'additional-benefit'))).payTo).toMatchObject({
      status: 'pending',
      reason: 'public_funds_account_missing',
    });
  });

  it('a registered benefit account is used; the preference endpoint validates like the account endpoints', async () => {
    const memberId = await member();
    expectStatus(await choose(memberId, { method: 'account', account: account('3333333') }), 200);
    const again = expectStatus(await choose(memberId, { method: 'account', account: account('3333333') }), 200);
    expect(again.data.events).toEqual([]);
    const body = await recorded([highCostRecord(memberId, '2025-05')]);
    const addOn = { claimId: kindOf(body, 'additional-benefit') };
    expect((await claim(addOn.claimId)).payTo).toMatchObject({
      status: 'fixed',
      source: 'benefit-account',
      account: { accountNumber: '***3333' },
    });

    const before = await claimAndMemberEventCount(system);
    // A method the spec does not have: sent raw.
    const cash = await request(system.http)
      .put(`/members/${memberId}/automatic-benefit-payment`)
      .set(as(clerk))
      .send({ method: 'cash' })
      .expect(400);
    expect(cash.body.violations[0].field).toBe('method');
    const shortNumber = expectProblem(await choose(memberId, { method: 'account', account: account('12') }), 400);
    expect(JSON.stringify(shortNumber.error.violations)).toContain('account.accountNumber');
    const unknownBank = await choose(memberId, {
      method: 'account',
      account: { ...account('4444444'), bankCode: '9998' },
    });
    expect(expectProblem(unknownBank, 422).error.violations![0]).toMatchObject({
      field: 'account.bankCode',
      rule: 'known_bank',
    });
    expectProblem(await choose(memberId, { method: 'public-funds' }, await apiAs(system, 'admin')), 403);
    expect(await claimAndMemberEventCount(system)).toBe(before);
    const removed = await clerkApi.DELETE('/members/{memberId}/automatic-benefit-payment', {
      params: { path: { memberId } },
    });
    expectStatus(removed, 200);
  });

  it('amounts beyond sane bounds are refused with 400 naming the field, nothing written', async () => {
    const memberId = await member();
    const before = await claimAndMemberEventCount(system);
    const huge = await record([{ ...highCostRecord(memberId), totalMedicalCost: 9e15, copaymentPaid: 9e14 }]);
    expect(expectProblem(huge, 400).error.violations![0]).toMatchObject({
      field: 'records.0.totalMedicalCost',
      rule: 'max_yen',
    });
    const share = await record([{ ...highCostRecord(memberId), copaymentPaid: 500_000 }]);
    expect(expectProblem(share, 400).error.violations![0]).toMatchObject({
      field: 'records.0.copaymentPaid',
      rule: 'copayment_share',
    });
    expect(await claimAndMemberEventCount(system)).toBe(before);
  });

  it('above the configured amount an automatic benefit needs an approver other than the clerk who sent the records', async () => {
    const memberId = await member();
    expectStatus(await choose(memberId, { method: 'account', account: account('5555555') }), 200);
    const sender = await apiAs(system, 'clerk', 'clerk-sender');
    const body = await recorded([highCostRecord(memberId, '2025-06')], sender);
    const claimId = kindOf(body, 'high-cost-medical');
    const waiting = await claim(claimId);
    expect(waiting).toMatchObject({
      status: 'submitted',
      amount: 212_570,
      approvalRequired: true,
      submittedBy: 'clerk-sender',
    });
    const addOn = { claimId: kindOf(body, 'additional-benefit') };
    expect((await claim(addOn.claimId)).status).toBe('approved');

    const approve = async (api: ApiClient) =>
      api.POST('/benefit-claims/{claimId}/approval', { params: { path: { claimId } }, body: {} });
    expectProblem(await approve(await apiAs(system, 'approver', 'Clerk-Sender')), 422);
    expectProblem(await approve(await apiAs(system, 'admin')), 403);
    const approved = expectStatus(await approve(await apiAs(system, 'approver')), 200);
    expect(approved.data).toMatchObject({ status: 'approved', amount: 212_570 });
  });

  it('a waiting benefit is a held payout with its reason; a clerk gives the account, and runs pay every benefit once', async () => {
    const memberId = await member();
    const body = await recorded([highCostRecord(memberId, '2025-07')]);
    const addOn = kindOf(body, 'additional-benefit');
    const operator = await apiAs(system, 'payment-operator');
    const held = await eventually(async () => {
      const res = await clerkApi.GET('/payouts', { params: { query: { status: 'held', memberId } } });
      return expectStatus(res, 200).data.items.find((p) => p.payoutId === addOn);
    }, 'the held payout');
    expect(held).toMatchObject({ amount: 67_400, hold: { reason: 'no_payment_preference' } });
    const path = { payoutId: addOn };
    const { revision } = expectStatus(await operator.GET('/payouts/{payoutId}', { params: { path } }), 200).data;
    const given = await clerkApi.PUT('/payouts/{payoutId}/account', {
      params: { path, header: { 'If-Match': `"${revision}"` } },
      body: { ...account('6060606'), reason: 'account given by the member on the phone' },
    });
    expectStatus(given, 200);

    const { records } = await payEverythingOnce(operator, system.events);
    // This member's benefit with the clerk's account, and every automatic benefit of this file approved and fixed.
    expect(records.filter((r) => r.accountNumber === '6060606')).toEqual([
      { payoutId: addOn, accountNumber: '6060606', amount: 67_400 },
    ]);
    expect(records.map((r) => r.accountNumber).sort()).toEqual(['1111111', '3333333', '5555555', '5555555', '6060606']);
  });

  it('approval re-checks the month as recording did: acquired mid-month approves; after the 取消 of the acquisition, 409', async () => {
    const midMonth = async () => {
      const body = enrollment({ individualNumber: individualNumber(seed++), acquisitionDate: '2025-06-15' });
      const { memberId } = await enroll(system, body);
      expectStatus(await choose(memberId, { method: 'account', account: account('7070707') }), 200);
      const answer = await recorded([highCostRecord(memberId, '2025-06')]);
      return { memberId, claimId: kindOf(answer, 'high-cost-medical') };
    };
    const approver = await apiAs(system, 'approver');
    const approve = (claimId: string) =>
      approver.POST('/benefit-claims/{claimId}/approval', { params: { path: { claimId } }, body: {} });

    const kept = await midMonth();
    expect(await claim(kept.claimId)).toMatchObject({ status: 'submitted', approvalRequired: true });
    expect(expectStatus(await approve(kept.claimId), 200).data).toMatchObject({ status: 'approved', amount: 212_570 });

    const cancelled = await midMonth();
    const cancellation = await clerkApi.POST('/members/{memberId}/cancellations', {
      params: { path: { memberId: cancelled.memberId } },
      body: { target: 'acquisition', reason: '別人の届出' },
    });
    expectStatus(cancellation, 200);
    const before = await claimAndMemberEventCount(system);
    const refused = expectProblem(await approve(cancelled.claimId), 409).error;
    expect(refused.violations![0]).toMatchObject({ field: 'month', rule: 'not_covered_on_event_date' });
    expect(await claimAndMemberEventCount(system)).toBe(before);
    expect((await claim(cancelled.claimId)).status).toBe('submitted');
  });
});
