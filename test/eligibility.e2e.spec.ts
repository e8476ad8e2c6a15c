import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { dependant, enrollment, individualNumber } from './support/members.js';

/** The society's insurer number in the test configuration (config default; check digit valid, domain.md 2.2). */
const INSURER = '06139992';

describe('GET /eligibility (issue 4: online eligibility verification, domain.md 2.2, 2.3, 3.1, 6)', () => {
  let system: TestBackOffice;
  let clerk: string;
  const auth = () => ({ authorization: `Bearer ${clerk}` });

  /** Runs a member command and returns the event position to read it back (read-your-writes). */
  async function post(path: string, body: Record<string, unknown>, method: 'post' | 'put' = 'post') {
    const res = await request(system.http)[method](path).set(auth()).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { memberId: string; position: number; dependantId?: string };
  }
  const verify = (query: Record<string, string>, minPosition?: number) => {
    const req = request(system.http)
      .get('/eligibility')
      .set(auth())
      .query({ insurerNumber: INSURER, ...query });
    return minPosition === undefined ? req : req.set('X-Min-Position', String(minPosition));
  };

  let member: { memberId: string; symbol: string; number: string; position: number };
  beforeAll(async () => {
    system = await startTestBackOffice();
    // Recorded when they happen: a 資格確認書 is never valid before the day it is issued (issue 12.4).
    system.setToday('2025-04-01');
    clerk = await system.token('clerk');
    const enrolled = await post(
      '/members',
      enrollment({
        individualNumber: individualNumber(4001),
        symbol: '4100',
        acquisitionDate: '2025-04-01',
        cardLinkage: { linkedOn: '2025-01-10' },
      }),
    );
    const view = await request(system.http).get(`/members/${enrolled.memberId}`).set(auth()).expect(200);
    member = { memberId: enrolled.memberId, ...view.body.identifiers, position: enrolled.position };
  });
  afterAll(async () => {
    await system?.close();
  });

  it('answers covered with the linked card for the insured (branch 00), reading its own write', async () => {
    const res = await verify(
      { symbol: member.symbol, number: member.number, branch: '00', date: '2025-06-01' },
      member.position,
    ).expect(200);
    expect(res.body).toMatchObject({
      covered: true,
      document: 'linked-card',
      memberId: member.memberId,
      personId: 'insured',
      role: 'insured',
      insurerNumber: INSURER,
      date: '2025-06-01',
    });
    expect(Number(res.headers['x-read-model-position'])).toBeGreaterThanOrEqual(member.position);
  });

  it('domain.md 3.3, 2.3: a dependant is verified by their own 枝番, from the recognition date, with a 資格確認書', async () => {
    const added = await post(
      `/members/${member.memberId}/dependants`,
      dependant({ individualNumber: individualNumber(4002), recognizedFrom: '2025-05-01' }),
    );
    const q = { symbol: member.symbol, number: member.number, branch: '01' };
    expect((await verify({ ...q, date: '2025-04-30' }, added.position).expect(200)).body).toMatchObject({
      covered: false,
      role: 'dependant',
      reason: 'not-covered',
    });
    expect((await verify({ ...q, date: '2025-05-01' }).expect(200)).body).toMatchObject({
      covered: true,
      role: 'dependant',
      personId: added.dependantId,
      document: 'eligibility-confirmation-document',
    });
  });

  it('domain.md 3.1: covered on the day before the loss date, not on the loss date itself, for the insured and the dependant', async () => {
    const lost = await post(`/members/${member.memberId}/loss-of-eligibility`, {
      reason: 'retirement',
      lastWorkingDay: '2025-12-31',
    });
    for (const branch of ['00', '01']) {
      const q = { symbol: member.symbol, number: member.number, branch };
      expect((await verify({ ...q, date: '2025-12-31' }, lost.position).expect(200)).body).toMatchObject({
        covered: true,
      });
      expect((await verify({ ...q, date: '2026-01-01' }).expect(200)).body).toMatchObject({
        covered: false,
        document: null,
        reason: 'not-covered',
      });
    }
  });

  it('domain.md 3.1: after a job change the old 記号/番号 answer for dates before it, the new ones from it', async () => {
    const enrolled = await post(
      '/members',
      enrollment({ individualNumber: individualNumber(4003), symbol: '4200', acquisitionDate: '2025-04-01' }),
    );
    const before = (await request(system.http).get(`/members/${enrolled.memberId}`).set(auth()).expect(200)).body
      .identifiers;
    const moved = await post(`/members/${enrolled.memberId}/job-changes`, {
      withinSociety: true,
      officeCode: 'OFF-9',
      symbol: '4300',
      effectiveDate: '2025-10-01',
    });
    const after = (
      await request(system.http)
        .get(`/members/${enrolled.memberId}`)
        .set('X-Min-Position', String(moved.position))
        .set(auth())
        .expect(200)
    ).body.identifiers;
    expect(after.symbol).toBe('4300');
    const old = { symbol: before.symbol, number: before.number, branch: '00' };
    expect((await verify({ ...old, date: '2025-09-30' }).expect(200)).body).toMatchObject({
      covered: true,
      identifiersInForce: { from: '2025-04-01', until: '2025-10-01' },
    });
    expect((await verify({ ...old, date: '2025-10-01' }).expect(200)).body).toMatchObject({
      covered: false,
      reason: 'identifiers-not-in-force',
    });
    expect(
      (await verify({ symbol: after.symbol, number: after.number, branch: '00', date: '2025-10-01' }).expect(200)).body,
    ).toMatchObject({ covered: true });
  });

  it("404 for identifiers that designate nobody, and for a valid insurer number that is not the society's", async () => {
    const unknown = await verify({ symbol: member.symbol, number: '99999', branch: '00', date: '2025-06-01' }).expect(
      404,
    );
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    await verify({ symbol: member.symbol, number: member.number, branch: '09', date: '2025-06-01' }).expect(404);
    await verify({
      insurerNumber: '01040013',
      symbol: member.symbol,
      number: member.number,
      branch: '00',
      date: '2025-06-01',
    }).expect(404);
  });

  it('domain.md 2.2: 400 for an insurer number with a wrong check digit, and for malformed input, naming the field', async () => {
    const wrong = await verify({
      insurerNumber: '06139993',
      symbol: member.symbol,
      number: member.number,
      branch: '00',
      date: '2025-06-01',
    }).expect(400);
    expect(wrong.body.violations).toEqual([expect.objectContaining({ field: 'insurerNumber', rule: 'check_digit' })]);
    const bad = await verify({ symbol: member.symbol, number: member.number, branch: '0', date: '2025-02-30' }).expect(
      400,
    );
    expect(bad.body.violations.map((v: { field: string }) => v.field)).toContain('branch');
    const impossible = await verify({
      symbol: member.symbol,
      number: member.number,
      branch: '00',
      date: '2025-02-30',
    }).expect(400);
    expect(impossible.body.violations[0].field).toBe('date');
    await verify({
      symbol: member.symbol,
      number: member.number,
      branch: '00',
      date: '2025-06-01',
      minPosition: 'soon',
    }).expect(400);
  });

  it('needs a member-data reader role and a token', async () => {
    await request(system.http)
      .get('/eligibility')
      .query({ insurerNumber: INSURER, symbol: member.symbol, number: member.number, branch: '00', date: '2025-06-01' })
      .expect(401);
    const officer = await system.token('compliance-officer');
    await request(system.http)
      .get('/eligibility')
      .set('authorization', `Bearer ${officer}`)
      .query({ insurerNumber: INSURER, symbol: member.symbol, number: member.number, branch: '00', date: '2025-06-01' })
      .expect(200);
  });
});
