import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest only for a query parameter the spec does not have.
import request from 'supertest';
import { newId, type RecordedEvent } from '@kenpo/kernel';
import { PROJECTIONS, waitForPosition } from '@kenpo/read-models';
import { crafted, runCli, sleep } from './support/compliance.js';
import { anonymousApi, type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { registerPublicFundsAccount } from './support/claims.js';
import { dependant, enroll, enrollment, individualNumber } from './support/members.js';

describe('compliance: history and state as of two axes (issue 7)', () => {
  let system: TestBackOffice;
  let officer: ApiClient;
  let clerk: ApiClient;

  beforeAll(async () => {
    system = await startTestBackOffice();
    officer = await apiAs(system, 'compliance-officer');
    clerk = await apiAs(system, 'clerk');
  });
  afterAll(async () => {
    await system?.close();
  });

  const memberEvents = (memberId: string) => system.events.readStream(`member-${memberId}`);

  it('is for compliance officers only: 401 without a token, 403 for a clerk or an admin', async () => {
    expectProblem(await (await anonymousApi(system)).GET('/compliance/integrity'), 401);
    expectProblem(await clerk.GET('/compliance/integrity'), 403);
    expectProblem(await (await apiAs(system, 'admin')).GET('/compliance/integrity'), 403);
    expectStatus(await officer.GET('/compliance/integrity'), 200);
  });

  describe("a member's history", () => {
    let memberId: string;
    let claimId: string;
    const number = individualNumber(7001);

    beforeAll(async () => {
      ({ memberId } = await enroll(system, enrollment({ individualNumber: number })));
      const path = { memberId };
      const added = await clerk.POST('/members/{memberId}/dependants', {
        params: { path },
        body: dependant({ individualNumber: individualNumber(7002) }),
      });
      expectStatus(added, 201);
      await registerPublicFundsAccount(system, memberId, '7654321');
      const lost = await clerk.POST('/members/{memberId}/loss-of-eligibility', {
        params: { path },
        body: { reason: 'other', lossDate: '2025-08-01', note: 'moved to another insurer' },
      });
      expectStatus(lost, 200);
      await enroll(system, enrollment({ individualNumber: individualNumber(7003) })); // someone else: not in the history
      // A claim and its payout, written as the benefits and payouts contexts write them: the member is named only in
      // each stream's first event, so the withdrawal and the settlement are found through their stream.
      claimId = newId();
      const now = new Date().toISOString();
      await system.events.append(
        `claim-${claimId}`,
        [crafted('BenefitClaimSubmitted', { claimId, memberId, personId: 'insured', kind: 'funeral' }, now)],
        'no_stream',
      );
      await system.events.append(
        `payout-${claimId}`,
        [crafted('PayoutScheduled', { payoutId: claimId, claimId, memberId, amount: 50_000 }, now)],
        'no_stream',
      );
      await system.events.append(
        `claim-${claimId}`,
        [
          crafted(
            'BenefitClaimWithdrawn',
            { claimId, withdrawnBy: 'clerk-1', withdrawnOn: '2025-09-01', reason: null },
            now,
          ),
        ],
        0,
      );
      await system.events.append(
        `payout-${claimId}`,
        [crafted('PayoutSettled', { payoutId: claimId, runId: 'r1', settledOn: '2025-09-02' }, now)],
        0,
      );
    });

    async function wholeHistory(limit: number) {
      const items: Schemas['HistoryEntryDto'][] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await officer.GET('/compliance/members/{memberId}/events', {
          params: { path: { memberId }, query: { limit, cursor } },
        });
        const page = expectStatus(res, 200).data;
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      return { items, pages };
    }

    it('lists every event of the member, claim and payout streams in log order with who, when, why', async () => {
      const { items } = await wholeHistory(1_000);
      const own = await memberEvents(memberId);
      const memberLines = items.filter((e) => e.streamId === `member-${memberId}`);
      expect(memberLines.map((e) => e.revision)).toEqual(own.map((e) => e.revision));
      expect(items.filter((e) => e.streamId === `claim-${claimId}`).map((e) => e.type)).toEqual([
        'BenefitClaimSubmitted',
        'BenefitClaimWithdrawn',
      ]);
      expect(items.filter((e) => e.streamId === `payout-${claimId}`).map((e) => e.type)).toEqual([
        'PayoutScheduled',
        'PayoutSettled',
      ]);
      expect(items.map((e) => e.type)).toContain('InsuredNumberAllocated');
      const positions = items.map((e) => e.position as number);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(items.map((e) => (e.data as { memberId?: string }).memberId).filter(Boolean))).toEqual(
        new Set([memberId]),
      );

      const enrolled = memberLines.find((e) => e.type === 'MemberEnrolled')!;
      expect(enrolled).toMatchObject({
        actor: 'clerk-1',
        role: 'clerk',
        effectiveDate: '2025-04-01',
        schemaVersion: 1,
      });
      expect(enrolled.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(enrolled.recordedAt)).not.toBeNaN();
      const loss = memberLines.find((e) => e.type === 'MemberEligibilityLost')!;
      expect(loss).toMatchObject({ effectiveDate: '2025-08-01', reason: 'moved to another insurer' });
    });

    it('masks Individual Numbers (********1234, no ciphertext or vault reference) and account numbers', async () => {
      const { items } = await wholeHistory(1_000);
      const raw = (await memberEvents(memberId)).find((e) => e.type === 'MemberEnrolled')! as RecordedEvent;
      const protectedNumber = raw.data.individualNumber as { ciphertext: string; ref: string };
      const text = JSON.stringify(items);
      expect(text).not.toContain(number);
      expect(text).not.toContain(protectedNumber.ciphertext);
      expect(text).not.toContain(protectedNumber.ref);
      expect(text).not.toContain('7654321');
      const enrolled = items.find((e) => e.type === 'MemberEnrolled')!;
      expect(enrolled.data.individualNumber).toBe(`********${number.slice(-4)}`);
      expect(items.find((e) => e.type === 'PublicFundsAccountRegistered')!.data.accountNumber).toBe('***4321');
      expect(items.find((e) => e.type === 'IndividualNumberClaimed')!.streamId).toBe('individual-number-********');
    });

    it('pages with a cursor: small pages give the same events as one large page', async () => {
      const all = await wholeHistory(1_000);
      const paged = await wholeHistory(3);
      expect(paged.pages).toBe(Math.ceil(all.items.length / 3));
      expect(paged.items.map((e) => e.position)).toEqual(all.items.map((e) => e.position));
    });

    it('answers 404 for an unknown member and 400 for a forged cursor or an unknown parameter', async () => {
      const events = (memberId: string, cursor?: string) =>
        officer.GET('/compliance/members/{memberId}/events', { params: { path: { memberId }, query: { cursor } } });
      expectProblem(await events(newId()), 404);
      const forged = expectProblem(await events(memberId, 'bm9wZQ'), 400);
      expect(forged.error.violations![0]!.field).toBe('cursor');
      // A parameter the spec does not have: sent raw.
      const unknown = await request(system.http)
        .get(`/compliance/members/${memberId}/events`)
        .query({ page: 2 })
        .set({ authorization: `Bearer ${await system.token('compliance-officer')}` })
        .expect(400);
      expect(unknown.body.violations[0].field).toBe('page');
    });
  });

  describe('state as known at T, in effect on D', () => {
    let memberId: string;
    let enrolledAt: string;
    let dependantAt: string;
    let lostAt: string;

    beforeAll(async () => {
      ({ memberId } = await enroll(
        system,
        enrollment({ individualNumber: individualNumber(7101), symbol: '7101', acquisitionDate: '2025-04-01' }),
      ));
      enrolledAt = (await memberEvents(memberId)).at(-1)!.metadata.recordedAt;
      await sleep(5);
      const path = { memberId };
      const moved = await clerk.POST('/members/{memberId}/job-changes', {
        params: { path },
        body: { withinSociety: true, officeCode: 'OFF-002', symbol: '7102', effectiveDate: '2025-05-01' },
      });
      expectStatus(moved, 200);
      const added = await clerk.POST('/members/{memberId}/dependants', {
        params: { path },
        body: dependant({ individualNumber: individualNumber(7102), recognizedFrom: '2025-04-01' }),
      });
      expectStatus(added, 201);
      dependantAt = (await memberEvents(memberId)).at(-1)!.metadata.recordedAt;
      await sleep(5);
      // Recorded today, effective in the past: the late-recorded loss of eligibility.
      const lost = await clerk.POST('/members/{memberId}/loss-of-eligibility', {
        params: { path },
        body: { reason: 'other', lossDate: '2025-06-01' },
      });
      expectStatus(lost, 200);
      lostAt = (await memberEvents(memberId)).find((e) => e.type === 'MemberEligibilityLost')!.metadata.recordedAt;
      expect(Date.parse(lostAt)).toBeGreaterThan(Date.parse(dependantAt));
    });

    const state = async (query: { asOf?: string; effectiveOn?: string }) =>
      expectStatus(
        await officer.GET('/compliance/members/{memberId}/state', { params: { path: { memberId }, query } }),
        200,
      ).data;
    const eligibility = async (query: { personId: string; date: string; asOf?: string }) =>
      expectStatus(await officer.GET('/compliance/eligibility', { params: { query: { memberId, ...query } } }), 200)
        .data;
    const justBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

    it('domain.md 3.1: a loss recorded late shows the member covered as known before the recording, not covered after', async () => {
      const before = await state({ asOf: justBefore(lostAt), effectiveOn: '2025-07-01' });
      expect(before).toMatchObject({ known: true, status: 'active', recordedStatus: 'active', loss: null });
      expect(before.persons.find((p) => p.personId === 'insured')!.coveredOn).toBe(true);
      const after = await state({ asOf: lostAt, effectiveOn: '2025-07-01' });
      expect(after).toMatchObject({
        status: 'lost',
        recordedStatus: 'lost',
        loss: { reason: 'other', lossDate: '2025-06-01' },
      });
      expect(after.persons.every((p) => !p.coveredOn)).toBe(true);
      expect(after.revision).toBeGreaterThan(before.revision!);

      expect(await eligibility({ personId: 'insured', date: '2025-07-01', asOf: justBefore(lostAt) })).toMatchObject({
        covered: true,
      });
      expect(await eligibility({ personId: 'insured', date: '2025-07-01', asOf: lostAt })).toMatchObject({
        covered: false,
      });
      // On a date before the loss date, covered on both axes.
      expect(await eligibility({ personId: 'insured', date: '2025-05-31', asOf: lostAt })).toMatchObject({
        covered: true,
      });
    });

    it('the effective axis: identifiers, dependants and grade in force on the date asked', async () => {
      const april = await state({ asOf: dependantAt, effectiveOn: '2025-04-15' });
      const may = await state({ asOf: dependantAt, effectiveOn: '2025-05-15' });
      expect(april.identifiers!.symbol).toBe('7101');
      expect(may.identifiers!.symbol).toBe('7102');
      expect(may.activeDependants).toHaveLength(1);
      expect(may.standardRemuneration!.standardMonthlyRemuneration).toBeGreaterThan(0);
      const march = await state({ asOf: dependantAt, effectiveOn: '2025-03-15' });
      expect(march).toMatchObject({ status: 'not-yet-enrolled', activeDependants: [], standardRemuneration: null });
      // Known before the dependant was recorded: no dependant, even on a date after its recognition.
      const earlier = await state({ asOf: enrolledAt, effectiveOn: '2025-05-15' });
      expect(earlier.activeDependants).toEqual([]);
      expect(earlier.identifiers!.symbol).toBe('7101');
    });

    it('before anything was recorded the member is unknown; numbers are masked', async () => {
      const unknown = await state({ asOf: '2000-01-01T00:00:00Z', effectiveOn: '2025-05-01' });
      expect(unknown).toMatchObject({ known: false, revision: null, status: 'unknown', persons: [] });
      const known = await state({ asOf: lostAt, effectiveOn: '2025-05-01' });
      expect(known.persons[0].individualNumber).toBe(`********${individualNumber(7101).slice(-4)}`);
      expect(JSON.stringify(known)).not.toContain(individualNumber(7101));
      expect(JSON.stringify(known)).not.toMatch(/ciphertext|keyedHash/);
    });

    it('npm run compliance -- as-of answers the same on both axes; replay --member prints the history', async () => {
      const ask = async (asOf: string) => {
        const run = await runCli(
          system.dataDir,
          'as-of',
          '--member',
          memberId,
          '--as-of',
          asOf,
          '--effective-on',
          '2025-07-01',
          '--person',
          'insured',
        );
        expect(run.code).toBe(0);
        return JSON.parse(run.stdout);
      };
      expect(await ask(justBefore(lostAt))).toMatchObject({ covered: true });
      expect(await ask(lostAt)).toMatchObject({ covered: false });
      const replay = await runCli(system.dataDir, 'replay', '--member', memberId);
      const lines = replay.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines.filter((e) => e.streamId === `member-${memberId}`)).toHaveLength(
        (await memberEvents(memberId)).length,
      );
      expect(replay.stdout).not.toContain(individualNumber(7101));
    }, 60_000);

    it('refuses a timestamp without a zone, an impossible date and an unknown member', async () => {
      const state = (memberId: string, asOf?: string) =>
        officer.GET('/compliance/members/{memberId}/state', { params: { path: { memberId }, query: { asOf } } });
      const res = expectProblem(await state(memberId, '2025-07-01T00:00:00'), 400);
      expect(res.error.violations![0]!.field).toBe('asOf');
      const eligibility = await officer.GET('/compliance/eligibility', {
        params: { query: { memberId, personId: 'insured', date: '2025-7-1' } },
      });
      expectProblem(eligibility, 400);
      expectProblem(await state(newId()), 404);
    });
  });

  describe('rebuild checks against the projector running in this process', () => {
    beforeAll(async () => {
      await enroll(system, enrollment({ individualNumber: individualNumber(7201) }));
    });

    it('every projection passes once the projector has caught up', async () => {
      const head = await system.events.headPosition();
      for (const projection of PROJECTIONS) {
        expect((await waitForPosition(system.documents, projection, head, { timeoutMs: 10_000 })).reached).toBe(true);
        const body = { projection: projection.name as Schemas['ReadModelDto']['projection'] };
        let result = expectStatus(await officer.POST('/compliance/rebuild-checks', { body }), 202).data;
        const { id } = result;
        for (let i = 0; i < 200 && result.status === 'running'; i++) {
          await sleep(25);
          result = expectStatus(
            await officer.GET('/compliance/rebuild-checks/{id}', { params: { path: { id } } }),
            200,
          ).data;
        }
        expect(result).toMatchObject({ status: 'passed', differences: [] });
        expect(result.through).toBeGreaterThanOrEqual(head);
        expect(result.compared).toBeGreaterThan(0);
      }
    });
  });
});
