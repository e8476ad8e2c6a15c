import { Injectable, Logger } from '@nestjs/common';
import { type Actor, Clock, japanDateOf } from '@kenpo/kernel';
import { EventStore, handleCommand, handleCommandBatch } from '@kenpo/event-store';
import {
  payoutDecider,
  payoutRunDecider,
  payoutRunStreamId,
  payoutStreamId,
  recoveryDecider,
  recoveryStreamId,
  transferBatchDecider,
  transferBatchStreamId,
  type PayoutCommand,
  type TransferBatchCreated,
} from '@kenpo/payouts';
import { AppConfig } from '@kenpo/platform';
import { runCommandMetadata } from './run-commands.js';

export interface VoidReason {
  /** A code, e.g. `transfer_date_passed`, `resume_failed`. */
  reason: string;
  detail: string;
}

/**
 * Voids a run that will not finish (issue 18). Payouts first, the batch last: until the batch says voided the
 * run stays open (and its file unpaid), so a crash half-way leaves a run that the next recovery voids again,
 * with the same command ids, instead of a voided batch whose payouts are still tied to it.
 */
@Injectable()
export class RunVoider {
  private readonly logger = new Logger('PayoutRunVoider');
  private readonly chunk: number;

  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.chunk = config.values.PAYOUT_INSTRUCT_BATCH;
  }

  async voidPlanned(batch: TransferBatchCreated['data'], why: VoidReason, actor: Actor): Promise<void> {
    const { runId } = batch;
    const payoutIds = [...batch.payoutIds, ...(batch.offsetSettledIds ?? [])];
    for (let from = 0; from < payoutIds.length; from += this.chunk) {
      const items = payoutIds.slice(from, from + this.chunk).map((payoutId) => ({
        streamId: payoutStreamId(payoutId),
        decider: payoutDecider,
        command: {
          type: 'VoidPayoutInstruction' as const,
          metadata: runCommandMetadata(runId, actor, this.clock.now(), 'void', payoutId),
          data: { runId, reason: why.reason },
        } as PayoutCommand,
      }));
      await handleCommandBatch(this.events, items);
    }
    // What the run kept back for recoveries is owed again.
    for (const recoveryId of new Set((batch.offsets ?? []).map((o) => o.recoveryId))) {
      await handleCommand(this.events, recoveryStreamId(recoveryId), recoveryDecider, {
        type: 'ReverseRecoveryOffsets',
        metadata: runCommandMetadata(runId, actor, this.clock.now(), 'void-offsets', recoveryId),
        data: { runId },
      });
    }
    await handleCommand(this.events, transferBatchStreamId(runId), transferBatchDecider, {
      type: 'VoidTransferBatch',
      metadata: runCommandMetadata(runId, actor, this.clock.now(), 'void-batch'),
      data: { runId, ...why, on: japanDateOf(this.clock.now()) },
    });
    this.logger.warn(`run ${runId}: voided (${why.reason}: ${why.detail}); ${payoutIds.length} payouts released`);
  }

  /** A requested run that never planned: only its record ends. */
  async voidRequested(runId: string, why: VoidReason, actor: Actor): Promise<void> {
    await handleCommand(this.events, payoutRunStreamId(runId), payoutRunDecider, {
      type: 'VoidPayoutRun',
      metadata: runCommandMetadata(runId, actor, this.clock.now(), 'void-run'),
      data: { runId, ...why, on: japanDateOf(this.clock.now()) },
    });
    this.logger.warn(`run ${runId}: voided before planning (${why.reason})`);
  }
}
