import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { type Actor, type BusinessDate, Clock, type Command, DomainError, type Event } from '@kenpo/kernel';
import { type BatchItem, EventStore, handleCommand, handleCommandBatch } from '@kenpo/event-store';
import {
  payoutDecider,
  payoutStreamId,
  recoveryDecider,
  recoveryStreamId,
  transferBatchDecider,
  transferBatchStreamId,
  type PayoutCommand,
  type RecoveryCommand,
  type TransferBatchCreated,
  type ZenginSender,
} from '@kenpo/payouts';
import { AppConfig } from '@kenpo/platform';
import { FaultInjection } from './fault-injection.js';
import { runCommandMetadata } from './run-commands.js';
import { type PlannedSettlement, type PlannedTransfer, planRun, type RecoveryBalance } from './run-plan.js';
import type { FreshPlan } from './run-planner.js';
import type { RecordedPlan } from './run-records.js';
import { senderOf } from './sender.js';
import { snapshotAt } from './snapshot.js';
import { encodeTransferFile } from './transfer-file.js';
import { TransferFileStore } from './transfer-file-store.js';

type Step = { transfer: PlannedTransfer; recordIndex: number } | { settlement: PlannedSettlement };
type AnyItem = BatchItem<unknown, Command, Event>;

/**
 * Steps (b) and (c) of a run (architecture.md 6): write the recorded plan's file atomically, instruct each payout
 * (with the recoveries kept back from it, recorded on their own streams in the same transaction) idempotently per
 * run, then mark the file final (TransferBatchCompleted). A retry after a crash anywhere rebuilds the same bytes
 * from the recorded plan and re-sends commands that are no-ops where recorded.
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
    const { transfers, settlements } = 'transfers' in plan ? plan : await this.replan(plan);
    // A run whose payouts the recoveries took wholly has no data record, hence no file.
    if (batch.count > 0) {
      const bytes = 'bytes' in plan ? plan.bytes : this.reencode(batch, transferDate, transfers);
      const written = await this.files.ensure(batch.runId, bytes);
      this.logger.log(
        `run ${batch.runId}: transfer file ${written} (${batch.count} records, sha256 ${batch.sha256}, plan at ${planPosition})`,
      );
    }
    this.faults.at('after-file');
    const steps: Step[] = [
      ...transfers.map((transfer, recordIndex) => ({ transfer, recordIndex })),
      ...settlements.map((settlement) => ({ settlement })),
    ];
    let appended = 0;
    for (let from = 0; from < steps.length; from += this.instructBatch) {
      const chunk = steps.slice(from, from + this.instructBatch);
      // Only a second run planning the same payout, or a void of this run, could refuse one; the file is then never
      // completed, so it is never served as payable.
      const outcomes = await this.refusedAsUnrecoverable(
        batch.runId,
        `a payout of steps ${from}..${from + chunk.length - 1} cannot be instructed`,
        () => handleCommandBatch(this.events, this.itemsOf(chunk, batch.runId, transferDate, actor)),
      );
      const before = appended;
      appended += outcomes.slice(0, chunk.length).filter((o) => o.events.length > 0).length;
      if (appended > before) this.faults.afterInstructions(appended);
    }
    await this.refusedAsUnrecoverable(batch.runId, 'the batch cannot be completed', () =>
      handleCommand(this.events, transferBatchStreamId(batch.runId), transferBatchDecider, {
        type: 'CompleteTransferBatch',
        metadata: runCommandMetadata(batch.runId, actor, this.clock.now(), 'complete-batch'),
        data: { runId: batch.runId },
      }),
    );
  }

  /** One command per payout, then one per recovery kept back from any of them (distinct streams, one transaction). */
  private itemsOf(chunk: readonly Step[], runId: string, transferDate: BusinessDate, actor: Actor): AnyItem[] {
    const meta = (...parts: string[]) => runCommandMetadata(runId, actor, this.clock.now(), ...parts);
    const byRecovery = new Map<string, { payoutId: string; amount: number }[]>();
    const payouts = chunk.map((step): AnyItem => {
      const { payoutId, offsets } = 'transfer' in step ? step.transfer : step.settlement;
      for (const { recoveryId, amount } of offsets)
        byRecovery.set(recoveryId, [...(byRecovery.get(recoveryId) ?? []), { payoutId, amount }]);
      const command: PayoutCommand =
        'transfer' in step
          ? {
              type: 'InstructPayout',
              metadata: meta('instruct', payoutId),
              data: {
                runId,
                recordIndex: step.recordIndex,
                transferDate,
                accountSource: step.transfer.accountSource,
                account: step.transfer.account,
                ...(offsets.length > 0 ? { offsets } : {}),
              },
            }
          : {
              type: 'SettlePayoutByOffset',
              metadata: meta('instruct', payoutId),
              data: { runId, transferDate, offsets },
            };
      return { streamId: payoutStreamId(payoutId), decider: payoutDecider, command } as AnyItem;
    });
    const recoveries = [...byRecovery].map(([recoveryId, offsets]): AnyItem => {
      // The id names the exact pairs: a retry that chunks differently sends new ids, and the decider skips pairs it has.
      const parts = ['offset', recoveryId, ...offsets.map((o) => o.payoutId)];
      const command: RecoveryCommand = {
        type: 'ApplyRecoveryOffsets',
        metadata: meta(...parts),
        data: { runId, offsets },
      };
      return { streamId: recoveryStreamId(recoveryId), decider: recoveryDecider, command } as AnyItem;
    });
    return [...payouts, ...recoveries];
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

  /**
   * The transfers of a recorded plan, from the same snapshot position and the recoveries it recorded: what the first
   * attempt computed (the recorded offsets are exactly what the recoveries can give, so the allocation is the same).
   */
  private async replan(
    plan: RecordedPlan,
  ): Promise<{ transfers: PlannedTransfer[]; settlements: PlannedSettlement[] }> {
    const { batch, planPosition } = plan;
    const settledIds = batch.offsetSettledIds ?? [];
    const snapshots = await snapshotAt(this.events, [...batch.payoutIds, ...settledIds], planPosition);
    const payeeOf = new Map(snapshots.map((s) => [s.payout.payoutId, s.payout.payeeKey]));
    const balances = new Map<string, RecoveryBalance>();
    for (const { payoutId, recoveryId, amount } of batch.offsets ?? []) {
      const balance = balances.get(recoveryId) ?? { recoveryId, payeeKey: payeeOf.get(payoutId) ?? '', outstanding: 0 };
      balances.set(recoveryId, { ...balance, outstanding: balance.outstanding + amount });
    }
    const replanned = planRun(snapshots, batch.transferDate as BusinessDate, [...balances.values()]);
    const same = (a: readonly string[], b: readonly string[]) =>
      a.length === b.length && a.every((id, i) => id === b[i]);
    if (
      !same(
        replanned.transfers.map((t) => t.payoutId),
        batch.payoutIds,
      ) ||
      !same(
        replanned.settlements.map((s) => s.payoutId),
        settledIds,
      )
    ) {
      throw new UnrecoverableError(`run ${batch.runId}: the recorded plan cannot be reproduced from its snapshot`);
    }
    return replanned;
  }
}
