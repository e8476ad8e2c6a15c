import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
// Valid requests go through the typed client; supertest for the queue dashboard (Bull Board, outside the API's
// spec) and a body the spec forbids (a pause without its reason).
import request from 'supertest';
import { type Actor, type Decider, type Event, newId } from '@kenpo/kernel';
import { handleCommand } from '@kenpo/event-store';
import { PAYOUT_QUEUE, PAYOUT_SCHEDULER_ID, runIdAt } from '@kenpo/payment-worker';
import {
  payoutRunDecider,
  payoutRunStreamId,
  payoutStreamId,
  transferBatchDecider,
  transferBatchStreamId,
  transferFileName,
} from '@kenpo/payouts';
import { type ApiClient, apiAs, expectProblem, expectStatus } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import {
  approvedClaim,
  burial,
  claimAccount,
  eventually,
  parsedFile,
  payableFilesPerPayout,
  transferFileBytes,
} from './support/payouts.js';

/** Writes a recorded fact as it stands (a fixture for history, e.g. a crashed run of yesterday). */
const asRecorded = (event: Event): Decider<null, never, Event> => ({
  decide: () => [event],
  evolve: () => null,
  initialState: () => null,
});
const meta = (actor: Actor) => {
  const id = newId();
  return { commandId: id, correlationId: id, actor, now: new Date().toISOString() };
};

describe('payout safeguards over HTTP (issues 13.8 and 18.2)', () => {
  let system: TestBackOffice;
  let operator: string;
  let operatorApi: ApiClient;
  let queue: Queue;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const run = async (runId: string) =>
    (await operatorApi.GET('/payout-runs/{runId}', { params: { path: { runId } } })).data;
  const finished = (runId: string) =>
    eventually(async () => {
      const body = await run(runId);
      const done = body?.job?.state === 'completed' && !['requested', 'planned', 'pending'].includes(body.status);
      return done && body.status !== 'pending' ? body : null;
    }, `run ${runId} to finish`);
  const startRun = async () => expectStatus(await operatorApi.POST('/payout-runs'), 202).data.runId;
  const duePayouts = async (count: number) =>
    eventually(async () => {
      const { data } = await operatorApi.GET('/payouts', { params: { query: { status: 'due' } } });
      return data?.items.length === count ? data.items : null;
    }, `${count} due payouts`);

  beforeAll(async () => {
    system = await startTestBackOffice({ PAYOUT_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    operator = await system.token('payment-operator');
    operatorApi = await apiAs(system, 'payment-operator');
    queue = new Queue(PAYOUT_QUEUE, { connection: { url: system.redis.url } });
  });
  afterAll(async () => {
    await queue?.close();
    await system?.close();
  });

  it('18.2: a run planned yesterday and never finished is voided before the next planning; its file answers 410 and its payouts go into one payable file', async () => {
    const claims: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(6300 + i) }));
      claims.push(await approvedClaim(system.events, memberId, burial(), claimAccount));
    }
    const due = await duePayouts(2);
    const payoutIds = due.map((p) => p.payoutId).sort();
    // Yesterday's run: requested, planned, one payout instructed, then the process died and Redis lost the job.
    const stale = runIdAt(new Date(Date.now() - 86_400_000), 'abcdef01');
    const transferDate = `${stale.slice(4, 8)}-${stale.slice(8, 10)}-${stale.slice(10, 12)}`;
    const requester: Actor = { id: 'payment-operator-1', role: 'payment-operator' };
    await handleCommand(system.events, payoutRunStreamId(stale), payoutRunDecider, {
      type: 'RequestPayoutRun',
      metadata: meta(requester),
      data: { runId: stale, trigger: 'operator', requestedBy: requester, transferDate },
    });
    const planPosition = await system.events.headPosition();
    await handleCommand(
      system.events,
      transferBatchStreamId(stale),
      transferBatchDecider,
      {
        type: 'CreateTransferBatch',
        metadata: meta(requester),
        data: {
          runId: stale,
          fileName: transferFileName(stale),
          sha256: 'a'.repeat(64),
          count: 2,
          total: due.reduce((sum, p) => sum + p.amount, 0),
          transferDate,
          payoutIds,
        },
      },
      { metadataFor: () => ({ planPosition }) },
    );
    const instructed = {
      type: 'PayoutInstructed',
      data: {
        payoutId: payoutIds[0]!,
        runId: stale,
        recordIndex: 0,
        amount: due.find((p) => p.payoutId === payoutIds[0])!.amount,
        transferDate,
        accountSource: 'claim',
        account: {
          bankCode: '0005',
          branchCode: '123',
          accountType: 'savings',
          accountNumber: '7654321',
          holderName: 'ｽｽﾞｷ ﾊﾅｺ',
        },
      },
    };
    await handleCommand(system.events, payoutStreamId(payoutIds[0]!), asRecorded(instructed), {
      type: 'x',
      data: {},
      metadata: meta(requester),
    } as never);
    await eventually(async () => (await run(stale))?.status === 'planned', 'the stale run in the view');

    const next = await startRun();
    const done = await finished(next);
    expect(done).toMatchObject({ status: 'created', count: 2 });
    expect(await run(stale)).toMatchObject({ status: 'voided', voided: { reason: 'transfer_date_passed' } });
    const gone = await operatorApi.GET('/payout-runs/{runId}/transfer-file', { params: { path: { runId: stale } } });
    expect(expectProblem(gone, 410).error).toMatchObject({
      status: 410,
      violations: [{ field: 'runId', rule: 'transfer_date_passed' }],
    });
    const records = parsedFile((await transferFileBytes(operatorApi, next)).bytes).records;
    expect(records.map((r) => r.amount).sort()).toEqual(due.map((p) => p.amount).sort());
    const files = await payableFilesPerPayout(system.events);
    for (const payoutId of payoutIds) expect(files.get(payoutId)).toEqual([next]);
    // Bank results for the voided run are refused.
    const refused = await operatorApi.POST('/payout-runs/{runId}/bank-results', {
      params: { path: { runId: stale } },
      body: { results: [{ recordIndex: 0, outcome: 'accepted' }] },
    });
    expect(expectProblem(refused, 409).error.code).toBe('transfer_batch_voided');
  });

  it('13.8: the worker takes the actor from the recorded request; forged jobs added straight to the queue are refused', async () => {
    const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(6310) }));
    const claimId = await approvedClaim(system.events, memberId, burial(), claimAccount);
    await eventually(
      async () =>
        (await operatorApi.GET('/payouts/{payoutId}', { params: { path: { payoutId: claimId } } })).data?.status ===
        'due',
      'the payout to be due',
    );
    const forgedRunId = runIdAt(new Date(), '0f0f0f0f');
    const forged = await queue.add(
      'payout-run',
      { trigger: 'operator', runId: forgedRunId, requestedBy: { id: 'approver-9', role: 'payment-operator' } },
      { jobId: forgedRunId },
    );
    const legit = await startRun();
    const mismatch = await queue.add(
      'payout-run',
      { trigger: 'operator', runId: legit, requestedBy: { id: 'approver-9', role: 'payment-operator' } },
      { jobId: 'forged-copy-of-a-recorded-run' },
    );
    const unscheduled = await queue.add('payout-run', { trigger: 'schedule' }, { jobId: 'forged-schedule' });
    const failedReason = (job: typeof forged) =>
      eventually(async () => {
        const state = await job.getState();
        return state === 'failed' ? ((await queue.getJob(job.id!))?.failedReason ?? '?') : null;
      }, `job ${job.id} to fail`);
    expect(await failedReason(forged)).toContain('run_not_requested');
    expect(await failedReason(mismatch)).toContain('job_data_mismatch');
    expect(await failedReason(unscheduled)).toContain('not_scheduled');

    const done = await finished(legit);
    expect(done).toMatchObject({ status: 'created', requestedBy: { id: 'payment-operator-1' } });
    const stream = await system.events.readStream(payoutStreamId(claimId));
    const instruction = stream.find((e) => e.type === 'PayoutInstructed')!;
    expect(instruction.data.runId).toBe(legit);
    expect(instruction.metadata.actor).toEqual({ id: 'payment-operator-1', role: 'payment-operator' });
    for await (const page of system.events.readAllPages())
      for (const event of page) expect(event.metadata.actor.id).not.toBe('approver-9');
    // The forged run exists only as a failed job: nothing was recorded for it.
    expect(await run(forgedRunId)).toMatchObject({ status: 'pending', job: { state: 'failed' } });
  });

  it('13.8: the queue dashboard is read-only: no add, retry, pause, clean or promote through it', async () => {
    const board = await request(system.http).get('/queues/api/queues').set(as(operator)).expect(200);
    expect(JSON.stringify(board.body)).toContain('"readOnlyMode":true');
    const before = await queue.getJobCounts();
    const writes = [
      request(system.http).post('/queues/api/queues/payout-runs/add').send({ name: 'payout-run', data: {} }),
      request(system.http).put('/queues/api/queues/payout-runs/pause'),
      request(system.http).put('/queues/api/queues/payout-runs/retry/failed'),
      request(system.http).put('/queues/api/queues/payout-runs/clean/completed'),
      request(system.http).put('/queues/api/queues/payout-runs/promote'),
      request(system.http).delete('/queues/api/queues/payout-runs/job-1'),
      request(system.http).patch('/queues/api/queues/payout-runs/job-schedulers/payout-run-schedule'),
    ];
    for (const write of writes) {
      const res = await write.set(as(operator)).expect(405);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.violations[0]).toMatchObject({ field: 'method', rule: 'dashboard_read_only' });
    }
    await request(system.http).post('/queues/api/queues/payout-runs/add').expect(401);
    expect(await queue.isPaused()).toBe(false);
    expect(await queue.getJobCounts()).toEqual(before);
  });

  it('13.8: pause, resume and reschedule go through the API, are recorded with actor and reason, and reach the queue', async () => {
    const schedule = expectStatus(await operatorApi.GET('/payout-schedule'), 200).data;
    expect(schedule).toMatchObject({ status: 'active', pattern: '0 0 1 1 *', tz: 'Asia/Tokyo' });
    const clerk = await apiAs(system, 'clerk');
    const admin = await apiAs(system, 'admin');
    expectProblem(await clerk.POST('/payout-schedule/pause', { body: { reason: 'x' } }), 403);
    expectProblem(await admin.POST('/payout-schedule/pause', { body: { reason: 'x' } }), 403);
    const bad = await operatorApi.PUT('/payout-schedule', { body: { pattern: 'every day at 9', reason: 'typo' } });
    expect(expectProblem(bad, 400).error.violations![0]).toMatchObject({ field: 'pattern', rule: 'cron' });
    await request(system.http).post('/payout-schedule/pause').set(as(operator)).send({}).expect(400);

    const ifMatch = { 'If-Match': `"${schedule.revision}"` };
    const paused = expectStatus(
      await operatorApi.POST('/payout-schedule/pause', {
        params: { header: ifMatch },
        body: { reason: 'bank holiday' },
      }),
      200,
    );
    expect(paused.data).toMatchObject({ events: ['PayoutSchedulePaused'], schedule: { status: 'paused' } });
    await eventually(async () => !(await queue.getJobScheduler(PAYOUT_SCHEDULER_ID)), 'the scheduler to be removed');
    const stale = await operatorApi.POST('/payout-schedule/resume', {
      params: { header: ifMatch },
      body: { reason: 'back' },
    });
    expect(expectProblem(stale, 409).error.violations![0]!.field).toBe('If-Match');

    expectStatus(await operatorApi.POST('/payout-schedule/resume', { body: { reason: 'back' } }), 200);
    expectStatus(
      await operatorApi.PUT('/payout-schedule', { body: { pattern: '30 10 * * 1-5', reason: 'bank cut-off moved' } }),
      200,
    );
    await eventually(
      async () => (await queue.getJobScheduler(PAYOUT_SCHEDULER_ID))?.pattern === '30 10 * * 1-5',
      'the new pattern in the queue',
    );
    const recorded = await system.events.readStream('payout-schedule');
    expect(recorded.map((e) => [e.type, e.metadata.actor.id, e.metadata.reason ?? null])).toEqual([
      ['PayoutScheduleSet', 'configuration', null],
      ['PayoutSchedulePaused', 'payment-operator-1', 'bank holiday'],
      ['PayoutScheduleResumed', 'payment-operator-1', 'back'],
      ['PayoutScheduleSet', 'payment-operator-1', 'bank cut-off moved'],
    ]);
    expect((await operatorApi.GET('/payout-schedule')).data).toMatchObject({
      status: 'active',
      pattern: '30 10 * * 1-5',
      changedBy: { id: 'payment-operator-1' },
    });
  });

  it('13.8: a job of the recorded schedule has its request recorded by the schedule, and runs with that actor', async () => {
    // A schedule that fires at the current minute, and the job BullMQ's scheduler makes for that instant.
    const now = Date.now();
    const minute = now - (now % 60_000);
    const jst = new Date(minute + 9 * 3_600_000);
    const pattern = `${jst.getUTCMinutes()} ${jst.getUTCHours()} * * *`;
    await request(system.http)
      .put('/payout-schedule')
      .set(as(operator))
      .send({ pattern, reason: 'a run now' })
      .expect(200);
    await queue.add('payout-run', { trigger: 'schedule' }, { jobId: `repeat:${PAYOUT_SCHEDULER_ID}:${minute}` });
    const runId = runIdAt(new Date(minute));
    const done = await eventually(async () => {
      const body = await run(runId);
      return body && ['created', 'nothing-to-pay'].includes(body.status) ? body : null;
    }, `scheduled run ${runId}`);
    const scheduler = { id: 'payout-scheduler', role: 'system' };
    expect(done).toMatchObject({ trigger: 'schedule', requestedBy: scheduler });
    const [requested] = await system.events.readStream(payoutRunStreamId(runId));
    expect(requested).toMatchObject({
      type: 'PayoutRunRequested',
      data: { trigger: 'schedule', requestedBy: scheduler, schedule: { pattern, tz: 'Asia/Tokyo' } },
      metadata: { actor: scheduler },
    });
  });

  it('18.2: /health warns (degraded, still 200) while Redis keeps nothing across a restart', async () => {
    const res = expectStatus(await operatorApi.GET('/health'), 200).data;
    expect(res.info!.redis).toMatchObject({ status: 'up', persistence: 'none', degraded: true });
  });
});
