import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// The access log and the fixtures go through the typed client; reveals stay raw (supertest): many of their bodies
// break the spec on purpose, and each answer is checked as the bytes sent.
import request from 'supertest';
import type { paths } from '@kenpo/api-client';
import { newId, type Role } from '@kenpo/kernel';
import { apiAs, expectStatus as expectAnswer } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { dependant, enroll, enrollment, individualNumber } from './support/members.js';

function expectStatus(res: request.Response, status: number): request.Response {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

const INSURED_NUMBER = individualNumber(8101);
const SPOUSE_NUMBER = individualNumber(8102);

describe('Individual Number reveal with access audit (issue 8, domain.md 9)', () => {
  let system: TestBackOffice;
  let memberId: string;
  let dependantId: string;
  const as = async (role: Role, sub?: string) => ({ authorization: `Bearer ${await system.token(role, sub)}` });
  const reveal = async (
    role: Role,
    body: Record<string, unknown>,
    member: string,
    sub: string | undefined,
    status: number,
  ) =>
    expectStatus(
      await request(system.http)
        .post(`/members/${member}/individual-number/reveal`)
        .set(await as(role, sub))
        .send(body),
      status,
    );
  const auditEvents = async () =>
    (await system.events.readAll({ maxCount: 100_000 })).filter((e) => e.type.startsWith('IndividualNumberReveal'));
  type AccessLogQuery = NonNullable<paths['/compliance/access-log']['get']['parameters']['query']>;
  const accessLog = async (query: AccessLogQuery, status: number, role: Role = 'compliance-officer') => {
    const answer = await (await apiAs(system, role)).GET('/compliance/access-log', { params: { query } });
    expect(answer.response.status).toBe(status);
    return answer;
  };
  const accessLogPage = async (query: AccessLogQuery, role: Role = 'compliance-officer') =>
    expectAnswer(await accessLog(query, 200, role), 200).data;

  beforeAll(async () => {
    system = await startTestBackOffice();
    ({ memberId } = await enroll(system, enrollment({ individualNumber: INSURED_NUMBER })));
    const res = await (
      await apiAs(system, 'clerk')
    ).POST('/members/{memberId}/dependants', {
      params: { path: { memberId } },
      body: dependant({ individualNumber: SPOUSE_NUMBER }),
    });
    dependantId = expectAnswer(res, 201).data.dependantId;
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 9: a clerk reveals the insured and a dependant for a statutory purpose; each reveal is audited first', async () => {
    const insured = await reveal(
      'clerk',
      { personId: 'insured', purpose: 'eligibility-acquisition-notification' },
      memberId,
      'clerk-reveal',
      200,
    );
    expect(insured.body).toEqual({
      memberId,
      personId: 'insured',
      purpose: 'eligibility-acquisition-notification',
      individualNumber: INSURED_NUMBER,
      revealedAt: expect.any(String),
    });
    expect(insured.headers['cache-control']).toBe('no-store');
    const spouse = await reveal(
      'admin',
      { personId: dependantId, purpose: 'dependant-recognition' },
      memberId,
      undefined,
      200,
    );
    expect(spouse.body.individualNumber).toBe(SPOUSE_NUMBER);

    const revealed = (await auditEvents()).filter((e) => e.type === 'IndividualNumberRevealed');
    expect(revealed.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        {
          memberId,
          personId: 'insured',
          purpose: 'eligibility-acquisition-notification',
          actor: { id: 'clerk-reveal', role: 'clerk' },
          at: insured.body.revealedAt,
        },
        {
          memberId,
          personId: dependantId,
          purpose: 'dependant-recognition',
          actor: { id: 'admin-1', role: 'admin' },
          at: spouse.body.revealedAt,
        },
      ]),
    );
    const first = revealed.find((e) => e.data.at === insured.body.revealedAt)!;
    expect(first.streamId).toBe(`access-audit-${insured.body.revealedAt.slice(0, 7)}`);
    expect(first.metadata.actor).toEqual({ id: 'clerk-reveal', role: 'clerk' });
    const stored = JSON.stringify(await auditEvents());
    for (const number of [INSURED_NUMBER, SPOUSE_NUMBER]) {
      expect(stored).not.toContain(number);
      expect(stored).not.toContain(number.slice(-4)); // not even the last digits
    }
  });

  it.each<[string, Role, Record<string, unknown>, () => string, number, string, Record<string, unknown>]>([
    [
      'a role without the right (approver)',
      'approver',
      { personId: 'insured', purpose: 'benefit-claim' },
      () => memberId,
      403,
      'role_not_allowed',
      { purpose: 'benefit-claim', personId: 'insured' },
    ],
    [
      'a role without the right (compliance officer)',
      'compliance-officer',
      { personId: 'insured', purpose: 'benefit-claim' },
      () => memberId,
      403,
      'role_not_allowed',
      {},
    ],
    [
      'a role without the right, even with an empty body (role checked before validation)',
      'payment-operator',
      {},
      () => memberId,
      403,
      'role_not_allowed',
      { personId: null, purpose: null },
    ],
    [
      'a purpose outside the statutory list',
      'clerk',
      { personId: 'insured', purpose: 'marketing' },
      () => memberId,
      400,
      'unknown_purpose',
      { purpose: null },
    ],
    ['no purpose', 'clerk', { personId: 'insured' }, () => memberId, 400, 'unknown_purpose', { purpose: null }],
    [
      'an unknown member',
      'clerk',
      { personId: 'insured', purpose: 'benefit-claim' },
      () => newId(),
      404,
      'member_not_found',
      {},
    ],
    [
      'a malformed member id (recorded as null: it could be anything typed)',
      'clerk',
      { personId: 'insured', purpose: 'benefit-claim' },
      () => INSURED_NUMBER,
      404,
      'member_not_found',
      { memberId: null },
    ],
    [
      'an unknown person',
      'clerk',
      { personId: newId(), purpose: 'benefit-claim' },
      () => memberId,
      404,
      'person_not_found',
      {},
    ],
    // Issue 14.5: bodies refused for their shape are audited too, before the 400.
    ['no person', 'clerk', { purpose: 'benefit-claim' }, () => memberId, 400, 'invalid_request', { personId: null }],
    [
      'a field that is not ours',
      'clerk',
      { personId: 'insured', purpose: 'benefit-claim', note: 'x' },
      () => memberId,
      400,
      'invalid_request',
      { personId: 'insured', purpose: 'benefit-claim' },
    ],
    [
      'a person id of the wrong type',
      'clerk',
      { personId: 42, purpose: 'benefit-claim' },
      () => memberId,
      400,
      'invalid_request',
      { personId: null, purpose: 'benefit-claim' },
    ],
    [
      'a purpose of the wrong type',
      'clerk',
      { personId: 'insured', purpose: ['benefit-claim'] },
      () => memberId,
      400,
      'unknown_purpose',
      { personId: 'insured', purpose: null },
    ],
    [
      'a person id too long',
      'clerk',
      { personId: 'x'.repeat(65), purpose: 'benefit-claim' },
      () => memberId,
      400,
      'invalid_request',
      { personId: null },
    ],
    [
      'a person id that is no id',
      'clerk',
      { personId: SPOUSE_NUMBER, purpose: 'benefit-claim' },
      () => memberId,
      404,
      'person_not_found',
      { personId: null },
    ],
  ])('refuses %s and audits the attempt', async (_name, role, body, member, status, reason, expectedData) => {
    const before = (await auditEvents()).length;
    const sub = `${role}-${newId()}`;
    const res = await reveal(role, body, member(), sub, status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.individualNumber).toBeUndefined();
    const after = await auditEvents();
    expect(after).toHaveLength(before + 1);
    const refused = after.at(-1)!;
    expect(refused.type).toBe('IndividualNumberRevealRefused');
    expect(refused.data).toMatchObject({ reason, actor: { id: sub, role }, ...expectedData });
    expect(JSON.stringify(refused)).not.toContain(INSURED_NUMBER);
    expect(JSON.stringify(refused)).not.toContain(SPOUSE_NUMBER);
  });

  it('issue 14.5: a body that is no object, or a field named like a number, is refused 400 naming it and audited', async () => {
    for (const [body, field] of [
      [['insured', 'benefit-claim'], 'body'],
      [{ personId: 'insured', purpose: 'benefit-claim', [INSURED_NUMBER]: true }, '[12-digits-redacted]'],
    ] as const) {
      const before = (await auditEvents()).length;
      const res = await reveal('clerk', body as unknown as Record<string, unknown>, memberId, 'clerk-shape', 400);
      expect(res.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(JSON.stringify(res.body)).not.toContain(INSURED_NUMBER);
      const after = await auditEvents();
      expect(after).toHaveLength(before + 1);
      expect(after.at(-1)!.data).toMatchObject({ reason: 'invalid_request', memberId });
      expect(JSON.stringify(after.at(-1))).not.toContain(INSURED_NUMBER);
    }
  });

  it('refuses a request without a token (401) before anything is audited', async () => {
    const before = (await auditEvents()).length;
    await request(system.http)
      .post(`/members/${memberId}/individual-number/reveal`)
      .send({ personId: 'insured', purpose: 'benefit-claim' })
      .expect(401);
    expect(await auditEvents()).toHaveLength(before);
  });

  it('lists the access log newest first with filters and paging (compliance officer, admin)', async () => {
    const all = await accessLogPage({ limit: 200 });
    const total = (await auditEvents()).length;
    expect(all.items).toHaveLength(total);
    const positions = all.items.map((i) => i.position);
    expect([...positions].sort((a, b) => b - a)).toEqual(positions);
    expect(all.nextCursor).toBeNull();

    const byActor = await accessLogPage({ actor: 'clerk-reveal' });
    expect(byActor.items).toEqual([
      expect.objectContaining({
        outcome: 'revealed',
        personId: 'insured',
        memberId,
        purpose: 'eligibility-acquisition-notification',
        actor: { id: 'clerk-reveal', role: 'clerk' },
      }),
    ]);
    const refused = await accessLogPage({ memberId, outcome: 'refused' });
    expect(refused.items.length).toBeGreaterThanOrEqual(4);
    expect(refused.items.every((i) => i.outcome === 'refused' && i.memberId === memberId)).toBe(true);

    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await accessLogPage({ limit: 3, cursor }, 'admin');
      expect(page.items.length).toBeLessThanOrEqual(3);
      pages.push(...page.items.map((i) => i.position));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(pages).toEqual(positions);

    const today = new Date().toISOString().slice(0, 10);
    expect((await accessLogPage({ from: '2020-01-01', to: '2020-12-31' })).items).toEqual([]);
    expect((await accessLogPage({ from: '2020-01-01', limit: 200 })).items).toHaveLength(total);
    expect((await accessLogPage({ to: '2020-12-31' })).items).toEqual([]);
    expect((await accessLogPage({ from: new Date(Date.now() + 60_000).toISOString() })).items).toEqual([]);
    await accessLog({ from: today, to: '2020-01-01' }, 400);
    await accessLog({ from: 'yesterday' }, 400);
    await accessLog({ limit: 1000 }, 400);
  });

  it('keeps the access log from other roles', async () => {
    for (const role of ['clerk', 'approver', 'payment-operator'] as Role[]) await accessLog({}, 403, role);
  });
});
