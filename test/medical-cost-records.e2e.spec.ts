import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; the bad-input table sends raw what the spec forbids (supertest).
import request from 'supertest';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAndMemberEventCount } from './support/claims.js';
import { dependant, enroll, enrollment, individualNumber } from './support/members.js';

type ClaimOut = Schemas['AutomaticBenefitDto'];

describe('POST /medical-cost-records: automatic high-cost and additional benefits (issue 5)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let api: ApiClient;
  const as = () => ({ authorization: `Bearer ${clerk}` });
  let seed = 7000;
  // 300,000 yen SMR: bracket ウ (280,000 - 500,000) under 70 (domain.md 4.5).
  const member = () =>
    enroll(
      system,
      enrollment({
        individualNumber: individualNumber(seed++),
        acquisitionDate: '2024-04-01',
        monthlyRemuneration: 300_000,
      }),
    );
  const receipt = (
    memberId: string,
    month: string,
    overrides: Partial<Schemas['MedicalCostRecordDto']> = {},
  ): Schemas['MedicalCostRecordDto'] => ({
    memberId,
    personId: 'insured',
    month,
    institution: 'H0001',
    setting: 'inpatient',
    totalMedicalCost: 1_000_000,
    copaymentPaid: 300_000,
    ceilingAppliedAtCounter: false,
    ...overrides,
  });
  const recorded = async (records: Schemas['MedicalCostRecordDto'][]) =>
    expectStatus(await api.POST('/medical-cost-records', { body: { records } }), 200).data;
  /** Batches the spec may forbid (the bad-input table), sent raw. */
  const post = (records: unknown[]) => request(system.http).post('/medical-cost-records').set(as()).send({ records });
  const byRule = (claims: ClaimOut[], rule: string) => claims.find((c) => c.rule === rule);

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    api = await apiAs(system, 'clerk');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 4.5 worked example: bracket ウ, total 1,000,000 → limit 87,430, co-payment 300,000 → benefit 212,570; add-on 67,400 (4.8)', async () => {
    const { memberId } = await member();
    const res = await recorded([receipt(memberId, '2025-06')]);
    expect(res).toMatchObject({ month: '2025-06', records: 1, benefits: 2, recorded: 2, alreadyRecorded: 0 });
    const highCost = byRule(res.claims, 'high-cost-per-receipt')!;
    expect(highCost).toMatchObject({ kind: 'high-cost-medical', personId: 'insured', amount: 212_570, recorded: true });
    // 付加給付: 300,000 − 212,570 = 87,430 still borne, − 20,000 per receipt = 67,430, cut to 100 yen.
    expect(byRule(res.claims, 'additional-benefit-per-receipt')).toMatchObject({
      kind: 'additional-benefit',
      amount: 67_400,
    });

    const detail = expectStatus(
      await api.GET('/benefit-claims/{claimId}', { params: { path: { claimId: highCost.claimId } } }),
      200,
    ).data;
    expect(detail).toMatchObject({
      origin: 'automatic',
      status: 'approved',
      amount: 212_570,
      approval: { by: null, rule: 'high-cost-per-receipt' },
      month: '2025-06',
    });
    expect(detail.breakdown!.steps).toEqual(
      expect.arrayContaining([expect.objectContaining({ step: 'limit (ウ)', value: 87_430 })]),
    );
    const stream = await system.events.readStream(`claim-${highCost.claimId}`);
    expect(stream.map((e) => e.type)).toEqual(['AutomaticBenefitRecorded', 'BenefitClaimApprovedByRule']);
  });

  it('the same batch sent again creates nothing: same claim ids, no new event', async () => {
    const { memberId } = await member();
    const batch = [
      receipt(memberId, '2025-07'),
      receipt(memberId, '2025-07', {
        institution: 'H0002',
        setting: 'outpatient',
        totalMedicalCost: 120_000,
        copaymentPaid: 36_000,
      }),
    ];
    const first = await recorded(batch);
    const before = await claimAndMemberEventCount(system);
    const again = await recorded(batch);
    expect(again).toMatchObject({
      benefits: first.benefits,
      recorded: 0,
      alreadyRecorded: first.benefits,
    });
    expect(again.claims.map((c: ClaimOut) => c.claimId)).toEqual(first.claims.map((c: ClaimOut) => c.claimId));
    expect(await claimAndMemberEventCount(system)).toBe(before);
    const list = await api.GET('/benefit-claims', { params: { query: { memberId, minPosition: first.position! } } });
    expect(expectStatus(list, 200).data.items).toHaveLength(first.benefits);
  });

  it('domain.md 4.5 多数回該当: after high-cost benefits in 3 of the past 12 months, the 4th month uses 44,400 (ウ)', async () => {
    const { memberId } = await member();
    for (const month of ['2025-01', '2025-03', '2025-04']) {
      const res = await recorded([receipt(memberId, month)]);
      expect(byRule(res.claims, 'high-cost-per-receipt')!.amount).toBe(212_570);
    }
    const fourth = await recorded([receipt(memberId, '2025-05')]);
    expect(byRule(fourth.claims, 'high-cost-per-receipt')!.amount).toBe(300_000 - 44_400);
  });

  it('domain.md 4.5 世帯合算: co-payments of 21,000 or more of the insured and a dependant are added up (limit 80,430 on 300,000)', async () => {
    const { memberId } = await member();
    const recognized = await api.POST('/members/{memberId}/dependants', {
      params: { path: { memberId } },
      body: dependant({ individualNumber: individualNumber(seed++), recognizedFrom: '2024-04-01' }),
    });
    const dep = expectStatus(recognized, 201).data;
    const res = await recorded([
      receipt(memberId, '2025-06', { setting: 'outpatient', totalMedicalCost: 100_000, copaymentPaid: 30_000 }),
      receipt(memberId, '2025-06', {
        personId: dep.dependantId,
        institution: 'H0009',
        totalMedicalCost: 200_000,
        copaymentPaid: 60_000,
      }),
    ]);
    expect(byRule(res.claims, 'high-cost-per-receipt')).toBeUndefined();
    // 90,000 − (80,100 + (300,000 − 267,000) × 1%) = 9,570.
    expect(byRule(res.claims, 'high-cost-household-aggregation')).toMatchObject({
      personId: 'insured',
      amount: 9_570,
    });
    // 合算高額療養費付加金: 90,000 − 9,570 − 2 × 20,000 = 40,430, cut to 100 yen.
    expect(byRule(res.claims, 'additional-benefit-household-aggregation')).toMatchObject({ amount: 40_400 });
  });

  describe('bad input: 400/422 problem+json naming the field, nothing written', () => {
    let memberId: string;
    beforeAll(async () => {
      ({ memberId } = await member());
    });
    const cases: [string, () => unknown[], number, string][] = [
      [
        'wrong type',
        () => [{ ...receipt(memberId, '2025-06'), totalMedicalCost: 'a lot' }],
        400,
        'records.0.totalMedicalCost',
      ],
      ['bad month (2025-02-30 is not a month)', () => [receipt(memberId, '2025-02-30')], 400, 'records.0.month'],
      ['month 13', () => [receipt(memberId, '2025-13')], 400, 'records.0.month'],
      [
        'two months in a batch',
        () => [receipt(memberId, '2025-06'), receipt(memberId, '2025-07', { institution: 'H2' })],
        400,
        'records.1.month',
      ],
      ['the same receipt twice', () => [receipt(memberId, '2025-06'), receipt(memberId, '2025-06')], 400, 'records.1'],
      [
        'co-payment above the cost',
        () => [receipt(memberId, '2025-06', { copaymentPaid: 2_000_000 })],
        400,
        'records.0.copaymentPaid',
      ],
      ['empty batch', () => [], 400, 'records'],
      [
        'more than 10,000 records',
        () => Array.from({ length: 10_001 }, (_, i) => receipt(memberId, '2025-06', { institution: `H${i}` })),
        400,
        'records',
      ],
      [
        'rule: unknown member',
        () => [receipt('0197a000-0000-7000-8000-00000000abcd', '2025-06')],
        422,
        'records.0.memberId',
      ],
      [
        // A UUID is an id, not free text: its last group reading as a valid Individual Number is no 400.
        'rule: unknown member, its id ending in 12 digits with a valid check digit',
        () => [receipt('0197a000-0000-7000-8000-123456789018', '2025-06')],
        422,
        'records.0.memberId',
      ],
      [
        'rule: unknown person',
        () => [receipt(memberId, '2025-06', { personId: 'someone' })],
        422,
        'records.0.personId',
      ],
      ['rule: not covered in the month', () => [receipt(memberId, '2024-02')], 422, 'records.0.personId'],
    ];
    it.each(cases)('%s', async (_title, records, status, field) => {
      const before = await claimAndMemberEventCount(system);
      const res = await post(records()).expect(status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.violations.map((v: { field: string }) => v.field)).toContain(field);
      expect(await claimAndMemberEventCount(system)).toBe(before);
    });

    it('needs the clerk (or admin) role', async () => {
      const approver = await apiAs(system, 'approver');
      expectProblem(
        await approver.POST('/medical-cost-records', { body: { records: [receipt(memberId, '2025-06')] } }),
        403,
      );
    });
  });
});
