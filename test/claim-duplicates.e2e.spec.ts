import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { apiAs } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount, claimAndMemberEventCount, recordDeath } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import { payEverythingOnce } from './support/payouts.js';

/** Issue 13.5 over HTTP: the same insured event is never approved twice; the 出産手当金 priority is computed. */
describe('duplicate claims and the maternity priority (issue 13.5)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let approver: string;
  let seed = 13_500;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const member = async (overrides: Record<string, unknown> = {}) =>
    (
      await enroll(
        system,
        enrollment({ individualNumber: individualNumber(seed++), acquisitionDate: '2023-04-01', ...overrides }),
      )
    ).memberId;
  const submit = (memberId: string, benefit: Record<string, unknown>) =>
    request(system.http)
      .post(`/members/${memberId}/benefit-claims`)
      .set(as(clerk))
      .send({
        personId: 'insured',
        benefit,
        payment: { method: 'account', account: claimAccount },
        submittedOn: '2025-08-20',
      });
  const approve = (claimId: string, body: Record<string, unknown> = {}) =>
    request(system.http).post(`/benefit-claims/${claimId}/approval`).set(as(approver)).send(body);
  const grant = (birthDate: string) => ({
    kind: 'childbirth-grant',
    birthDate,
    numberOfBabies: 1,
    obstetricCompensation: true,
  });
  const maternity = {
    kind: 'maternity-allowance',
    expectedBirthDate: '2025-07-15',
    actualBirthDate: '2025-07-15',
    multiplePregnancy: false,
    daysOffWork: [{ from: '2025-06-04', to: '2025-07-31' }],
    claimPeriod: { from: '2025-06-04', to: '2025-07-31' },
  };
  const sickness = (from: string, to: string) => ({
    kind: 'sickness-allowance',
    daysUnableToWork: [{ from, to }],
    claimPeriod: { from, to },
    previouslyPaidDays: 0,
  });

  beforeAll(async () => {
    system = await startTestBackOffice({ PAYOUT_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    clerk = await system.token('clerk');
    approver = await system.token('approver');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 4.3: a second grant for the same birth is refused at approval (409 naming the first); an approver may allow another child with a reason', async () => {
    const memberId = await member({ sex: 'female', name: '山田 花子', nameKana: 'ヤマダ ハナコ' });
    const { body: first } = await submit(memberId, grant('2025-07-01')).expect(201);
    await approve(first.claimId).expect(200);
    // The second twin, born the next day, claimed separately: recorded with the earlier claim named.
    const { body: second } = await submit(memberId, grant('2025-07-02')).expect(201);
    const detail = await request(system.http).get(`/benefit-claims/${second.claimId}`).set(as(approver)).expect(200);
    expect(detail.body.duplicateOf).toEqual([first.claimId]);

    const before = await claimAndMemberEventCount(system);
    const refused = await approve(second.claimId).expect(409);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.code).toBe('duplicate_insured_event');
    expect(refused.body.detail).toContain(first.claimId);
    expect(await claimAndMemberEventCount(system)).toBe(before);

    await approve(second.claimId, { duplicateOverride: { reason: '' } }).expect(400);
    const allowed = await approve(second.claimId, { duplicateOverride: { reason: 'second twin, born on 7/2' } }).expect(
      200,
    );
    expect(allowed.body.status).toBe('approved');
    const approval = (await system.events.readStream(`claim-${second.claimId}`)).at(-1)!;
    expect(approval.data).toMatchObject({
      duplicateOverride: { reason: 'second twin, born on 7/2', earlierClaimIds: [first.claimId] },
    });
    expect(approval.metadata.actor.role).toBe('approver');
  });

  it('domain.md 4.1: days of sickness allowance already approved cannot be claimed again (409 at submission, nothing written)', async () => {
    const memberId = await member();
    const { body: first } = await submit(memberId, sickness('2025-06-01', '2025-06-20')).expect(201);
    await approve(first.claimId).expect(200);
    const before = await claimAndMemberEventCount(system);
    const res = await submit(memberId, sickness('2025-06-15', '2025-06-30')).expect(409);
    expect(res.body).toMatchObject({ code: 'duplicate_insured_event' });
    expect(res.body.detail).toContain(first.claimId);
    expect(await claimAndMemberEventCount(system)).toBe(before);
    // Days after the approved ones are another claim.
    await submit(memberId, sickness('2025-06-21', '2025-06-30')).expect(201);
  });

  it('race: two claims for the same days approved at once: exactly one is approved, the other gets 409', async () => {
    const memberId = await member();
    const a = (await submit(memberId, sickness('2025-05-01', '2025-05-20')).expect(201)).body.claimId;
    const b = (await submit(memberId, sickness('2025-05-01', '2025-05-20')).expect(201)).body.claimId;
    const answers = await Promise.all([approve(a), approve(b)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const registry = await system.events.readStream(`benefit-registry-${memberId}`);
    expect(registry).toHaveLength(1);
  });

  it('domain.md 4.4: one funeral benefit per death, whichever kind is claimed', async () => {
    const memberId = await member();
    await recordDeath(system, memberId, '2025-07-10');
    const payee = { kind: 'burial-performer', name: 'ヤマダ ハナコ', relationship: 'spouse' };
    const burial = (benefit: Record<string, unknown>) =>
      request(system.http)
        .post(`/members/${memberId}/benefit-claims`)
        .set(as(clerk))
        .send({ personId: 'insured', benefit, payee, payment: { method: 'account', account: claimAccount } });
    const { body: first } = await burial({ kind: 'burial-allowance', dateOfDeath: '2025-07-10' }).expect(201);
    await approve(first.claimId).expect(200);
    const again = await burial({
      kind: 'burial-expenses',
      dateOfDeath: '2025-07-10',
      burialDate: '2025-07-14',
      burialCost: 40_000,
    }).expect(409);
    expect(again.body.detail).toContain(first.claimId);
  });

  it('domain.md 4.1/4.2: the 出産手当金 priority is computed from approved claims; a clerk cannot type it (400)', async () => {
    const memberId = await member({ sex: 'female', name: '山田 花子', nameKana: 'ヤマダ ハナコ' });
    const { body: mat } = await submit(memberId, maternity).expect(201);
    await approve(mat.claimId).expect(200);

    const typed = await submit(memberId, {
      ...sickness('2025-05-20', '2025-06-10'),
      maternityAllowancePaid: [{ from: '2025-06-04', to: '2025-06-10', dailyAmount: 0 }],
    }).expect(400);
    expect(JSON.stringify(typed.body.violations)).toContain('maternityAllowancePaid');

    const alone = await submit(await member(), sickness('2025-05-20', '2025-06-10')).expect(201);
    const { body: sick } = await submit(memberId, sickness('2025-05-20', '2025-06-10')).expect(201);
    // Same remuneration: the 7 days 6/4..6/10 are covered by the maternity allowance with priority, so not paid again.
    expect(sick.amount).toBe(alone.body.amount - 7 * (alone.body.amount / 19));
    const detail = await request(system.http).get(`/benefit-claims/${sick.claimId}`).set(as(approver)).expect(200);
    expect(detail.body.priorityFrom).toEqual([mat.claimId]);
    await approve(sick.claimId).expect(200);
  });

  it('domain.md 4.2: sickness allowance approved first counts as paid on account of the 出産手当金; one approved since the calculation is a 409', async () => {
    const mother = () => member({ sex: 'female', name: '山田 花子', nameKana: 'ヤマダ ハナコ' });
    const memberId = await mother();
    const { body: sick } = await submit(memberId, sickness('2025-05-20', '2025-06-10')).expect(201);
    await approve(sick.claimId).expect(200);
    const alone = await submit(await mother(), maternity).expect(201);
    const { body: mat } = await submit(memberId, maternity).expect(201);
    // Same remuneration, same daily amount: the 7 days 6/4..6/10 already paid as sickness allowance are not paid again.
    expect(mat.amount).toBe(alone.body.amount - 7 * (alone.body.amount / 58));
    const detail = await request(system.http).get(`/benefit-claims/${mat.claimId}`).set(as(approver)).expect(200);
    expect(detail.body.priorityFrom).toEqual([sick.claimId]);

    // A sickness allowance calculated before a maternity allowance of the same days was approved: recalculate.
    const other = await mother();
    const { body: early } = await submit(other, sickness('2025-05-20', '2025-06-10')).expect(201);
    await approve((await submit(other, maternity).expect(201)).body.claimId).expect(200);
    const before = await claimAndMemberEventCount(system);
    const stale = await approve(early.claimId).expect(409);
    expect(stale.body.code).toBe('priority_changed');
    expect(await claimAndMemberEventCount(system)).toBe(before);
    await approve(mat.claimId).expect(200);
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
