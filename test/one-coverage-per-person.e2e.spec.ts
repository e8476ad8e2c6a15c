import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { dependant, enrollment, eventCount, individualNumber } from './support/members.js';

/** Issue 12 item 3: a person (an Individual Number) is covered by one membership at a time. */
describe('one coverage per person (issue 12.3)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let seed = 12_300;

  const enroll = (overrides: Partial<Schemas['EnrollMemberDto']>) =>
    clerk.POST('/members', { body: enrollment({ symbol: '7300', ...overrides }) });
  const recognize = (memberId: string, overrides: Partial<Schemas['RecognizeDependantDto']>) =>
    clerk.POST('/members/{memberId}/dependants', { params: { path: { memberId } }, body: dependant(overrides) });
  async function member(overrides: Partial<Schemas['EnrollMemberDto']> = {}) {
    const res = await enroll({
      individualNumber: individualNumber(seed++),
      acquisitionDate: '2025-04-01',
      ...overrides,
    });
    return expectStatus(res, 201).data.memberId;
  }

  beforeAll(async () => {
    system = await startTestBackOffice({ RATE_LIMIT_PER_MINUTE: '0' });
    clerk = await apiAs(system, 'clerk');
    system.setToday('2025-06-01');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('enrolling a number another membership covers from the new acquisition date: 409 naming it and its loss date', async () => {
    const number = individualNumber(seed++);
    const first = await member({ individualNumber: number });
    const before = await eventCount(system);
    const open = expectProblem(await enroll({ individualNumber: number, acquisitionDate: '2025-05-01' }), 409);
    expect(open.error.code).toBe('individual_number_covered');
    expect(open.error.violations![0]!).toMatchObject({ field: 'individualNumber', rule: 'one_coverage_per_person' });
    expect(open.error.violations![0]!.message).toContain(first);
    expect(await eventCount(system)).toBe(before);

    const lost = await clerk.POST('/members/{memberId}/loss-of-eligibility', {
      params: { path: { memberId: first } },
      body: { reason: 'retirement', lastWorkingDay: '2025-05-31' },
    });
    expect(lost.response.status).toBeLessThan(300);
    const overlapping = expectProblem(await enroll({ individualNumber: number, acquisitionDate: '2025-05-15' }), 409);
    expect(overlapping.error.violations![0]!.message).toContain(`${first} until 2025-06-01`);
    expectStatus(await enroll({ individualNumber: number, acquisitionDate: '2025-06-01' }), 201);
  });

  it('a statutory end counts: coverage elsewhere that ends at 75 is named with that date', async () => {
    const number = individualNumber(seed++);
    const old = await member({ individualNumber: number, dateOfBirth: '1950-07-01', acquisitionDate: '2024-04-01' });
    // Coverage ended on the 75th birthday (2025-07-01) without anyone recording it; a new enrollment at 75 is
    // refused anyway (422), so the overlap shows on the dependant side: as a dependant from before the birthday.
    const other = await member();
    const refused = expectProblem(
      await recognize(other, {
        individualNumber: number,
        relationship: 'parent',
        dateOfBirth: '1950-07-01',
        recognizedFrom: '2025-06-01',
        expectedAnnualIncome: 600_000,
      }),
      409,
    );
    expect(refused.error.violations![0]!.message).toContain(`${old} until 2025-07-01`);
  });

  it('a dependant covered in one member cannot be recognised in another for an overlapping period, nor enrolled', async () => {
    const number = individualNumber(seed++);
    const x = await member();
    const y = await member();
    expectStatus(await recognize(x, { individualNumber: number, recognizedFrom: '2025-04-01' }), 201);
    const twice = expectProblem(await recognize(y, { individualNumber: number, recognizedFrom: '2025-05-01' }), 409);
    expect(twice.error.violations![0]!.message).toContain(x);
    const asInsured = expectProblem(await enroll({ individualNumber: number, acquisitionDate: '2025-05-01' }), 409);
    expect(asInsured.error.violations![0]!.message).toContain(x);
  });

  it('10 concurrent conflicting enrollments and 10 concurrent recognitions: exactly one 201 each', async () => {
    const number = individualNumber(seed++);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        enroll({ individualNumber: number, acquisitionDate: '2025-04-01', officeCode: `OFF-${i}` }),
      ),
    );
    expect(answers.map((r) => r.response.status).sort()).toEqual([201, ...Array(9).fill(409)]);

    const members = await Promise.all(Array.from({ length: 10 }, () => member()));
    const child = individualNumber(seed++);
    const recognitions = await Promise.all(
      members.map((memberId) =>
        recognize(memberId, {
          individualNumber: child,
          relationship: 'child',
          dateOfBirth: '2015-01-01',
          recognizedFrom: '2025-04-01',
          expectedAnnualIncome: 0,
        }),
      ),
    );
    expect(recognitions.map((r) => r.response.status).sort()).toEqual([201, ...Array(9).fill(409)]);
  });
});
