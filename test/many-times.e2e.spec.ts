import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { highCostRecord } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { payEverythingOnce } from './support/payouts.js';

const ACCOUNT = { bankCode: '0001', branchCode: '001', accountType: 'ordinary', holderName: 'ヤマダ タロウ' } as const;

/**
 * Issue 13.1 over HTTP, domain.md 4.5 多数回該当 (健康保険法施行令42条): benefit months within the 12 months up to and
 * including the treatment month; one receipt of 1,000,000 yen with 300,000 paid, bracket ウ, each month:
 * 212,570 of 高額療養費 and 67,400 of 付加給付, or with 多数回 (limit 44,400) 255,600 and 24,400.
 */
describe('多数回該当: the 12-month window and late-recorded months (issue 13.1)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let seed = 13_100;
  const member = async () =>
    (
      await enroll(
        system,
        enrollment({
          individualNumber: individualNumber(seed++),
          acquisitionDate: '2023-04-01',
          monthlyRemuneration: 300_000,
        }),
      )
    ).memberId;
  const post = async (memberId: string, month: string) =>
    expectStatus(
      await clerk.POST('/medical-cost-records', { body: { records: [highCostRecord(memberId, month)] } }),
      200,
    ).data;
  type Recorded = Schemas['MedicalCostRecordsAnswerDto'];
  const highCost = (body: Recorded) => body.claims.find((c) => c.kind === 'high-cost-medical')!;
  const addOn = (body: Recorded) => body.claims.find((c) => c.kind === 'additional-benefit')!;
  const claim = async (claimId: string) =>
    expectStatus(await clerk.GET('/benefit-claims/{claimId}', { params: { path: { claimId } } }), 200).data;

  const claimAndLedgerEvents = async () => {
    let count = 0;
    for await (const page of system.events.readAllPages({ pageSize: 1_000 }))
      count += page.filter((e) => e.streamId.startsWith('claim-') || e.streamId.startsWith('medical-costs-')).length;
    return count;
  };

  beforeAll(async () => {
    system = await startTestBackOffice({ PAYOUT_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    clerk = await apiAs(system, 'clerk');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('inside the window: benefit months 2024-06, 2024-09, 2025-01 make 2025-05 the 4th (limit 44,400)', async () => {
    const memberId = await member();
    for (const month of ['2024-06', '2024-09', '2025-01'])
      expect(highCost(await post(memberId, month)).amount).toBe(212_570);
    const fourth = await post(memberId, '2025-05');
    expect(highCost(fourth).amount).toBe(255_600);
    expect(addOn(fourth).amount).toBe(24_400);
  });

  it('outside the window: a benefit month of 2024-05 is the 13th month before 2025-05 and does not count', async () => {
    const memberId = await member();
    for (const month of ['2024-05', '2024-09', '2025-01']) await post(memberId, month);
    expect(highCost(await post(memberId, '2025-05')).amount).toBe(212_570);
  });

  it('a late-recorded earlier month re-evaluates the later months: the difference is an additional claim and a recovery', async () => {
    const memberId = await member();
    const chosen = await clerk.PUT('/members/{memberId}/automatic-benefit-payment', {
      params: { path: { memberId } },
      body: { method: 'account', account: { ...ACCOUNT, accountNumber: '1313131' } },
    });
    expectStatus(chosen, 200);
    await post(memberId, '2025-01');
    await post(memberId, '2025-03');
    const may = await post(memberId, '2025-05');
    expect(highCost(may).amount).toBe(212_570);

    // 2025-04 arrives late: it is the 3rd benefit month before 2025-05, so May becomes 多数回該当.
    const april = await post(memberId, '2025-04');
    expect(highCost(april).amount).toBe(212_570);
    const additional = april.adjustments.find((a) => a.action === 'additional')!;
    expect(additional.adjusts).toBe(highCost(may).claimId);
    expect(await claim(additional.claimId)).toMatchObject({
      kind: 'high-cost-medical',
      month: '2025-05',
      amount: 255_600 - 212_570,
      status: 'approved',
      adjusts: { claimId: highCost(may).claimId },
    });
    expect(april.adjustments.find((a) => a.action === 'recovery')!.claimId).toBe(addOn(may).claimId);
    const recovered = await claim(addOn(may).claimId);
    expect(recovered.recoveries).toEqual([
      expect.objectContaining({ amount: 67_400 - 24_400, reason: 'reevaluation', by: 'clerk-1' }),
    ]);
    const recovery = (await system.events.readStream(`claim-${addOn(may).claimId}`)).at(-1)!;
    expect(recovery).toMatchObject({
      type: 'ClaimRecoveryRecorded',
      data: { amount: 43_000, payee: { kind: 'insured' }, recordedBy: 'clerk-1' },
      metadata: { actor: { id: 'clerk-1', role: 'clerk' } },
    });

    // Sent again, nothing changes; May as recorded now answers with its new amounts.
    const again = await post(memberId, '2025-04');
    expect(again.adjustments).toEqual([]);
    expect(highCost(await post(memberId, '2025-05')).amount).toBe(255_600);

    // Paid once: each month as re-evaluated, the recovery kept back from the payee's payouts (issue 13.6).
    const { records } = await payEverythingOnce(await apiAs(system, 'payment-operator'), system.events);
    const paid = records.filter((r) => r.accountNumber === '1313131');
    expect(paid.map((r) => r.payoutId)).toContain(additional.claimId);
    expect(paid).toHaveLength(9); // 4 months × (高額療養費 + 付加給付) + May's additional 高額療養費
    const eachMonth = 212_570 + 67_400;
    expect(paid.reduce((sum, r) => sum + r.amount, 0)).toBe(3 * eachMonth + 255_600 + 24_400);
  });

  it('the same receipt with other figures is a 409 naming the claim that paid it, nothing written', async () => {
    const memberId = await member();
    const first = await post(memberId, '2025-02');
    const before = await claimAndLedgerEvents();
    const res = await clerk.POST('/medical-cost-records', {
      body: { records: [{ ...highCostRecord(memberId, '2025-02'), copaymentPaid: 250_000 }] },
    });
    expect(expectProblem(res, 409).error.code).toBe('duplicate_receipt');
    expect(res.error!.detail).toContain(highCost(first).claimId);
    expect(await claimAndLedgerEvents()).toBe(before);
  });
});
