import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Raw requests on purpose (supertest): forged, foreign and stale cursors on every list, walked generically.
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('paging cursors are sealed and scoped (issue 14.6)', () => {
  let system: TestBackOffice;
  let admin: string;
  let officer: string;
  let memberA: string;
  let memberB: string;

  beforeAll(async () => {
    system = await startTestBackOffice({ PROCESS_ROLES: 'api,projector' });
    admin = `Bearer ${await system.token('admin')}`;
    officer = `Bearer ${await system.token('compliance-officer')}`;
    memberA = (
      await enroll(system, enrollment({ individualNumber: individualNumber(6101), nameKana: 'アオキ イチロウ' }))
    ).memberId;
    memberB = (
      await enroll(system, enrollment({ individualNumber: individualNumber(6102), nameKana: 'イノウエ ジロウ' }))
    ).memberId;
  });
  afterAll(async () => {
    await system?.close();
  });

  const list = (path: string, cursor: string, authorization = admin) =>
    request(system.http).get(path).query({ cursor, limit: 1 }).set('authorization', authorization);

  function expectCursorRefused(res: request.Response) {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.violations).toEqual([expect.objectContaining({ field: 'cursor' })]);
  }

  it.each(['/members', '/payouts', '/payout-runs', '/benefit-claims'])(
    'answers 400 (not 500) to a forged cursor carrying an object on %s',
    async (path) => {
      for (const sort of ['nameKanaKey', 'dueDate', 'createdAt', 'id']) {
        expectCursorRefused(await list(path, b64([sort, 'asc', { $gt: '' }, 'x'])));
        expectCursorRefused(await list(path, b64([sort, 'desc', { $gt: '' }, 'x'])));
      }
      expectCursorRefused(await list(path, 'not-a-cursor'));
    },
  );

  it("pages with the cursors it issued, and refuses one endpoint's cursor on another", async () => {
    const first = await request(system.http)
      .get('/members')
      .query({ limit: 1, minPosition: 0 })
      .set('authorization', admin)
      .expect(200);
    const cursor = first.body.nextCursor as string;
    expect(typeof cursor).toBe('string');
    const second = await list('/members', cursor).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].nameKana).not.toBe(first.body.items[0].nameKana);
    for (const other of ['/payouts', '/payout-runs', '/benefit-claims']) expectCursorRefused(await list(other, cursor));
  });

  it("never lets a cursor point a member's compliance history at another member's streams", async () => {
    const first = await request(system.http)
      .get(`/compliance/members/${memberA}/events`)
      .query({ limit: 1 })
      .set('authorization', officer)
      .expect(200);
    const cursor = first.body.nextCursor as string;
    expect(typeof cursor).toBe('string');
    await list(`/compliance/members/${memberA}/events`, cursor, officer).expect(200);
    expectCursorRefused(await list(`/compliance/members/${memberB}/events`, cursor, officer));
    // A cursor written by hand naming A's stream, asked of B's history: refused, never A's events.
    const crafted = await list(
      `/compliance/members/${memberB}/events`,
      b64({ after: -1, streams: [`member-${memberA}`] }),
      officer,
    );
    expectCursorRefused(crafted);
    expect(JSON.stringify(crafted.body)).not.toContain(memberA);
  });
});
