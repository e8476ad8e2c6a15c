import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import {
  type Actor,
  type BusinessDate,
  Clock,
  ConflictError,
  DomainError,
  japanDateOf,
  type RecordedEvent,
} from '@kenpo/kernel';
import { EventStore, handleCommand, handleCommandBatch, StreamNotFoundError } from '@kenpo/event-store';
import {
  payoutDecider,
  payoutStreamId,
  transferBatchDecider,
  transferBatchStreamId,
  transferFileName,
  type PayoutCommand,
  type TransferBatchCreated,
  type ZenginSender,
} from '@kenpo/payouts';
import { AppConfig } from '@kenpo/platform';
import { DocumentStore } from '@kenpo/read-models';
import type { PayoutRunOutcome } from '../queue/payout-run-job.js';
import { PayoutViews } from '../views/payout-views.service.js';
import { FaultInjection } from './fault-injection.js';
import { payoutRunRecordDecider, payoutRunStreamId } from './payout-run-record.js';
import { dueCandidates, waitForReactor } from './read-model-sync.js';
import { runCommandMetadata } from './run-commands.js';
import { transferDateOf } from './run-id.js';
import { planRun, type PlannedTransfer } from './run-plan.js';
import { senderOf } from './sender.js';
import { snapshotAt } from './snapshot.js';
import { encodeTransferFile } from './transfer-file.js';
import { TransferFileStore } from './transfer-file-store.js';

const SYNC_TIMEOUT_MS = 30_000;

/** The run's plan as recorded: TransferBatchCreated plus the log position its snapshot was read at. */
interface RecordedPlan {
  batch: TransferBatchCreated['data'];
  planPosition: number;
  transfers?: PlannedTransfer[];
  /** The file encoded while planning, when this attempt made the plan (a resumed attempt encodes it again). */
  bytes?: Buffer;
}

/**
 * One payout run, exactly-once in effect (architecture.md 6): (a) plan from a snapshot of the log at one position
 * and record the plan (TransferBatchCreated with payout ids, sha256 and that position) before anything else;
 * (b) write the file atomically; (c) instruct each payout, idempotently per run. A retry after a crash anywhere
 * rebuilds the same bytes from the recorded plan and re-sends instructions that are no-ops where recorded.
 */
@Injectable()
export class PayoutRunner {
  private readonly logger = new Logger('PayoutRunner');
  private readonly sender: ZenginSender;
  readonly files: TransferFileStore;
  private readonly instructBatch: number;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly views: PayoutViews,
    private readonly clock: Clock,
    private readonly faults: FaultInjection,
    config: AppConfig,
  ) {
    this.sender = senderOf(config);
    this.files = TransferFileStore.under(config.dataDir);
    this.instructBatch = config.values.PAYOUT_INSTRUCT_BATCH;
  }

  async run(runId: string, actor: Actor): Promise<PayoutRunOutcome> {
    const transferDate = transferDateOf(runId);
    let plan = await this.recordedPlan(runId);
    let held = 0;
    if (!plan) {
      const empty = await this.recordedNothingToPay(runId);
      if (empty) return { runId, transferDate, outcome: 'nothing-to-pay', count: 0, total: 0, held: empty.held };
      const made = await this.makePlan(runId, transferDate, actor);
      held = made.held;
      if (!made.plan) return { runId, transferDate, outcome: 'nothing-to-pay', count: 0, total: 0, held };
      plan = made.plan;
    }
    await this.execute(plan, actor);
    const { count, total, fileName, sha256 } = plan.batch;
    return { runId, transferDate, outcome: 'transfer-file', count, total, held, fileName, sha256 };
  }

  private async makePlan(
    runId: string,
    transferDate: BusinessDate,
    actor: Actor,
  ): Promise<{ plan: RecordedPlan | null; held: number }> {
    // Read models first catch up with the log, so every approval recorded before the run is considered.
    const start = await this.events.headPosition();
    if (!(await waitForReactor(this.documents, start, SYNC_TIMEOUT_MS)))
      throw new Error('the payout reactor is behind the log');
    const position = await this.events.headPosition();
    if (!(await this.views.waitFor(position, SYNC_TIMEOUT_MS))) throw new Error('the payout views are behind the log');

    const candidates = await dueCandidates(this.documents, transferDate);
    const planned = planRun(await snapshotAt(this.events, candidates, position), transferDate);
    for (const hold of planned.holds) {
      const command = {
        type: 'HoldPayout' as const,
        metadata: runCommandMetadata(runId, actor, this.clock.now(), 'hold', hold.payoutId),
        data: { reason: hold.reason, detail: hold.detail, on: japanDateOf(this.clock.now()) },
      };
      await this.tolerate(hold.payoutId, () =>
        handleCommand(this.events, payoutStreamId(hold.payoutId), payoutDecider, command),
      );
    }
    if (planned.deferred > 0)
      this.logger.warn(`run ${runId}: ${planned.deferred} due payouts left for the next run (file limits)`);
    if (planned.transfers.length === 0) {
      await handleCommand(this.events, payoutRunStreamId(runId), payoutRunRecordDecider, {
        type: 'RecordNothingToPay',
        metadata: runCommandMetadata(runId, actor, this.clock.now(), 'nothing-to-pay'),
        data: { runId, transferDate, held: planned.holds.length },
      });
      this.logger.log(`run ${runId}: nothing to pay (${planned.holds.length} held)`);
      return { plan: null, held: planned.holds.length };
    }

    const encoded = encodeTransferFile(this.sender, transferDate, planned.transfers);
    const batch: TransferBatchCreated['data'] = {
      runId,
      fileName: transferFileName(runId),
      sha256: encoded.sha256,
      count: encoded.file.count,
      total: encoded.file.total,
      transferDate,
      payoutIds: planned.transfers.map((t) => t.payoutId),
    };
    try {
      await handleCommand(
        this.events,
        transferBatchStreamId(runId),
        transferBatchDecider,
        {
          type: 'CreateTransferBatch',
          metadata: runCommandMetadata(runId, actor, this.clock.now(), 'create-batch'),
          data: batch,
        },
        { metadataFor: () => ({ planPosition: position }) },
      );
    } catch (error) {
      // Another attempt of this run recorded its plan first: retry, which follows that plan.
      if (error instanceof ConflictError) throw new Error(`run ${runId}: a different plan was recorded concurrently`);
      throw error;
    }
    this.faults.at('after-plan');
    return {
      plan: { batch, planPosition: position, transfers: planned.transfers, bytes: encoded.bytes },
      held: planned.holds.length,
    };
  }

  private async execute(plan: RecordedPlan, actor: Actor): Promise<void> {
    const { batch, planPosition } = plan;
    const transferDate = batch.transferDate as BusinessDate;
    const transfers = plan.transfers ?? (await this.replan(plan));
    const bytes = plan.bytes ?? this.reencode(batch, transferDate, transfers);
    const written = await this.files.ensure(batch.runId, bytes);
    this.logger.log(
      `run ${batch.runId}: transfer file ${written} (${batch.count} records, sha256 ${batch.sha256}, plan at ${planPosition})`,
    );
    this.faults.at('after-file');

    // Instructions go in chunks, one transaction each (handleCommandBatch): one sync per payout made 10,000 too slow.
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
      try {
        const outcomes = await handleCommandBatch(this.events, items);
        const before = appended;
        appended += outcomes.filter((o) => o.events.length > 0).length;
        if (appended > before) this.faults.afterInstructions(appended);
      } catch (error) {
        // Only a second run planning the same payout could cause this; the file must then not go to the bank.
        if (error instanceof DomainError) {
          throw new UnrecoverableError(
            `run ${batch.runId}: a payout of records ${from}..${from + items.length - 1} cannot be instructed (${error.code}); hold the file and investigate`,
          );
        }
        throw error;
      }
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

  private async recordedPlan(runId: string): Promise<RecordedPlan | null> {
    const created = (await this.readOrEmpty(transferBatchStreamId(runId))).find(
      (e) => e.type === 'TransferBatchCreated',
    );
    if (!created) return null;
    const planPosition = created.metadata.planPosition;
    if (typeof planPosition !== 'number')
      throw new UnrecoverableError(`run ${runId}: the batch does not record its plan position`);
    return { batch: created.data as TransferBatchCreated['data'], planPosition };
  }

  private async recordedNothingToPay(runId: string): Promise<{ held: number } | null> {
    const recorded = (await this.readOrEmpty(payoutRunStreamId(runId))).find(
      (e) => e.type === 'PayoutRunFoundNothingToPay',
    );
    return recorded ? { held: Number(recorded.data.held ?? 0) } : null;
  }

  private async readOrEmpty(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.events.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** A hold refused because the payout changed since the snapshot is logged and skipped; the next run sees it. */
  private async tolerate(payoutId: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`payout ${payoutId}: hold refused (${error.code})`);
    }
  }
}
