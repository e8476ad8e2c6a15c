import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import type { RecordedEvent } from '@kenpo/kernel';
import { startTestBackOffice, TEST_JWT_SECRET, type TestBackOffice } from './support/back-office.js';
import { dependant, enrollment, eventCount, individualNumber } from './support/members.js';
import { eventually } from './support/payouts.js';

const CLI = join(import.meta.dirname, '..', 'apps', 'back-office-api', 'dist', 'cli', 'lifecycle.js');

/** Issue 12 item 2: the daily lifecycle run records what each date brought, once, whatever happens to the run. */
describe('the daily lifecycle run (issue 12.2)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let admin: ApiClient;
  let seed = 12_200;
  const children: ChildProcess[] = [];

  const enrollOne = async (overrides: Partial<Schemas['EnrollMemberDto']>) =>
    expectStatus(
      await clerk.POST('/members', { body: enrollment({ individualNumber: individualNumber(seed++), ...overrides }) }),
      201,
    ).data;
  const addDependant = async (memberId: string, overrides: Partial<Schemas['RecognizeDependantDto']>) => {
    const added = await clerk.POST('/members/{memberId}/dependants', {
      params: { path: { memberId } },
      body: dependant({ individualNumber: individualNumber(seed++), ...overrides }),
    });
    return expectStatus(added, 201).data;
  };
  const startRun = (date: string, api = admin, idempotencyKey?: string) =>
    api.POST('/lifecycle-runs', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: { date } });
  const runView = (runId: string) => admin.GET('/lifecycle-runs/{runId}', { params: { path: { runId } } });
  const stream = (memberId: string) => system.events.readStream(`member-${memberId}`);
  const ofType = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type);

  /** Starts a run over HTTP and waits for it to complete; returns the finished run. */
  async function runOver(date: string) {
    const started = expectStatus(await startRun(date), 202);
    const { runId } = started.data;
    expect(started.response.headers.get('location')).toBe(`/lifecycle-runs/${runId}`);
    return eventually(async () => {
      const run = expectStatus(await runView(runId), 200).data;
      return run.status === 'completed' ? run : null;
    }, `lifecycle run ${date}`);
  }

  function cli(
    date: string,
    fault?: string,
  ): Promise<{ signal: NodeJS.Signals | null; code: number | null; out: string }> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATA_DIR: system.dataDir,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'warn',
      ...(fault ? { LIFECYCLE_FAULT: fault } : {}),
    };
    const child = spawn(process.execPath, [CLI, '--date', date], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, out })));
  }

  beforeAll(async () => {
    system = await startTestBackOffice({ LIFECYCLE_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    clerk = await apiAs(system, 'clerk');
    admin = await apiAs(system, 'admin');
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await system?.close();
  });

  it('75th birthdays of an insured and of a dependant: nothing the day before, recorded on the day, never twice', async () => {
    system.setToday('2025-04-01');
    const old = await enrollOne({ dateOfBirth: '1951-06-15', acquisitionDate: '2025-04-01' });
    const spouse = await addDependant(old.memberId, { dateOfBirth: '1960-01-01', recognizedFrom: '2025-04-01' });
    const young = await enrollOne({ dateOfBirth: '1985-04-12', acquisitionDate: '2025-04-01' });
    const parent = await addDependant(young.memberId, {
      relationship: 'parent',
      dateOfBirth: '1951-08-20',
      recognizedFrom: '2025-04-01',
      expectedAnnualIncome: 600_000,
    });

    system.setToday('2026-06-14');
    await runOver('2026-06-14');
    expect(ofType(await stream(old.memberId), 'MemberEligibilityLost')).toEqual([]);

    system.setToday('2026-06-15');
    const run = await runOver('2026-06-15');
    expect(run.counts['insured-age-75']).toMatchObject({ due: 1, recorded: 1, failed: 0 });
    expect(run.progress.membersScanned).toBe(run.progress.membersTotal);
    const [lost] = ofType(await stream(old.memberId), 'MemberEligibilityLost');
    expect(lost!.data).toEqual({
      personId: 'insured',
      reason: 'age-75',
      lossDate: '2026-06-15',
      dependantIds: [spouse.dependantId],
    });
    expect(lost!.metadata).toMatchObject({
      effectiveDate: '2026-06-15',
      actor: { id: 'lifecycle-run', role: 'system' },
      correlationId: run.runId,
    });
    expect(String(lost!.metadata.reason)).toContain('後期高齢者医療制度');
    expect(ofType(await stream(young.memberId), 'DependantRemoved')).toEqual([]);

    system.setToday('2026-08-20');
    await runOver('2026-08-20');
    const [removed] = ofType(await stream(young.memberId), 'DependantRemoved');
    expect(removed!.data).toMatchObject({ dependantId: parent.dependantId, reason: 'age-75', lossDate: '2026-08-20' });

    const before = await eventCount(system);
    const again = await runOver('2026-08-20');
    expect(Object.values(again.counts).every((c) => (c as { recorded: number }).recorded === 0)).toBe(true);
    expect(await eventCount(system)).toBe(before + 2); // only the run's own stream: requested and completed
  });

  it('the 2-year end of voluntary continuation and a 資格確認書 renewal, before and on their dates', async () => {
    system.setToday('2024-04-05');
    const vc = await enrollOne({ acquisitionDate: '2023-04-01' });
    const path = { memberId: vc.memberId };
    const lost = await clerk.POST('/members/{memberId}/loss-of-eligibility', {
      params: { path },
      body: { reason: 'retirement', lastWorkingDay: '2024-03-31' },
    });
    expectStatus(lost, 200);
    const continued = await clerk.POST('/members/{memberId}/voluntary-continuation', {
      params: { path },
      body: { applicationDate: '2024-04-05' },
    });
    expectStatus(continued, 200);
    system.setToday('2026-03-31');
    await runOver('2026-03-31');
    expect(ofType(await stream(vc.memberId), 'VoluntaryContinuationEnded')).toEqual([]);
    system.setToday('2026-04-01');
    await runOver('2026-04-01');
    const [ended] = ofType(await stream(vc.memberId), 'VoluntaryContinuationEnded');
    expect(ended!.data).toMatchObject({ reason: 'two-years-elapsed', lossDate: '2026-04-01' });
    expect(ended!.metadata.effectiveDate).toBe('2026-04-01');

    system.setToday('2026-01-10');
    const member = await enrollOne({ dateOfBirth: '1990-01-01', acquisitionDate: '2026-01-10' });
    // The document runs 2026-01-10 .. 2031-01-09; the next one is due 60 days before 2031-01-10.
    system.setToday('2030-11-10');
    await runOver('2030-11-10');
    expect(ofType(await stream(member.memberId), 'EligibilityConfirmationDocumentIssued')).toHaveLength(1);
    system.setToday('2030-11-11');
    const run = await runOver('2030-11-11');
    expect(run.counts['document-renewal'].recorded).toBeGreaterThanOrEqual(1);
    const issued = ofType(await stream(member.memberId), 'EligibilityConfirmationDocumentIssued');
    expect(issued.at(-1)!.data).toMatchObject({ reason: 'renewal', validFrom: '2031-01-10', issuedOn: '2030-11-11' });
  });

  it('高齢受給者 and the yearly re-check list of dependants: nothing before their dates, recorded once from them', async () => {
    system.setToday('2025-04-01');
    const elder = await enrollOne({ dateOfBirth: '1956-06-15', acquisitionDate: '2025-04-01' });
    const spouse = await addDependant(elder.memberId, { dateOfBirth: '1960-01-01', recognizedFrom: '2025-04-01' });
    const view = async () =>
      expectStatus(await clerk.GET('/members/{memberId}', { params: { path: { memberId: elder.memberId } } }), 200)
        .data;

    system.setToday('2026-05-31');
    await runOver('2026-05-31');
    let events = await stream(elder.memberId);
    expect(ofType(events, 'DependantReviewListed')).toEqual([]);
    expect(ofType(events, 'ElderlyRecipientCertified')).toEqual([]);

    system.setToday('2026-06-30'); // the review day (06-01) has passed: a late run catches it up; 70 in June
    await runOver('2026-06-30');
    events = await stream(elder.memberId);
    const [listed] = ofType(events, 'DependantReviewListed');
    expect(listed!.data).toMatchObject({ dependantId: spouse.dependantId, year: 2026, dueOn: '2026-06-01' });
    expect(listed!.metadata.effectiveDate).toBe('2026-06-01');
    expect(ofType(events, 'ElderlyRecipientCertified')).toEqual([]);

    // The month after the 70th birthday: the co-payment share and the high-cost brackets change (domain.md 4.5, 4.7).
    system.setToday('2026-07-01');
    await runOver('2026-07-01');
    await runOver('2026-07-01');
    events = await stream(elder.memberId);
    const certified = ofType(events, 'ElderlyRecipientCertified');
    expect(certified.map((e) => e.data)).toEqual([{ personId: 'insured', effectiveFrom: '2026-07-01' }]);
    expect(certified[0]!.metadata.effectiveDate).toBe('2026-07-01');
    expect(String(certified[0]!.metadata.reason)).toContain('高齢受給者');
    expect(ofType(events, 'EligibilityNotificationIssued').at(-1)!.data).toMatchObject({ reason: 'elderly-recipient' });
    expect(ofType(events, 'DependantReviewListed')).toHaveLength(1);
    const member = await eventually(async () => {
      const body = await view();
      return body.insured?.elderlyRecipientFrom ? body : null;
    }, 'the summary shows the certification');
    expect(member.insured!.elderlyRecipientFrom).toBe('2026-07-01');
    expect(member.dependants[0]!.reviewsListed).toEqual([2026]);
  });

  it('bad requests: 400 naming the field, 422 for a future date, 403 for other roles, 404 for an unknown run', async () => {
    system.setToday('2026-12-01');
    const bad = expectProblem(await startRun('2026-13-01'), 400);
    expect(JSON.stringify(bad.error.violations)).toContain('date');
    const future = expectProblem(await startRun('2026-12-02'), 422);
    expect(future.error.violations![0]).toMatchObject({ field: 'date', rule: 'not_in_future' });
    expectProblem(await startRun('2026-12-01', await apiAs(system, 'approver')), 403);
    expectProblem(await runView('0196a000-0000-7000-8000-000000000000'), 404);
    const first = expectStatus(await startRun('2026-12-01', admin, 'lifecycle-run-0001'), 202).data;
    const second = await startRun('2026-12-01', admin, 'lifecycle-run-0001');
    expect(second.data?.runId).toBe(first.runId);
    await eventually(async () => (await runView(first.runId)).data?.status === 'completed', 'the keyed run');
  });

  it('killed with SIGKILL mid-way, then three runs at once: every (person, rule, date) recorded exactly once', async () => {
    system.setToday('2024-04-01');
    const members: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { memberId } = await enrollOne({ dateOfBirth: `1950-0${i + 1}-10`, acquisitionDate: '2024-04-01' });
      if (i % 2 === 0) await addDependant(memberId, { dateOfBirth: '1990-01-01', recognizedFrom: '2024-04-01' });
      members.push(memberId);
    }
    system.setToday('2026-12-01');
    const crashed = await cli('2026-12-01', 'after-actions:2');
    expect(crashed.signal).toBe('SIGKILL');
    const lostAfterCrash = (await Promise.all(members.map(stream))).flatMap((s) => ofType(s, 'MemberEligibilityLost'));
    expect(lostAfterCrash.length).toBeLessThan(members.length);

    const [a, b, http] = await Promise.all([cli('2026-12-01'), cli('2026-12-01'), runOver('2026-12-01')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.out).toMatch(/lifecycle 2026-12-01: \d+\/\d+ members/);
    const runs = [JSON.parse(a.out.trim().split('\n').at(-1)!), JSON.parse(b.out.trim().split('\n').at(-1)!), http];
    for (const memberId of members) {
      const events = await stream(memberId);
      const lost = ofType(events, 'MemberEligibilityLost');
      expect(lost).toHaveLength(1);
      expect(lost[0]!.data).toMatchObject({ reason: 'age-75' });
      expect(new Set(events.map((e) => e.metadata.eventId)).size).toBe(events.length);
      expect(ofType(events, 'ElderlyRecipientCertified').length).toBeLessThanOrEqual(1);
    }
    const recordedByRuns = runs.reduce((sum, run) => sum + run.counts['insured-age-75'].recorded, 0);
    expect(recordedByRuns + lostAfterCrash.length).toBe(members.length);
    // Nothing is due any more: a fourth run records nothing.
    const before = await eventCount(system);
    const last = await runOver('2026-12-01');
    expect(Object.values(last.counts).every((c) => (c as { recorded: number }).recorded === 0)).toBe(true);
    expect(await eventCount(system)).toBe(before + 2);
  });
});
