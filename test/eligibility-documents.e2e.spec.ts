import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enrollment, eventCount, individualNumber } from './support/members.js';

const INSURER = '06139992';

/** Issue 12 item 4: 資格確認書 that make sense (domain.md 6.2, 6.4). */
describe('資格確認書 over time (issue 12.4, domain.md 6.4)', () => {
  let system: TestBackOffice;
  let clerk: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  let seed = 12_400;

  const post = (path: string, body: Record<string, unknown>) =>
    request(system.http).post(path).set(as(clerk)).send(body);
  async function enrollOne(overrides: Record<string, unknown>) {
    const res = await post('/members', enrollment({ individualNumber: individualNumber(seed++), ...overrides }));
    expect(res.status).toBe(201);
    return res.body.memberId as string;
  }
  const summary = async (memberId: string) =>
    (await request(system.http).get(`/members/${memberId}`).set(as(clerk)).expect(200)).body;
  async function eligibility(memberId: string, date: string) {
    const { identifiers } = await summary(memberId);
    const res = await request(system.http)
      .get('/eligibility')
      .set(as(clerk))
      .query({ insurerNumber: INSURER, symbol: identifiers.symbol, number: identifiers.number, branch: '00', date })
      .expect(200);
    return res.body as { covered: boolean; document: string | null };
  }

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('a back-dated enrollment gets a document valid from the issue date, never one already expired', async () => {
    system.setToday('2026-12-01');
    const memberId = await enrollOne({ acquisitionDate: '2020-04-01' });
    const { insured } = await summary(memberId);
    expect(insured.documents).toEqual([
      expect.objectContaining({ issuedOn: '2026-12-01', validFrom: '2026-12-01', validUntil: '2031-11-30' }),
    ]);
    expect(await eligibility(memberId, '2026-12-01')).toEqual(
      expect.objectContaining({ covered: true, document: 'eligibility-confirmation-document' }),
    );
    // Covered back then, but no document existed yet.
    expect(await eligibility(memberId, '2025-06-01')).toEqual(
      expect.objectContaining({ covered: true, document: null }),
    );
  });

  it('no document runs past a known coverage end: the 2 years of voluntary continuation and the 75th birthday', async () => {
    system.setToday('2026-12-01');
    const old = await enrollOne({ dateOfBirth: '1953-02-10', acquisitionDate: '2026-12-01' });
    expect((await summary(old)).insured.documents[0]).toMatchObject({
      validFrom: '2026-12-01',
      validUntil: '2028-02-09',
    });

    system.setToday('2024-04-05');
    const memberId = await enrollOne({ acquisitionDate: '2023-04-01' });
    expect(
      (await post(`/members/${memberId}/loss-of-eligibility`, { reason: 'retirement', lastWorkingDay: '2024-03-31' }))
        .status,
    ).toBe(200);
    expect((await post(`/members/${memberId}/voluntary-continuation`, { applicationDate: '2024-04-05' })).status).toBe(
      200,
    );
    const documents = (await summary(memberId)).insured.documents;
    expect(documents.at(-1)).toMatchObject({ reason: 'voluntary-continuation', validUntil: '2026-03-31' });
  });

  it('card linkage after a 資格確認書 ends the document that day and asks for it back; the return is recorded once', async () => {
    system.setToday('2026-01-10');
    const memberId = await enrollOne({ acquisitionDate: '2026-01-10' });
    const linked = await post(`/members/${memberId}/card-linkage`, { personId: 'insured', linkedOn: '2026-02-01' });
    expect(linked.status).toBe(200);
    expect(linked.body.events).toEqual(['CardLinked', 'EligibilityConfirmationDocumentReturnRequested']);
    expect((await eligibility(memberId, '2026-01-31')).document).toBe('eligibility-confirmation-document');
    expect((await eligibility(memberId, '2026-02-01')).document).toBe('linked-card');
    expect((await summary(memberId)).insured.documents[0].returnRequested).toEqual({
      requestedOn: '2026-01-10',
      lossDate: '2026-02-01',
      reason: 'card-linked',
      outcome: null,
    });

    const before = await eventCount(system);
    const early = await post(`/members/${memberId}/eligibility-documents/returns`, {
      personId: 'insured',
      outcome: 'returned',
      on: '2026-01-01',
    });
    expect(early.status).toBe(422);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.body.violations[0]).toMatchObject({ field: 'on', rule: 'after_request' });
    const bad = await post(`/members/${memberId}/eligibility-documents/returns`, {
      personId: 'insured',
      outcome: 'lost',
      on: '2026-02-03',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.violations)).toContain('outcome');
    expect(await eventCount(system)).toBe(before);

    const returned = await post(`/members/${memberId}/eligibility-documents/returns`, {
      personId: 'insured',
      outcome: 'returned',
      on: '2026-02-03',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.events).toEqual(['EligibilityConfirmationDocumentReturnRecorded']);
    expect((await summary(memberId)).insured.documents[0].returnRequested.outcome).toEqual({
      outcome: 'returned',
      on: '2026-02-03',
    });
    const again = await post(`/members/${memberId}/eligibility-documents/returns`, {
      personId: 'insured',
      outcome: 'not-returned',
      on: '2026-03-01',
    });
    expect(again.status).toBe(422);
    expect(again.body.violations[0]).toMatchObject({ field: 'personId', rule: 'no_return_pending' });
  });

  it('a 資格確認書 on application (card lost): valid from the issue date; re-sending records nothing; bad input names the field', async () => {
    system.setToday('2026-03-01');
    const memberId = await enrollOne({ acquisitionDate: '2026-03-01', cardLinkage: { linkedOn: '2025-01-01' } });
    expect((await summary(memberId)).insured.documents).toEqual([]);
    system.setToday('2026-05-20');
    const issued = await post(`/members/${memberId}/eligibility-documents`, {
      personId: 'insured',
      reason: 'card-lost',
    });
    expect(issued.status).toBe(200);
    expect(issued.body.events).toEqual(['EligibilityConfirmationDocumentIssued']);
    expect((await summary(memberId)).insured.documents[0]).toMatchObject({
      reason: 'card-lost',
      issuedOn: '2026-05-20',
      validFrom: '2026-05-20',
    });
    const resent = await post(`/members/${memberId}/eligibility-documents`, {
      personId: 'insured',
      reason: 'card-lost',
    });
    expect(resent.body.events).toEqual([]);

    const before = await eventCount(system);
    const badReason = await post(`/members/${memberId}/eligibility-documents`, { personId: 'insured', reason: 'whim' });
    expect(badReason.status).toBe(400);
    expect(JSON.stringify(badReason.body.violations)).toContain('reason');
    const nobody = await post(`/members/${memberId}/eligibility-documents`, {
      personId: 'nobody',
      reason: 'card-lost',
    });
    expect(nobody.status).toBe(404);
    const noMember = await post('/members/0196a000-0000-7000-8000-000000000000/eligibility-documents', {
      personId: 'insured',
      reason: 'card-lost',
    });
    expect(noMember.status).toBe(404);
    expect(await eventCount(system)).toBe(before);

    const stale = await request(system.http)
      .post(`/members/${memberId}/eligibility-documents`)
      .set(as(clerk))
      .set('If-Match', '"0"')
      .send({ personId: 'insured', reason: 'needs-assistance' });
    expect(stale.status).toBe(409);
    const approver = await system.token('approver');
    await request(system.http)
      .post(`/members/${memberId}/eligibility-documents`)
      .set(as(approver))
      .send({ personId: 'insured', reason: 'card-lost' })
      .expect(403);
  });
});
