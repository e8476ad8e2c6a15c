import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest only for an outcome and a reason the spec's enums forbid.
import request from 'supertest';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enrollment, eventCount, individualNumber } from './support/members.js';

const INSURER = '06139992';

/** Issue 12 item 4: 資格確認書 that make sense (domain.md 6.2, 6.4). */
describe('資格確認書 over time (issue 12.4, domain.md 6.4)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let api: ApiClient;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  let seed = 12_400;

  /** Bodies the spec's enums forbid, sent raw. */
  const post = (path: string, body: Record<string, unknown>) =>
    request(system.http).post(path).set(as(clerk)).send(body);
  async function enrollOne(overrides: Partial<Schemas['EnrollMemberDto']>) {
    const body = enrollment({ individualNumber: individualNumber(seed++), ...overrides });
    return expectStatus(await api.POST('/members', { body }), 201).data.memberId;
  }
  const summary = async (memberId: string) =>
    expectStatus(await api.GET('/members/{memberId}', { params: { path: { memberId } } }), 200).data;
  async function eligibility(memberId: string, date: string) {
    const { identifiers } = await summary(memberId);
    const res = await api.GET('/eligibility', {
      params: {
        query: { insurerNumber: INSURER, symbol: identifiers!.symbol, number: identifiers!.number, branch: '00', date },
      },
    });
    return expectStatus(res, 200).data;
  }
  const issue = (memberId: string, body: Schemas['EligibilityDocumentApplicationDto'], ifMatch?: string, as = api) =>
    as.POST('/members/{memberId}/eligibility-documents', {
      params: { path: { memberId }, header: { 'If-Match': ifMatch } },
      body,
    });
  const recordReturn = (memberId: string, body: Schemas['EligibilityDocumentReturnDto']) =>
    api.POST('/members/{memberId}/eligibility-documents/returns', { params: { path: { memberId } }, body });

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    api = await apiAs(system, 'clerk');
  });
  afterAll(async () => {
    await system?.close();
  });

  it('a back-dated enrollment gets a document valid from the issue date, never one already expired', async () => {
    system.setToday('2026-12-01');
    const memberId = await enrollOne({ acquisitionDate: '2020-04-01' });
    const { insured } = await summary(memberId);
    expect(insured!.documents).toEqual([
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
    expect((await summary(old)).insured!.documents[0]).toMatchObject({
      validFrom: '2026-12-01',
      validUntil: '2028-02-09',
    });

    system.setToday('2024-04-05');
    const memberId = await enrollOne({ acquisitionDate: '2023-04-01' });
    const path = { memberId };
    const loss = await api.POST('/members/{memberId}/loss-of-eligibility', {
      params: { path },
      body: { reason: 'retirement', lastWorkingDay: '2024-03-31' },
    });
    expectStatus(loss, 200);
    const continued = await api.POST('/members/{memberId}/voluntary-continuation', {
      params: { path },
      body: { applicationDate: '2024-04-05' },
    });
    expectStatus(continued, 200);
    const documents = (await summary(memberId)).insured!.documents;
    expect(documents.at(-1)).toMatchObject({ reason: 'voluntary-continuation', validUntil: '2026-03-31' });
  });

  it('card linkage after a 資格確認書 ends the document that day and asks for it back; the return is recorded once', async () => {
    system.setToday('2026-01-10');
    const memberId = await enrollOne({ acquisitionDate: '2026-01-10' });
    const linked = await api.POST('/members/{memberId}/card-linkage', {
      params: { path: { memberId } },
      body: { personId: 'insured', linkedOn: '2026-02-01' },
    });
    expect(expectStatus(linked, 200).data.events).toEqual([
      'CardLinked',
      'EligibilityConfirmationDocumentReturnRequested',
    ]);
    expect((await eligibility(memberId, '2026-01-31')).document).toBe('eligibility-confirmation-document');
    expect((await eligibility(memberId, '2026-02-01')).document).toBe('linked-card');
    expect((await summary(memberId)).insured!.documents[0]!.returnRequested).toEqual({
      requestedOn: '2026-01-10',
      lossDate: '2026-02-01',
      reason: 'card-linked',
      outcome: null,
    });

    const before = await eventCount(system);
    const early = await recordReturn(memberId, { personId: 'insured', outcome: 'returned', on: '2026-01-01' });
    expect(expectProblem(early, 422).error.violations![0]).toMatchObject({ field: 'on', rule: 'after_request' });
    const bad = await post(`/members/${memberId}/eligibility-documents/returns`, {
      personId: 'insured',
      outcome: 'lost',
      on: '2026-02-03',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.violations)).toContain('outcome');
    expect(await eventCount(system)).toBe(before);

    const returned = await recordReturn(memberId, { personId: 'insured', outcome: 'returned', on: '2026-02-03' });
    expect(expectStatus(returned, 200).data.events).toEqual(['EligibilityConfirmationDocumentReturnRecorded']);
    expect((await summary(memberId)).insured!.documents[0]!.returnRequested!.outcome).toEqual({
      outcome: 'returned',
      on: '2026-02-03',
    });
    const again = await recordReturn(memberId, { personId: 'insured', outcome: 'not-returned', on: '2026-03-01' });
    expect(expectProblem(again, 422).error.violations![0]).toMatchObject({
      field: 'personId',
      rule: 'no_return_pending',
    });
  });

  it('a 資格確認書 on application (card lost): valid from the issue date; re-sending records nothing; bad input names the field', async () => {
    system.setToday('2026-03-01');
    const memberId = await enrollOne({ acquisitionDate: '2026-03-01', cardLinkage: { linkedOn: '2025-01-01' } });
    expect((await summary(memberId)).insured!.documents).toEqual([]);
    system.setToday('2026-05-20');
    const issued = await issue(memberId, { personId: 'insured', reason: 'card-lost' });
    expect(expectStatus(issued, 200).data.events).toEqual(['EligibilityConfirmationDocumentIssued']);
    expect((await summary(memberId)).insured!.documents[0]).toMatchObject({
      reason: 'card-lost',
      issuedOn: '2026-05-20',
      validFrom: '2026-05-20',
    });
    const resent = await issue(memberId, { personId: 'insured', reason: 'card-lost' });
    expect(expectStatus(resent, 200).data.events).toEqual([]);

    const before = await eventCount(system);
    const badReason = await post(`/members/${memberId}/eligibility-documents`, { personId: 'insured', reason: 'whim' });
    expect(badReason.status).toBe(400);
    expect(JSON.stringify(badReason.body.violations)).toContain('reason');
    expectProblem(await issue(memberId, { personId: 'nobody', reason: 'card-lost' }), 404);
    const noMember = await issue('0196a000-0000-7000-8000-000000000000', { personId: 'insured', reason: 'card-lost' });
    expectProblem(noMember, 404);
    expect(await eventCount(system)).toBe(before);

    expectProblem(await issue(memberId, { personId: 'insured', reason: 'needs-assistance' }, '"0"'), 409);
    const approver = await apiAs(system, 'approver');
    expectProblem(await issue(memberId, { personId: 'insured', reason: 'card-lost' }, undefined, approver), 403);
  });
});
