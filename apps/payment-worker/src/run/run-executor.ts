import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { type Actor, type BusinessDate, Clock, DomainError } from '@kenpo/kernel';
import { EventStore, handleCommand, handleCommandBatch } from '@kenpo/event-store';
import {
  payoutDecider,
  payoutStreamId,
  transferBatchDecider,
  transferBatchStreamId,
  type PayoutCommand,
  type TransferBatchCreated,
  type ZenginSender,
} from '@kenpo/payouts';
import { AppConfig } from '@kenpo/platform';
import { FaultInjection } from './fault-injection.js';
import { runCommandMetadata } from './run-commands.js';
import { planRun, type PlannedTransfer } from './run-plan.js';
import type { FreshPlan } from './run-planner.js';
import type { RecordedPlan } from './run-records.js';
import { senderOf } from './sender.js';
import { snapshotAt } from './snapshot.js';
import { encodeTransferFile } from './transfer-file.js';
import { TransferFileStore } from './transfer-file-store.js';

/**
 * Steps (b) and (c) of a run (architecture.md 6): write the recorded plan's file atomically, instruct each payout
 * idempotently per run, then mark the file final (TransferBatchCompleted). A retry after a crash anywhere rebuilds
 * the same bytes from the recorded plan and re-sends instructions that are no-ops where recorded.
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger('PayoutRunExecutor');
  private readonly sender: ZenginSender;
  readonly files: TransferFileStore;
  private readonly instructBatch: number;

  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
    private readonly faults: FaultInjection,
    config: AppConfig,
  ) {
    this.sender = senderOf(config);
    this.files = TransferFileStore.under(config.dataDir);
    this.instructBatch = config.values.PAYOUT_INSTRUCT_BATCH;
  }

  async execute(plan: RecordedPlan | FreshPlan, actor: Actor): Promise<void> {
    const { batch, planPosition } = plan;
    const transferDate = batch.transferDate as BusinessDate;
    const transfers = 'transfers' in plan ? plan.transfers : await this.replan(plan);
    const bytes = 'bytes' in plan ? plan.bytes : this.reencode(batch, transferDate, transfers);
    const written = await this.files.ensure(batch.runId, bytes);
    this.logger.log(
      `run ${batch.runId}: transfer file ${written} (${batch.count} records, sha256 ${batch.sha256}, plan at ${planPosition})`,
    );
    this.faults.at('after-file');
    await this.instruct(batch, transferDate, transfers, actor);
    await this.refusedAsUnrecoverable(batch.runId, 'the batch cannot be completed', () =>
      handleCommand(this.events, transferBatchStreamId(batch.runId), transferBatchDecider, {
        type: 'CompleteTransferBatch',
        metadata: runCommandMetadata(batch.runId, actor, this.clock.now(), 'complete-batch'),
        data: { runId: batch.runId },
      }),
    );
  }

  /** Instructions go in chunks, one transaction each (handleCommandBatch): one sync per payout made 10,000 too slow. */
  private async instruct(
    batch: TransferBatchCreated['data'],
    transferDate: BusinessDate,
    transfers: readonly PlannedTransfer[],
    actor: Actor,
  ): Promise<void> {
    let appended = 0;
    for (let from = 0; from < transfers.length; from += this.instructBatch) {
      const items = transfers.slice(from, from + this.instructBatch).map((t, i) => ({
        streamId: payoutStreamId(t.payoutId),
        decider: payoutDecider,
        command: {
          type: 'InstructPayout' as const,
          metadata: runCommandMetadata(batch.runId, actor, this.clock.now(), 'instruct', t.payoutId),
          data: {
            runId: batch.runId,
            recordIndex: from + i,
            transferDate,
            accountSource: t.accountSource,
            account: t.account,
          },
        } as PayoutCommand,
      }));
      // Only a second run planning the same payout, or a void of this run, could refuse one; the file is then never
      // completed, so it is never served as payable.
      const outcomes = await this.refusedAsUnrecoverable(
        batch.runId,
        `a payout of records ${from}..${from + items.length - 1} cannot be instructed`,
        () => handleCommandBatch(this.events, items),
      );
      const before = appended;
      appended += outcomes.filter((o) => o.events.length > 0).length;
      if (appended > before) this.faults.afterInstructions(appended);
    }
  }

  private async refusedAsUnrecoverable<T>(runId: string, what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof DomainError) throw new UnrecoverableError(`run ${runId}: ${what} (${error.code})`);
      throw error;
    }
  }

  /** A resumed run rebuilds its file from the recorded plan; it must give the bytes whose sha256 was recorded. */
  private reencode(
    batch: TransferBatchCreated['data'],
    transferDate: BusinessDate,
    transfers: PlannedTransfer[],
  ): Buffer {
    const encoded = encodeTransferFile(this.sender, transferDate, transfers);
    if (encoded.sha256 !== batch.sha256) {
      throw new UnrecoverableError(
        `run ${batch.runId}: the recorded plan no longer gives the recorded file (sender configuration changed?)`,
      );
    }
    return encoded.bytes;
  }

  /** The transfers of a recorded plan, from the same snapshot position: what the first attempt computed. */
  private async replan(plan: RecordedPlan): Promise<PlannedTransfer[]> {
    const { batch, planPosition } = plan;
    const replanned = planRun(
      await snapshotAt(this.events, batch.payoutIds, planPosition),
      batch.transferDate as BusinessDate,
    );
    const ids = replanned.transfers.map((t) => t.payoutId);
    if (ids.length !== batch.payoutIds.length || ids.some((id, i) => id !== batch.payoutIds[i])) {
      throw new UnrecoverableError(`run ${batch.runId}: the recorded plan cannot be reproduced from its snapshot`);
    }
    return replanned.transfers;
  }
}
