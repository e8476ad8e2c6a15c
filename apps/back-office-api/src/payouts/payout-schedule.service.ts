import { Injectable } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { Clock, fold, ValidationError } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import { SCHEDULE_TZ } from '@kenpo/payment-worker';
import {
  PAYOUT_SCHEDULE_STREAM,
  type PayoutScheduleCommand,
  payoutScheduleDecider,
  type PayoutScheduleEvent,
} from '@kenpo/payouts';
import { type CommandContext, metadataOf } from '../commands/command-context.js';

type ScheduleChange =
  | { type: 'SetPayoutSchedule'; pattern: string; reason: string }
  | { type: 'PausePayoutSchedule' | 'ResumePayoutSchedule'; reason: string };

/**
 * The payout schedule as recorded on `payout-schedule` (issue 13.8): every change has an actor and a reason; the
 * payment worker applies the recorded schedule to the queue and refuses scheduled jobs that do not match it.
 */
@Injectable()
export class PayoutSchedule {
  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
  ) {}

  async current() {
    const history = await this.events.readStreamOrEmpty(PAYOUT_SCHEDULE_STREAM);
    const state = fold(payoutScheduleDecider, history as unknown as PayoutScheduleEvent[]);
    const last = history.at(-1);
    const nextRunAt =
      state.status === 'active'
        ? CronExpressionParser.parse(state.pattern!, { tz: state.tz! }).next().toISOString()
        : null;
    return {
      ...state,
      nextRunAt,
      revision: last?.revision ?? -1,
      changedAt: last?.metadata.recordedAt ?? null,
      changedBy: last ? last.metadata.actor : null,
    };
  }

  async change(change: ScheduleChange, ctx: CommandContext) {
    const metadata = metadataOf(ctx, this.clock.now(), change.reason);
    const command: PayoutScheduleCommand =
      change.type === 'SetPayoutSchedule'
        ? {
            type: change.type,
            metadata,
            data: { pattern: checkedPattern(change.pattern), tz: SCHEDULE_TZ, source: 'operator' },
          }
        : { type: change.type, metadata, data: { reason: change.reason } };
    const outcome = await handleCommand(this.events, PAYOUT_SCHEDULE_STREAM, payoutScheduleDecider, command, {
      ...(ctx.expectedRevision === undefined ? {} : { expectedRevision: ctx.expectedRevision }),
    });
    return {
      revision: outcome.nextExpectedRevision,
      position: outcome.position,
      events: outcome.events.map((e) => e.type),
      schedule: { status: outcome.state.status, pattern: outcome.state.pattern, tz: outcome.state.tz },
    };
  }
}

/** Five cron fields (minute hour day month weekday) that cron-parser accepts; named in a 400 otherwise. */
function checkedPattern(pattern: string): string {
  const trimmed = pattern.trim().replace(/\s+/g, ' ');
  const fields = trimmed.split(' ').length;
  let valid = fields === 5;
  if (valid) {
    try {
      CronExpressionParser.parse(trimmed, { tz: SCHEDULE_TZ });
    } catch {
      valid = false;
    }
  }
  if (!valid)
    throw ValidationError.of(
      'pattern',
      'cron',
      'must be a cron pattern of five fields (minute hour day month weekday)',
    );
  return trimmed;
}
