import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { paths } from '@kenpo/api-client';
import { anonymousApi, type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { dependant, enrollment, individualNumber } from './support/members.js';

/** The society's insurer number in the test configuration (config default; check digit valid, domain.md 2.2). */
const INSURER = '06139992';

describe('GET /eligibility (issue 4: online eligibility verification, domain.md 2.2, 2.3, 3.1, 6)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  type EligibilityQuery = Omit<paths['/eligibility']['get']['parameters']['query'], 'insurerNumber'> & {
    insurerNumber?: string;
  };

  const verify = (query: EligibilityQuery, minPosition?: number, api = clerk) =>
    api.GET('/eligibility', {
      params: {
        query: { insurerNumber: INSURER, ...query },
        header: { 'X-Min-Position': minPosition === undefined ? undefined : String(minPosition) },
      },
    });
  const verified = async (query: EligibilityQuery, minPosition?: number) =>
    expectStatus(await verify(query, minPosition), 200);
  const enroll = async (body: Schemas['EnrollMemberDto']) =>
    expectStatus(await clerk.POST('/members', { body }), 201).data;
  const memberView = async (memberId: string, minPosition?: number) => {
    const res = await clerk.GET('/members/{memberId}', {
      params: {
        path: { memberId },
        header: { 'X-Min-Position': minPosition === undefined ? undefined : String(minPosition) },
      },
    });
    return expectStatus(res, 200).data;
  };

  let member: { memberId: string; symbol: string; number: string; position: number };
  beforeAll(async () => {
    system = await startTestBackOffice();
    // Recorded when they happen: a 資格確認書 is never valid before the day it is issued (issue 12.4).
    system.setToday('2025-04-01');
    clerk = await apiAs(system, 'clerk');
    const enrolled = await enroll(
      enrollment({
        individualNumber: individualNumber(4001),
        symbol: '4100',
        acquisitionDate: '2025-04-01',
        cardLinkage: { linkedOn: '2025-01-10' },
      }),
    );
    const view = await memberView(enrolled.memberId);
    member = { memberId: enrolled.memberId, ...view.identifiers!, position: enrolled.position! };
  });
  afterAll(async () => {
    await system?.close();
  });

  it('answers covered with the linked card for the insured (branch 00), reading its own write', async () => {
    const res = await verified(
      { symbol: member.symbol, number: member.number, branch: '00', date: '2025-06-01' },
      member.position,
    );
    expect(res.data).toMatchObject({
      covered: true,
      document: 'linked-card',
      memberId: member.memberId,
      personId: 'insured',
      role: 'insured',
      insurerNumber: INSURER,
      date: '2025-06-01',
    });
    expect(Number(res.response.headers.get('x-read-model-position'))).toBeGreaterThanOrEqual(member.position);
  });

  it('domain.md 3.3, 2.3: a dependant is verified by their own 枝番, from the recognition date, with a 資格確認書', async () => {
    const recognized = await clerk.POST('/members/{memberId}/dependants', {
      params: { path: { memberId: member.memberId } },
      body: dependant({ individualNumber: individualNumber(4002), recognizedFrom: '2025-05-01' }),
    });
    const added = expectStatus(recognized, 201).data;
    const q = { symbol: member.symbol, number: member.number, branch: '01' };
    expect((await verified({ ...q, date: '2025-04-30' }, added.position!)).data).toMatchObject({
      covered: false,
      role: 'dependant',
      reason: 'not-covered',
    });
    expect((await verified({ ...q, date: '2025-05-01' })).data).toMatchObject({
      covered: true,
      role: 'dependant',
      personId: added.dependantId,
      document: 'eligibility-confirmation-document',
    });
  });

  it('domain.md 3.1: covered on the day before the loss date, not on the loss date itself, for the insured and the dependant', async () => {
    const loss = await clerk.POST('/members/{memberId}/loss-of-eligibility', {
      params: { path: { memberId: member.memberId } },
      body: { reason: 'retirement', lastWorkingDay: '2025-12-31' },
    });
    const lost = expectStatus(loss, 200).data;
    for (const branch of ['00', '01']) {
      const q = { symbol: member.symbol, number: member.number, branch };
      expect((await verified({ ...q, date: '2025-12-31' }, lost.position!)).data).toMatchObject({
        covered: true,
      });
      expect((await verified({ ...q, date: '2026-01-01' })).data).toMatchObject({
        covered: false,
        document: null,
        reason: 'not-covered',
      });
    }
  });

  it('domain.md 3.1: after a job change the old 記号/番号 answer for dates before it, the new ones from it', async () => {
    const enrolled = await enroll(
      enrollment({ individualNumber: individualNumber(4003), symbol: '4200', acquisitionDate: '2025-04-01' }),
    );
    const before = (await memberView(enrolled.memberId)).identifiers!;
    const change = await clerk.POST('/members/{memberId}/job-changes', {
      params: { path: { memberId: enrolled.memberId } },
      body: { withinSociety: true, officeCode: 'OFF-9', symbol: '4300', effectiveDate: '2025-10-01' },
    });
    const moved = expectStatus(change, 200).data;
    const after = (await memberView(enrolled.memberId, moved.position!)).identifiers!;
    expect(after.symbol).toBe('4300');
    const old = { symbol: before.symbol, number: before.number, branch: '00' };
    expect((await verified({ ...old, date: '2025-09-30' })).data).toMatchObject({
      covered: true,
      identifiersInForce: { from: '2025-04-01', until: '2025-10-01' },
    });
    expect((await verified({ ...old, date: '2025-10-01' })).data).toMatchObject({
      covered: false,
      reason: 'identifiers-not-in-force',
    });
    expect(
      (await verified({ symbol: after.symbol, number: after.number, branch: '00', date: '2025-10-01' })).data,
    ).toMatchObject({ covered: true });
  });

  it("404 for identifiers that designate nobody, and for a valid insurer number that is not the society's", async () => {
    expectProblem(await verify({ symbol: member.symbol, number: '99999', branch: '00', date: '2025-06-01' }), 404);
    expectProblem(
      await verify({ symbol: member.symbol, number: member.number, branch: '09', date: '2025-06-01' }),
      404,
    );
    const other = await verify({
      insurerNumber: '01040013',
      symbol: member.symbol,
      number: member.number,
      branch: '00',
      date: '2025-06-01',
    });
    expectProblem(other, 404);
  });

  it('domain.md 2.2: 400 for an insurer number with a wrong check digit, and for malformed input, naming the field', async () => {
    const wrong = await verify({
      insurerNumber: '06139993',
      symbol: member.symbol,
      number: member.number,
      branch: '00',
      date: '2025-06-01',
    });
    expect(expectProblem(wrong, 400).error.violations).toEqual([
      expect.objectContaining({ field: 'insurerNumber', rule: 'check_digit' }),
    ]);
    const bad = await verify({ symbol: member.symbol, number: member.number, branch: '0', date: '2025-02-30' });
    expect(expectProblem(bad, 400).error.violations!.map((v) => v.field)).toContain('branch');
    const impossible = await verify({ symbol: member.symbol, number: member.number, branch: '00', date: '2025-02-30' });
    expect(expectProblem(impossible, 400).error.violations![0]!.field).toBe('date');
    const soon = await verify({
      symbol: member.symbol,
      number: member.number,
      branch: '00',
      date: '2025-06-01',
      minPosition: 'soon',
    });
    expectProblem(soon, 400);
  });

  it('needs a member-data reader role and a token', async () => {
    const query = { symbol: member.symbol, number: member.number, branch: '00', date: '2025-06-01' };
    expectProblem(await verify(query, undefined, await anonymousApi(system)), 401);
    expectStatus(await verify(query, undefined, await apiAs(system, 'compliance-officer')), 200);
  });
});
