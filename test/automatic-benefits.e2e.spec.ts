import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { apiAs } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAndMemberEventCount, highCostRecord, registerPublicFundsAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { eventually, payEverythingOnce } from './support/payouts.js';

/** Issue 13.4 over HTTP: automatic benefits are paid as the member chose, bounded, and approved by two people. */
describe('automatic benefits: payment preference, bounds, four-eyes (issue 13.4)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let seed = 13_400;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const member = async () =>
    (await enroll(system, enrollment({ individualNumber: individualNumber(seed++), acquisitionDate: '2024-04-01' })))
      .memberId;
  const account = (accountNumber: string) => ({
    bankCode: '0001',
    branchCode: '001',
    accountType: 'ordinary',
    accountNumber,
    holderName: 'ヤマダ タロウ',
  });
  const choose = (memberId: string, body: Record<string, unknown>, token = clerk) =>
    request(system.http).put(`/members/${memberId}/automatic-benefit-payment`).set(as(token)).send(body);
  const record = (records: Record<string, unknown>[], token = clerk) =>
    request(system.http).post('/medical-cost-records').set(as(token)).send({ records });
  const claim = async (claimId: string) =>
    (await request(system.http).get(`/benefit-claims/${claimId}`).set(as(clerk)).expect(200)).body;
  const highCost = (body: { claims: { kind: string; claimId: string }[] }) =>
    body.claims.find((c) => c.kind === 'high-cost-medical')!.claimId;

  beforeAll(async () => {
    // 212,570 yen of 高額療養費 on the worked example is above this threshold; the 67,400 add-on is below it.
    system = await startTestBackOffice({
      AUTOMATIC_BENEFIT_APPROVAL_THRESHOLD: '100000',
      PAYOUT_CRON: '0 0 1 1 *',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    clerk = await system.token('clerk');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('without a payment preference the benefits wait with a reason clerks can act on, shown on the claim', async () => {
    const memberId = await member();
    await registerPublicFundsAccount(system, memberId); // a public-funds account alone is no opt-in
    const { body } = await record([highCostRecord(memberId, '2025-05')]).expect(200);
    const addOn = body.claims.find((c: { kind: string }) => c.kind === 'additional-benefit');
    const detail = await claim(addOn.claimId);
    expect(detail.status).toBe('approved');
    expect(detail.payTo).toMatchObject({ status: 'pending', reason: 'no_payment_preference' });
    expect(detail.payTo.detail).toMatch(/account/);
    const approval = (await system.events.readStream(`claim-${addOn.claimId}`)).at(-1)!;
    expect(approval.data).toMatchObject({ payTo: { status: 'pending', reason: 'no_payment_preference' } });
  });

  it('the public-funds opt-in pays the account registered at recording; without one registered, the benefit waits', async () => {
    const withAccount = await member();
    await registerPublicFundsAccount(system, withAccount, '1111111');
    await choose(withAccount, { method: 'public-funds' }).expect(200);
    const { body } = await record([highCostRecord(withAccount, '2025-05')]).expect(200);
    await registerPublicFundsAccount(system, withAccount, '2222222');
    const addOn = body.claims.find((c: { kind: string }) => c.kind === 'additional-benefit');
    expect((await claim(addOn.claimId)).payTo).toMatchObject({
      status: 'fixed',
      source: 'public-funds',
      account: { accountNumber: '***1111' },
    });

    const without = await member();
    await choose(without, { method: 'public-funds' }).expect(200);
    const second = (await record([highCostRecord(without, '2025-05')]).expect(200)).body;
    const pending = second.claims.find((c: { kind: string }) => c.kind === 'additional-benefit');
    expect((await claim(pending.claimId)).payTo).toMatchObject({
      status: 'pending',
      reason: 'public_funds_account_missing',
    });
  });

  it('a registered benefit account is used; the preference endpoint validates like the account endpoints', async () => {
    const memberId = await member();
    await choose(memberId, { method: 'account', account: account('3333333') }).expect(200);
    const again = await choose(memberId, { method: 'account', account: account('3333333') }).expect(200);
    expect(again.body.events).toEqual([]);
    const { body } = await record([highCostRecord(memberId, '2025-05')]).expect(200);
    const addOn = body.claims.find((c: { kind: string }) => c.kind === 'additional-benefit');
    expect((await claim(addOn.claimId)).payTo).toMatchObject({
      status: 'fixed',
      source: 'benefit-account',
      account: { accountNumber: '***3333' },
    });

    const before = await claimAndMemberEventCount(system);
    expect((await choose(memberId, { method: 'cash' }).expect(400)).body.violations[0].field).toBe('method');
    const shortNumber = await choose(memberId, { method: 'account', account: account('12') }).expect(400);
    expect(JSON.stringify(shortNumber.body.violations)).toContain('account.accountNumber');
    const unknownBank = await choose(memberId, {
      method: 'account',
      account: { ...account('4444444'), bankCode: '9998' },
    });
    expect(unknownBank.status).toBe(422);
    expect(unknownBank.body.violations[0]).toMatchObject({ field: 'account.bankCode', rule: 'known_bank' });
    await choose(memberId, { method: 'public-funds' }, await system.token('admin')).expect(403);
    expect(await claimAndMemberEventCount(system)).toBe(before);
    await request(system.http).delete(`/members/${memberId}/automatic-benefit-payment`).set(as(clerk)).expect(200);
  });

  it('amounts beyond sane bounds are refused with 400 naming the field, nothing written', async () => {
    const memberId = await member();
    const before = await claimAndMemberEventCount(system);
    const huge = await record([{ ...highCostRecord(memberId), totalMedicalCost: 9e15, copaymentPaid: 9e14 }]).expect(
      400,
    );
    expect(huge.body.violations[0]).toMatchObject({ field: 'records.0.totalMedicalCost', rule: 'max_yen' });
    const share = await record([{ ...highCostRecord(memberId), copaymentPaid: 500_000 }]).expect(400);
    expect(share.body.violations[0]).toMatchObject({ field: 'records.0.copaymentPaid', rule: 'copayment_share' });
    expect(await claimAndMemberEventCount(system)).toBe(before);
  });

  it('above the configured amount an automatic benefit needs an approver other than the clerk who sent the records', async () => {
    const memberId = await member();
    await choose(memberId, { method: 'account', account: account('5555555') }).expect(200);
    const sender = await system.token('clerk', 'clerk-sender');
    const { body } = await record([highCostRecord(memberId, '2025-06')], sender).expect(200);
    const claimId = highCost(body);
    const waiting = await claim(claimId);
    expect(waiting).toMatchObject({
      status: 'submitted',
      amount: 212_570,
      approvalRequired: true,
      submittedBy: 'clerk-sender',
    });
    const addOn = body.claims.find((c: { kind: string }) => c.kind === 'additional-benefit');
    expect((await claim(addOn.claimId)).status).toBe('approved');

    await request(system.http)
      .post(`/benefit-claims/${claimId}/approval`)
      .set(as(await system.token('approver', 'Clerk-Sender')))
      .expect(422);
    await request(system.http)
      .post(`/benefit-claims/${claimId}/approval`)
      .set(as(await system.token('admin')))
      .expect(403);
    const approved = await request(system.http)
      .post(`/benefit-claims/${claimId}/approval`)
      .set(as(await system.token('approver')))
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', amount: 212_570 });
  });

  it('a waiting benefit is a held payout with its reason; a clerk gives the account, and runs pay every benefit once', async () => {
    const memberId = await member();
    const { body } = await record([highCostRecord(memberId, '2025-07')]).expect(200);
    const addOn = body.claims.find((c: { kind: string }) => c.kind === 'additional-benefit').claimId as string;
    const operator = await system.token('payment-operator');
    const held = await eventually(async () => {
      const res = await request(system.http)
        .get('/payouts')
        .query({ status: 'held', memberId })
        .set(as(clerk))
        .expect(200);
      return res.body.items.find((p: { payoutId: string }) => p.payoutId === addOn);
    }, 'the held payout');
    expect(held).toMatchObject({ amount: 67_400, hold: { reason: 'no_payment_preference' } });
    const { revision } = (await request(system.http).get(`/payouts/${addOn}`).set(as(operator)).expect(200)).body;
    await request(system.http)
      .put(`/payouts/${addOn}/account`)
      .set(as(clerk))
      .set('If-Match', `"${revision}"`)
      .send({ ...account('6060606'), reason: 'account given by the member on the phone' })
      .expect(200);

    const { records } = await payEverythingOnce(await apiAs(system, 'payment-operator'), system.events);
    // This member's benefit with the clerk's account, and every automatic benefit of this file approved and fixed.
    expect(records.filter((r) => r.accountNumber === '6060606')).toEqual([
      { payoutId: addOn, accountNumber: '6060606', amount: 67_400 },
    ]);
    expect(records.map((r) => r.accountNumber).sort()).toEqual(['1111111', '3333333', '5555555', '5555555', '6060606']);
  });
});
