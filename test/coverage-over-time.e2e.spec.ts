import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { dependant, enrollment, individualNumber } from './support/members.js';
import { claimAccount } from './support/claims.js';

const INSURER = '06139992';

/**
 * Issue 12 item 1: statutory ends apply to every coverage answer before anything records them (architecture.md 11,
 * "time is an input"). The society's "today" is moved with the test clock; no lifecycle run is started here.
 */
describe('coverage that follows the calendar (issue 12.1, domain.md 3.1–3.3)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let officer: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  let seed = 12_100;

  async function post(path: string, body: Record<string, unknown>) {
    const res = await request(system.http).post(path).set(as(clerk)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { memberId: string; position: number; dependantId?: string };
  }
  const enrollOne = (overrides: Record<string, unknown>) =>
    post('/members', enrollment({ individualNumber: individualNumber(seed++), symbol: '7100', ...overrides }));
  const summary = async (memberId: string) =>
    (await request(system.http).get(`/members/${memberId}`).set(as(clerk)).expect(200)).body;
  async function eligibility(memberId: string, branch: string, date: string) {
    const { identifiers } = await summary(memberId);
    const res = await request(system.http)
      .get('/eligibility')
      .set(as(clerk))
      .query({ insurerNumber: INSURER, symbol: identifiers.symbol, number: identifiers.number, branch, date })
      .expect(200);
    return res.body as { covered: boolean; document: string | null };
  }
  const searchStatus = async (memberId: string, status: string) => {
    const res = await request(system.http).get('/members').set(as(clerk)).query({ symbol: '7100', status, limit: 100 });
    return (res.body.items as { memberId: string; status: string }[]).find((r) => r.memberId === memberId);
  };
  const complianceState = async (memberId: string, effectiveOn: string) =>
    (
      await request(system.http)
        .get(`/compliance/members/${memberId}/state`)
        .set(as(officer))
        .query({ effectiveOn })
        .expect(200)
    ).body;
  const complianceCovered = async (memberId: string, personId: string, date: string) =>
    (
      await request(system.http)
        .get('/compliance/eligibility')
        .set(as(officer))
        .query({ memberId, personId, date })
        .expect(200)
    ).body.covered as boolean;

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    officer = await system.token('compliance-officer');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('an insured born 1951-06-15 is covered until 2026-06-14 and lost on the 75th birthday in every answer', async () => {
    system.setToday('2025-04-01');
    const { memberId } = await enrollOne({ dateOfBirth: '1951-06-15', acquisitionDate: '2025-04-01' });
    const spouse = await post(
      `/members/${memberId}/dependants`,
      dependant({
        individualNumber: individualNumber(seed++),
        dateOfBirth: '1960-01-01',
        recognizedFrom: '2025-04-01',
      }),
    );
    expect(await eligibility(memberId, '00', '2026-06-14')).toMatchObject({ covered: true });
    expect(await eligibility(memberId, '00', '2026-06-15')).toMatchObject({ covered: false, document: null });
    expect(await eligibility(memberId, '01', '2026-06-14')).toMatchObject({ covered: true });
    // The dependant is covered only through the insured (domain.md 3.3).
    expect(await eligibility(memberId, '01', '2026-06-15')).toMatchObject({ covered: false });
    expect(await complianceCovered(memberId, 'insured', '2026-06-15')).toBe(false);
    expect(await complianceCovered(memberId, spouse.dependantId!, '2026-06-15')).toBe(false);
    expect(await complianceCovered(memberId, 'insured', '2026-06-14')).toBe(true);
    expect((await complianceState(memberId, '2026-06-15')).status).toBe('lost');
    expect((await complianceState(memberId, '2026-06-14')).status).toBe('active');

    system.setToday('2026-06-14'); // the day before
    expect((await summary(memberId)).status).toBe('active');
    expect((await searchStatus(memberId, 'active'))?.status).toBe('active');
    expect(await searchStatus(memberId, 'lost')).toBeUndefined();

    system.setToday('2026-06-15'); // the birthday itself
    const on = await summary(memberId);
    expect(on).toMatchObject({ status: 'lost', today: '2026-06-15' });
    expect(on.insured).toMatchObject({ coveredToday: false, coverage: [{ from: '2025-04-01', until: '2026-06-15' }] });
    expect(on.dependants[0]).toMatchObject({ coveredToday: false });
    expect(await searchStatus(memberId, 'active')).toBeUndefined();
    expect(await searchStatus(memberId, 'lost')).toMatchObject({ status: 'lost', lossDate: '2026-06-15' });

    system.setToday('2026-12-01'); // the example: 18 months later still not covered
    expect((await summary(memberId)).status).toBe('lost');
    expect(await eligibility(memberId, '00', '2026-12-01')).toMatchObject({ covered: false });
  });

  it("a dependant's own 75th birthday ends the dependant's coverage, not the insured's (domain.md 3.3)", async () => {
    system.setToday('2025-04-01');
    const { memberId } = await enrollOne({ dateOfBirth: '1985-04-12', acquisitionDate: '2025-04-01' });
    const parent = await post(
      `/members/${memberId}/dependants`,
      dependant({
        individualNumber: individualNumber(seed++),
        relationship: 'parent',
        dateOfBirth: '1951-08-20',
        recognizedFrom: '2025-04-01',
        expectedAnnualIncome: 600_000,
      }),
    );
    expect(await eligibility(memberId, '01', '2026-08-19')).toMatchObject({ covered: true });
    expect(await eligibility(memberId, '01', '2026-08-20')).toMatchObject({ covered: false });
    expect(await eligibility(memberId, '00', '2026-08-20')).toMatchObject({ covered: true });
    expect(await complianceCovered(memberId, parent.dependantId!, '2026-08-20')).toBe(false);
    system.setToday('2026-08-20');
    const view = await summary(memberId);
    expect(view.status).toBe('active');
    expect(view.dependants[0]).toMatchObject({ coveredToday: false, coverage: [{ until: '2026-08-20' }] });
  });

  it('voluntary continuation ends after 2 years (domain.md 3.2): covered the day before, not on the day, claims refused after', async () => {
    system.setToday('2024-04-05');
    const { memberId } = await enrollOne({ acquisitionDate: '2023-04-01' });
    await post(`/members/${memberId}/loss-of-eligibility`, { reason: 'retirement', lastWorkingDay: '2024-03-31' });
    await post(`/members/${memberId}/voluntary-continuation`, { applicationDate: '2024-04-05' });
    expect(await eligibility(memberId, '00', '2026-03-31')).toMatchObject({ covered: true });
    expect(await eligibility(memberId, '00', '2026-04-01')).toMatchObject({ covered: false });
    expect((await complianceState(memberId, '2026-03-31')).status).toBe('voluntary-continuation');
    expect((await complianceState(memberId, '2026-04-01')).status).toBe('lost');

    system.setToday('2026-03-31');
    expect((await summary(memberId)).status).toBe('voluntary-continuation');
    expect(await searchStatus(memberId, 'voluntary-continuation')).toBeDefined();
    system.setToday('2026-04-01');
    expect((await summary(memberId)).status).toBe('lost');
    expect(await searchStatus(memberId, 'voluntary-continuation')).toBeUndefined();
    expect(await searchStatus(memberId, 'lost')).toMatchObject({ lossDate: '2026-04-01' });

    // The claims' coverage check reads the same answer (treatment the day before vs on the day).
    const claim = (treatmentDate: string) =>
      request(system.http)
        .post(`/members/${memberId}/benefit-claims`)
        .set(as(clerk))
        .send({
          personId: 'insured',
          payment: { method: 'account', account: claimAccount },
          benefit: {
            kind: 'medical-expense-reimbursement',
            treatmentDate,
            paidOn: treatmentDate,
            recognizedCost: 10_000,
            amountPaid: 10_000,
          },
        });
    expect((await claim('2026-03-31')).status).toBe(201);
    const refused = await claim('2026-04-01').expect(422);
    expect(refused.body.code).toBe('not_covered');
  });

  it('a future-dated loss is not a loss yet: active until the loss date, lost from it', async () => {
    system.setToday('2025-05-01');
    const { memberId } = await enrollOne({ acquisitionDate: '2025-04-01' });
    await post(`/members/${memberId}/loss-of-eligibility`, { reason: 'retirement', lastWorkingDay: '2025-06-30' });
    expect(await searchStatus(memberId, 'active')).toMatchObject({ status: 'active', lossDate: '2025-07-01' });
    expect((await summary(memberId)).status).toBe('active');
    system.setToday('2025-07-01');
    expect((await summary(memberId)).status).toBe('lost');
    expect(await searchStatus(memberId, 'lost')).toMatchObject({ lossDate: '2025-07-01' });
  });
});
