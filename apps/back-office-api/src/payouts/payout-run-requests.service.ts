import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { v5 as uuidv5 } from 'uuid';
import { Clock, newId } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import {
  PAYOUT_QUEUE,
  PAYOUT_RUN_JOB,
  PAYOUT_RUN_JOB_OPTIONS,
  type PayoutRunJobData,
  runIdAt,
  transferDateOf,
} from '@kenpo/payment-worker';
import { payoutRunDecider, payoutRunStreamId } from '@kenpo/payouts';
import { redisCall } from '@kenpo/platform';
import { type CommandContext, keyedName, metadataOf } from '../commands/command-context.js';

const RUN_NAMESPACE = 'c8a1f3e2-5b7d-4e90-8f16-3a2d9c4b7e05';

/**
 * An operator's payout run: the request (who, when, which transfer date) is recorded on `payout-run-<runId>` before
 * the job is queued, and the job names only the run (issue 13.8). If queueing fails after the record, the worker's
 * start-up recovery queues the recorded run again; a retried request (same Idempotency-Key) names the same run.
 */
@Injectable()
export class PayoutRunRequests {
  constructor(
    private readonly events: EventStore,
    @InjectQueue(PAYOUT_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  async request(ctx: CommandContext) {
    const now = this.clock.now();
    const suffix = ctx.idempotencyKey
      ? uuidv5(keyedName(ctx.actor.id, ctx.idempotencyKey), RUN_NAMESPACE).slice(0, 8)
      : newId().slice(-8);
    const runId = runIdAt(now, suffix);
    const outcome = await handleCommand(this.events, payoutRunStreamId(runId), payoutRunDecider, {
      type: 'RequestPayoutRun',
      metadata: metadataOf(ctx, now),
      data: { runId, trigger: 'operator', requestedBy: ctx.actor, transferDate: transferDateOf(runId) },
    });
    const data: PayoutRunJobData = { trigger: 'operator', runId };
    // Redis down: 503 within a bounded time; the recorded run is queued by the worker's recovery or the retry.
    await redisCall(this.queue.add(PAYOUT_RUN_JOB, data, { ...PAYOUT_RUN_JOB_OPTIONS, jobId: runId }));
    return {
      runId,
      status: 'queued',
      revision: outcome.nextExpectedRevision,
      position: outcome.position,
      events: outcome.events.map((e) => e.type),
    };
  }
}
