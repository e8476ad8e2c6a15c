import { Injectable, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { CronExpressionParser } from 'cron-parser';
import { type Actor, Clock, fold } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import {
  PAYOUT_SCHEDULE_STREAM,
  payoutRunDecider,
  payoutRunStreamId,
  payoutScheduleDecider,
  type PayoutScheduleEvent,
} from '@kenpo/payouts';
import { PAYOUT_SCHEDULER_ID, type PayoutRunJobData } from '../queue/payout-run-job.js';
import { runCommandMetadata, SCHEDULER_ACTOR } from './run-commands.js';
import { isRunId, runIdAt, transferDateOf } from './run-id.js';
import { recordedRun } from './run-records.js';

/** What the worker runs: the run id and the actor, both from recorded events (issue 13.8). */
export interface RunRequest {
  runId: string;
  actor: Actor;
}

const SCHEDULED_JOB = new RegExp(`^repeat:${PAYOUT_SCHEDULER_ID}:(\\d+)$`);

/** A job the worker will not run: logged and failed for good, so it shows on the (read-only) dashboard. */
export class RefusedJobError extends UnrecoverableError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Does the cron pattern (in `tz`) fire exactly at `millis`? */
export function cronFiresAt(pattern: string, tz: string, millis: number): boolean {
  try {
    const next = CronExpressionParser.parse(pattern, { currentDate: new Date(millis - 1_000), tz }).next();
    return next.getTime() === millis;
  } catch {
    return false;
  }
}

/**
 * Nothing trusts data it did not record (architecture.md 11): a job names a run, and the run's actor and
 * parameters come from its recorded request. An operator's run is recorded by the API before its job is queued;
 * a scheduled job is checked against the recorded schedule and its request recorded here. Anything else, such as
 * a job added straight to the queue or one whose data disagrees with the record, is refused.
 */
@Injectable()
export class RunRequests {
  private readonly logger = new Logger('PayoutRunRequests');

  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
  ) {}

  async requestOf(job: Pick<Job<PayoutRunJobData>, 'id' | 'data'>): Promise<RunRequest> {
    try {
      return job.data?.runId === undefined ? await this.scheduled(job) : await this.recorded(job);
    } catch (error) {
      if (error instanceof RefusedJobError)
        this.logger.warn(`payout run job ${job.id ?? '?'} refused: ${error.message}`);
      throw error;
    }
  }

  private async recorded(job: Pick<Job<PayoutRunJobData>, 'id' | 'data'>): Promise<RunRequest> {
    const { runId, trigger } = job.data;
    if (!isRunId(runId)) throw new RefusedJobError('run_id', 'the job names no valid run id');
    const run = await recordedRun(this.events, runId!);
    if (run.status === 'none' || !run.requestedBy)
      throw new RefusedJobError('run_not_requested', `no request is recorded for run ${runId}`);
    const claimed = (job.data as { requestedBy?: Partial<Actor> }).requestedBy;
    const mismatch =
      (trigger !== undefined && trigger !== run.trigger) ||
      (claimed !== undefined && (claimed?.id !== run.requestedBy.id || claimed?.role !== run.requestedBy.role));
    if (mismatch) throw new RefusedJobError('job_data_mismatch', `the job's data disagrees with the recorded request`);
    return { runId: runId!, actor: run.requestedBy };
  }

  private async scheduled(job: Pick<Job<PayoutRunJobData>, 'id' | 'data'>): Promise<RunRequest> {
    const millis = Number(SCHEDULED_JOB.exec(job.id ?? '')?.[1] ?? NaN);
    if (!Number.isSafeInteger(millis) || job.data?.trigger !== 'schedule' || 'requestedBy' in (job.data ?? {}))
      throw new RefusedJobError('not_scheduled', 'the job is neither a recorded request nor the payout schedule');
    // BullMQ queues a scheduled job ahead of its instant: one made up for a later instant must not run early.
    if (millis > this.clock.now().getTime() + 60_000)
      throw new RefusedJobError('not_due', 'the scheduled instant has not come yet');
    const history = await this.events.readStreamOrEmpty(PAYOUT_SCHEDULE_STREAM);
    const schedule = fold(payoutScheduleDecider, history as unknown as PayoutScheduleEvent[]);
    if (schedule.status !== 'active')
      throw new RefusedJobError('schedule_not_active', `the payout schedule is ${schedule.status}`);
    if (!cronFiresAt(schedule.pattern!, schedule.tz!, millis))
      throw new RefusedJobError('not_scheduled', 'the recorded schedule does not fire at this instant');
    const runId = runIdAt(new Date(millis));
    await handleCommand(this.events, payoutRunStreamId(runId), payoutRunDecider, {
      type: 'RequestPayoutRun',
      metadata: runCommandMetadata(runId, SCHEDULER_ACTOR, this.clock.now(), 'request'),
      data: {
        runId,
        trigger: 'schedule',
        requestedBy: SCHEDULER_ACTOR,
        transferDate: transferDateOf(runId),
        schedule: { pattern: schedule.pattern!, tz: schedule.tz!, revision: history.at(-1)!.revision },
      },
    });
    return { runId, actor: SCHEDULER_ACTOR };
  }
}
