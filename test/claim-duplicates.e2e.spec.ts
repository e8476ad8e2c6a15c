import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest only for a field the spec does not have.
import request from 'supertest';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount, claimAndMemberEventCount, recordDeath } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { payEverythingOnce } from './support/payouts.js';

/** Issue 13.5 over HTTP: the same insured event is never approved twice; the 出産手当金 priority is computed. */
describe('duplicate claims and the maternity priority (issue 13.5)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let approver: ApiClient;
  let seed = 13_500;
  const member = async (overrides: Partial<Schemas['EnrollMemberDto']> = {}) =>
    (
      await enroll(
        system,
        enrollment({ individualNumber: individualNumber(seed++), acquisitionDate: '2023-04-01', ...overrides }),
      )
    ).memberId;
  type Benefit = Schemas['SubmitBenefitClaimDto']['benefit'];
  const claimBody = (benefit: Benefit): Schemas['SubmitBenefitClaimDto'] => ({
    personId: 'insured',
    benefit,
    payment: { method: 'account', account: claimAccount },
    submittedOn: '2025-08-20',
  });
  const submit = (memberId: string, benefit: Benefit) =>
    clerk.POST('/members/{memberId}/benefit-claims', { params: { path: { memberId } }, body: claimBody(benefit) });
  const approve = (claimId: string, body: Schemas['ApprovalDto'] = {}) =>
    approver.POST('/benefit-claims/{claimId}/approval', { params: { path: { claimId } }, body });
  const claimView = async (claimId: string) =>
    expectStatus(await approver.GET('/benefit-claims/{claimId}', { params: { path: { claimId } } }), 200).data;
  const grant = (birthDate: string): Schemas['ChildbirthGrantDto'] => ({
    kind: 'childbirth-grant',
    birthDate,
    numberOfBabies: 1,
    obstetricCompensation: true,
  });
  const maternity: Schemas['MaternityAllowanceDto'] = {
    kind: 'maternity-allowance',
    expectedBirthDate: '2025-07-15',
    actualBirthDate: '2025-07-15',
    multiplePregnancy: false,
    daysOffWork: [{ from: '2025-06-04', to: '2025-07-31' }],
    claimPeriod: { from: '2025-06-04', to: '2025-07-31' },
  };
  const sickness = (from: string, to: string): Schemas['SicknessAllowanceDto'] => ({
    kind: 'sickness-allowance',
    daysUnableToWork: [{ from, to }],
    claimPeriod: { from, to },
    previouslyPaidDays: 0,
  });

  beforeAll(async () => {
    system = await startTestBackOffice({ PAYOUT_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    clerk = await apiAs(system, 'clerk');
    approver = await apiAs(system, 'approver');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 4.3: a second grant for the same birth is refused at approval (409 naming the first); an approver may allow another child with a reason', async () => {
    const memberId = await member({ sex: 'female', name: '山田 花子', nameKana: 'ヤマダ ハナコ' });
    const { data: first } = expectStatus(await submit(memberId, grant('2025-07-01')), 201);
    expectStatus(await approve(first.claimId), 200);
    // The second twin, born the next day, claimed separately: recorded with the earlier claim named.
    const { data: second } = expectStatus(await submit(memberId, grant('2025-07-02')), 201);
    const detail = await claimView(second.claimId);
    expect(detail.duplicateOf).toEqual([first.claimId]);

    const before = await claimAndMemberEventCount(system);
    const refused = expectProblem(await approve(second.claimId), 409);
    expect(refused.error.code).toBe('duplicate_insured_event');
    expect(refused.error.detail).toContain(first.claimId);
    expect(await claimAndMemberEventCount(system)).toBe(before);

    expectProblem(await approve(second.claimId, { duplicateOverride: { reason: '' } }), 400);
    const allowed = expectStatus(
      await approve(second.claimId, { duplicateOverride: { reason: 'second twin, born on 7/2' } }),
      200,
    );
    expect(allowed.data.status).toBe('approved');
    const approval = (await system.events.readStream(`claim-${second.claimId}`)).at(-1)!;
    expect(approval.data).toMatchObject({
      duplicateOverride: { reason: 'second twin, born on 7/2', earlierClaimIds: [first.claimId] },
    });
    expect(approval.metadata.actor.role).toBe('approver');
  });

  it('domain.md 4.1: days of sickness allowance already approved cannot be claimed again (409 at submission, nothing written)', async () => {
    const memberId = await member();
    const { data: first } = expectStatus(await submit(memberId, sickness('2025-06-01', '2025-06-20')), 201);
    expectStatus(await approve(first.claimId), 200);
    const before = await claimAndMemberEventCount(system);
    const res = expectProblem(await submit(memberId, sickness('2025-06-15', '2025-06-30')), 409);
    expect(res.error).toMatchObject({ code: 'duplicate_insured_event' });
    expect(res.error.detail).toContain(first.claimId);
    expect(await claimAndMemberEventCount(system)).toBe(before);
    // Days after the approved ones are another claim.
    expectStatus(await submit(memberId, sickness('2025-06-21', '2025-06-30')), 201);
  });

  it('race: two claims for the same days approved at once: exactly one is approved, the other gets 409', async () => {
    const memberId = await member();
    const a = expectStatus(await submit(memberId, sickness('2025-05-01', '2025-05-20')), 201).data.claimId;
    const b = expectStatus(await submit(memberId, sickness('2025-05-01', '2025-05-20')), 201).data.claimId;
    const answers = await Promise.all([approve(a), approve(b)]);
    expect(answers.map((r) => r.response.status).sort()).toEqual([200, 409]);
    const registry = await system.events.readStream(`benefit-registry-${memberId}`);
    expect(registry).toHaveLength(1);
  });

  it('domain.md 4.4: one funeral benefit per death, whichever kind is claimed', async () => {
    const memberId = await member();
    await recordDeath(system, memberId, '2025-07-10');
    const payee = { kind: 'burial-performer', name: 'ヤマダ ハナコ', relationship: 'spouse' } as const;
    const burial = (benefit: Benefit) =>
      clerk.POST('/members/{memberId}/benefit-claims', {
        params: { path: { memberId } },
        body: { personId: 'insured', benefit, payee, payment: { method: 'account', account: claimAccount } },
      });
    const { data: first } = expectStatus(await burial({ kind: 'burial-allowance', dateOfDeath: '2025-07-10' }), 201);
    expectStatus(await approve(first.claimId), 200);
    const again = expectProblem(
      await burial({
        kind: 'burial-expenses',
        dateOfDeath: '2025-07-10',
        burialDate: '2025-07-14',
        burialCost: 40_000,
      }),
      409,
    );
    expect(again.error.detail).toContain(first.claimId);
  });

  it('domain.md 4.1/4.2: the 出産手当金 priority is computed from approved claims; a clerk cannot type it (400)', async () => {
    const memberId = await member({ sex: 'female', name: '山田 花子', nameKana: 'ヤマダ ハナコ' });
    const { data: mat } = expectStatus(await submit(memberId, maternity), 201);
    expectStatus(await approve(mat.claimId), 200);

    // A field the spec does not have: sent raw.
    const typed = await request(system.http)
      .post(`/members/${memberId}/benefit-claims`)
      .set({ authorization: `Bearer ${await system.token('clerk')}` })
      .send(
        claimBody({
          ...sickness('2025-05-20', '2025-06-10'),
          maternityAllowancePaid: [{ from: '2025-06-04', to: '2025-06-10', dailyAmount: 0 }],
        } as Benefit),
      )
      .expect(400);
    expect(JSON.stringify(typed.body.violations)).toContain('maternityAllowancePaid');

    const alone = expectStatus(await submit(await member(), sickness('2025-05-20', '2025-06-10')), 201);
    const { data: sick } = expectStatus(await submit(memberId, sickness('2025-05-20', '2025-06-10')), 201);
    // Same remuneration: the 7 days 6/4..6/10 are covered by the maternity allowance with priority, so not paid again.
    expect(sick.amount).toBe(alone.data.amount! - 7 * (alone.data.amount! / 19));
    const detail = await claimView(sick.claimId);
    expect(detail.priorityFrom).toEqual([mat.claimId]);
    expectStatus(await approve(sick.claimId), 200);
  });

  it('domain.md 4.2: sickness allowance approved first counts as paid on account of the 出産手当金; one approved since the calculation is a 409', async () => {
    const mother = () => member({ sex: 'female', name: '山田 花子', nameKana: 'ヤマダ ハナコ' });
    const memberId = await mother();
    const { data: sick } = expectStatus(await submit(memberId, sickness('2025-05-20', '2025-06-10')), 201);
    expectStatus(await approve(sick.claimId), 200);
    const alone = expectStatus(await submit(await mother(), maternity), 201);
    const { data: mat } = expectStatus(await submit(memberId, maternity), 201);
    // Same remuneration, same daily amount: the 7 days 6/4..6/10 already paid as sickness allowance are not paid again.
    expect(mat.amount).toBe(alone.data.amount! - 7 * (alone.data.amount! / 58));
    const detail = await claimView(mat.claimId);
    expect(detail.priorityFrom).toEqual([sick.claimId]);

    // A sickness allowance calculated before a maternity allowance of the same days was approved: recalculate.
    const other = await mother();
    const { data: early } = expectStatus(await submit(other, sickness('2025-05-20', '2025-06-10')), 201);
    expectStatus(await approve(expectStatus(await submit(other, maternity), 201).data.claimId), 200);
    const before = await claimAndMemberEventCount(system);
    const stale = expectProblem(await approve(early.claimId), 409);
    expect(stale.error.code).toBe('priority_changed');
    expect(await claimAndMemberEventCount(system)).toBe(before);
    expectStatus(await approve(mat.claimId), 200);
  });

  it('nothing is paid twice: one run pays each approved claim once, the refused ones never; the next run pays nothing', async () => {
    const approved: string[] = [];
    for await (const page of system.events.readAllPages())
      for (const e of page) if (e.type === 'BenefitClaimApproved') approved.push(String(e.data.claimId));
    // Both twins, the sickness days once, one of the race, one funeral, 出産+傷病 twice, the other mother's 出産.
    expect(approved).toHaveLength(10);
    const { records } = await payEverythingOnce(await apiAs(system, 'payment-operator'), system.events);
    expect(records.map((r) => r.payoutId).sort()).toEqual(approved.sort());
  });
});
