import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { type Actor, Clock, fold } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import {
  PAYOUT_SCHEDULE_STREAM,
  payoutScheduleDecider,
  type PayoutScheduleEvent,
  type PayoutScheduleState,
} from '@kenpo/payouts';
import { AppConfig } from '@kenpo/platform';
import { runCommandMetadata } from '../run/run-commands.js';
import {
  PAYOUT_QUEUE,
  PAYOUT_RUN_JOB,
  PAYOUT_RUN_JOB_OPTIONS,
  PAYOUT_SCHEDULER_ID,
  type PayoutRunJobData,
} from './payout-run-job.js';

export const SCHEDULE_TZ = 'Asia/Tokyo';
const CONFIGURATION_ACTOR: Actor = { id: 'configuration', role: 'system' };

/**
 * Keeps the queue's job scheduler equal to the recorded payout schedule (issue 13.8). PAYOUT_CRON only seeds the
 * schedule on first start; afterwards it changes through the API, and every worker re-applies it at start-up and
 * whenever a change is recorded (the payout reactor calls `apply`), undoing any change made behind its back.
 */
@Injectable()
export class PayoutScheduleApplier {
  private readonly logger = new Logger('PayoutSchedule');

  constructor(
    @InjectQueue(PAYOUT_QUEUE) private readonly queue: Queue,
    private readonly events: EventStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async seedAndApply(): Promise<void> {
    if ((await this.events.readStreamOrEmpty(PAYOUT_SCHEDULE_STREAM)).length === 0) {
      // One command id for every worker: concurrent first starts record the seed once.
      await handleCommand(this.events, PAYOUT_SCHEDULE_STREAM, payoutScheduleDecider, {
        type: 'SetPayoutSchedule',
        metadata: runCommandMetadata('payout-schedule', CONFIGURATION_ACTOR, this.clock.now(), 'seed'),
        data: { pattern: this.config.values.PAYOUT_CRON, tz: SCHEDULE_TZ, source: 'configuration' },
      });
    }
    await this.apply();
  }

  async apply(): Promise<PayoutScheduleState> {
    const history = await this.events.readStreamOrEmpty(PAYOUT_SCHEDULE_STREAM);
    const schedule = fold(payoutScheduleDecider, history as unknown as PayoutScheduleEvent[]);
    if (schedule.status === 'active') {
      await this.queue.upsertJobScheduler(
        PAYOUT_SCHEDULER_ID,
        { pattern: schedule.pattern!, tz: schedule.tz! },
        {
          name: PAYOUT_RUN_JOB,
          data: { trigger: 'schedule' } satisfies PayoutRunJobData,
          opts: PAYOUT_RUN_JOB_OPTIONS,
        },
      );
    } else {
      await this.queue.removeJobScheduler(PAYOUT_SCHEDULER_ID);
    }
    this.logger.log(
      `payout schedule ${schedule.status}${schedule.pattern ? ` (${schedule.pattern} ${schedule.tz})` : ''}`,
    );
    return schedule;
  }
}
