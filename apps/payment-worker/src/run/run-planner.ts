import { Injectable, Logger } from '@nestjs/common';
import { type Actor, type BusinessDate, Clock, ConflictError, DomainError, japanDateOf } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import {
  payoutDecider,
  payoutRunDecider,
  payoutRunStreamId,
  payoutStreamId,
  transferBatchDecider,
  transferBatchStreamId,
  transferFileName,
  type TransferBatchCreated,
  type ZenginSender,
} from '@kenpo/payouts';
import { AppConfig } from '@kenpo/platform';
import { DocumentStore } from '@kenpo/read-models';
import { PayoutViews } from '../views/payout-views.service.js';
import { FaultInjection } from './fault-injection.js';
import { dueCandidates, waitForReactor } from './read-model-sync.js';
import { runCommandMetadata } from './run-commands.js';
import { type PlannedHold, type PlannedSettlement, type PlannedTransfer, planRun, type RunPlan } from './run-plan.js';
import { recoveryBalancesAt } from './recovery-balances.js';
import type { RecordedPlan } from './run-records.js';
import { senderOf } from './sender.js';
import { snapshotAt } from './snapshot.js';
import { encodeTransferFile, sha256Hex } from './transfer-file.js';

const SYNC_TIMEOUT_MS = 30_000;

/** A plan this attempt recorded, with what it computed (a resumed attempt recomputes them from the record). */
export interface FreshPlan extends RecordedPlan {
  transfers: PlannedTransfer[];
  settlements: PlannedSettlement[];
  bytes: Buffer;
}

/**
 * Step (a) of a run (architecture.md 6): plan from a snapshot of the log at one position and record the plan
 * (TransferBatchCreated with payout ids, sha256 and that position) before anything else happens.
 */
@Injectable()
export class RunPlanner {
  private readonly logger = new Logger('PayoutRunPlanner');
  private readonly sender: ZenginSender;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly views: PayoutViews,
    private readonly clock: Clock,
    private readonly faults: FaultInjection,
    config: AppConfig,
  ) {
    this.sender = senderOf(config);
  }

  async plan(
    runId: string,
    transferDate: BusinessDate,
    actor: Actor,
  ): Promise<{ plan: FreshPlan | null; held: number }> {
    const position = await this.caughtUpPosition();
    const candidates = await dueCandidates(this.documents, transferDate);
    const recoveries = await recoveryBalancesAt(this.events, this.documents, position);
    const planned = planRun(await snapshotAt(this.events, candidates, position), transferDate, recoveries);
    await this.hold(runId, actor, planned.holds);
    if (planned.deferred > 0)
      this.logger.warn(`run ${runId}: ${planned.deferred} due payouts left for the next run (file limits)`);
    if (planned.transfers.length === 0 && planned.settlements.length === 0) {
      await handleCommand(this.events, payoutRunStreamId(runId), payoutRunDecider, {
        type: 'RecordNothingToPay',
        metadata: runCommandMetadata(runId, actor, this.clock.now(), 'nothing-to-pay'),
        data: { runId, transferDate, held: planned.holds.length },
      });
      this.logger.log(`run ${runId}: nothing to pay (${planned.holds.length} held)`);
      return { plan: null, held: planned.holds.length };
    }
    const batch = await this.record(runId, transferDate, actor, planned, position);
    this.faults.at('after-plan');
    const { transfers, settlements } = planned;
    return { plan: { ...batch, transfers, settlements }, held: planned.holds.length };
  }

  /** Read models first catch up with the log, so every approval recorded before the run is considered. */
  private async caughtUpPosition(): Promise<number> {
    const start = await this.events.headPosition();
    if (!(await waitForReactor(this.documents, start, SYNC_TIMEOUT_MS)))
      throw new Error('the payout reactor is behind the log');
    const position = await this.events.headPosition();
    if (!(await this.views.waitFor(position, SYNC_TIMEOUT_MS))) throw new Error('the payout views are behind the log');
    return position;
  }

  /** A hold refused because the payout changed since the snapshot is logged and skipped; the next run sees it. */
  private async hold(runId: string, actor: Actor, holds: readonly PlannedHold[]): Promise<void> {
    for (const { payoutId, reason, detail } of holds) {
      try {
        await handleCommand(this.events, payoutStreamId(payoutId), payoutDecider, {
          type: 'HoldPayout',
          metadata: runCommandMetadata(runId, actor, this.clock.now(), 'hold', payoutId),
          data: { reason, detail, on: japanDateOf(this.clock.now()) },
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`payout ${payoutId}: hold refused (${error.code})`);
      }
    }
  }

  private async record(
    runId: string,
    transferDate: BusinessDate,
    actor: Actor,
    { transfers, settlements }: RunPlan,
    position: number,
  ): Promise<RecordedPlan & { bytes: Buffer }> {
    // A run whose payouts the recoveries took wholly writes no file: its batch names no data record.
    const encoded =
      transfers.length > 0
        ? encodeTransferFile(this.sender, transferDate, transfers)
        : { sha256: sha256Hex(Buffer.alloc(0)), file: { count: 0, total: 0 }, bytes: Buffer.alloc(0) };
    const offsets = [...transfers, ...settlements].flatMap(({ payoutId, offsets: lines }) =>
      lines.map(({ recoveryId, amount }) => ({ payoutId, recoveryId, amount })),
    );
    const batch: TransferBatchCreated['data'] = {
      runId,
      fileName: transferFileName(runId),
      sha256: encoded.sha256,
      count: encoded.file.count,
      total: encoded.file.total,
      transferDate,
      payoutIds: transfers.map((t) => t.payoutId),
      ...(offsets.length > 0 ? { offsets } : {}),
      ...(settlements.length > 0 ? { offsetSettledIds: settlements.map((s) => s.payoutId) } : {}),
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
    return { batch, planPosition: position, status: 'planned', voided: null, bytes: encoded.bytes };
  }
}
