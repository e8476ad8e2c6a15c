import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { paths } from '@kenpo/api-client';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { dependant, enrollment, individualNumber } from './support/members.js';
import { claimAccount } from './support/claims.js';

const INSURER = '06139992';
type MemberQuery = NonNullable<paths['/members']['get']['parameters']['query']>;

/**
 * Issue 12 item 1: statutory ends apply to every coverage answer before anything records them (architecture.md 11,
 * "time is an input"). The society's "today" is moved with the test clock; no lifecycle run is started here.
 */
describe('coverage that follows the calendar (issue 12.1, domain.md 3.1–3.3)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let officer: ApiClient;
  let seed = 12_100;

  const enrollOne = async (overrides: Partial<Schemas['EnrollMemberDto']>) => {
    const body = enrollment({ individualNumber: individualNumber(seed++), symbol: '7100', ...overrides });
    return expectStatus(await clerk.POST('/members', { body }), 201).data;
  };
  const addDependant = async (memberId: string, body: Schemas['RecognizeDependantDto']) =>
    expectStatus(await clerk.POST('/members/{memberId}/dependants', { params: { path: { memberId } }, body }), 201)
      .data;
  const retire = async (memberId: string, lastWorkingDay: string) => {
    const lost = await clerk.POST('/members/{memberId}/loss-of-eligibility', {
      params: { path: { memberId } },
      body: { reason: 'retirement', lastWorkingDay },
    });
    expectStatus(lost, 200);
  };
  const summary = async (memberId: string) =>
    expectStatus(await clerk.GET('/members/{memberId}', { params: { path: { memberId } } }), 200).data;
  async function eligibility(memberId: string, branch: string, date: string) {
    const { identifiers } = await summary(memberId);
    const res = await clerk.GET('/eligibility', {
      params: {
        query: { insurerNumber: INSURER, symbol: identifiers!.symbol, number: identifiers!.number, branch, date },
      },
    });
    return expectStatus(res, 200).data;
  }
  const searchStatus = async (memberId: string, status: NonNullable<MemberQuery['status']>) => {
    const res = await clerk.GET('/members', { params: { query: { symbol: '7100', status, limit: 100 } } });
    return res.data!.items.find((r) => r.memberId === memberId);
  };
  const complianceState = async (memberId: string, effectiveOn: string) =>
    expectStatus(
      await officer.GET('/compliance/members/{memberId}/state', {
        params: { path: { memberId }, query: { effectiveOn } },
      }),
      200,
    ).data;
  const complianceCovered = async (memberId: string, personId: string, date: string) =>
    expectStatus(await officer.GET('/compliance/eligibility', { params: { query: { memberId, personId, date } } }), 200)
      .data.covered;

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await apiAs(system, 'clerk');
    officer = await apiAs(system, 'compliance-officer');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('an insured born 1951-06-15 is covered until 2026-06-14 and lost on the 75th birthday in every answer', async () => {
    system.setToday('2025-04-01');
    const { memberId } = await enrollOne({ dateOfBirth: '1951-06-15', acquisitionDate: '2025-04-01' });
    const spouse = await addDependant(
      memberId,
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
    const parent = await addDependant(
      memberId,
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
    await retire(memberId, '2024-03-31');
    const continued = await clerk.POST('/members/{memberId}/voluntary-continuation', {
      params: { path: { memberId } },
      body: { applicationDate: '2024-04-05' },
    });
    expectStatus(continued, 200);
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
      clerk.POST('/members/{memberId}/benefit-claims', {
        params: { path: { memberId } },
        body: {
          personId: 'insured',
          payment: { method: 'account', account: claimAccount },
          benefit: {
            kind: 'medical-expense-reimbursement',
            treatmentDate,
            paidOn: treatmentDate,
            recognizedCost: 10_000,
            amountPaid: 10_000,
          },
        },
      });
    expectStatus(await claim('2026-03-31'), 201);
    expect(expectProblem(await claim('2026-04-01'), 422).error.code).toBe('not_covered');
  });

  it('a future-dated loss is not a loss yet: active until the loss date, lost from it', async () => {
    system.setToday('2025-05-01');
    const { memberId } = await enrollOne({ acquisitionDate: '2025-04-01' });
    await retire(memberId, '2025-06-30');
    expect(await searchStatus(memberId, 'active')).toMatchObject({ status: 'active', lossDate: '2025-07-01' });
    expect((await summary(memberId)).status).toBe('active');
    system.setToday('2025-07-01');
    expect((await summary(memberId)).status).toBe('lost');
    expect(await searchStatus(memberId, 'lost')).toMatchObject({ lossDate: '2025-07-01' });
  });
});
