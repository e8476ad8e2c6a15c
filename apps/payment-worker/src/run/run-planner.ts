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
import { planRun, type PlannedHold, type PlannedTransfer } from './run-plan.js';
import type { RecordedPlan } from './run-records.js';
import { senderOf } from './sender.js';
import { snapshotAt } from './snapshot.js';
import { encodeTransferFile } from './transfer-file.js';

const SYNC_TIMEOUT_MS = 30_000;

/** A plan this attempt recorded, with what it computed (a resumed attempt recomputes them from the record). */
export interface FreshPlan extends RecordedPlan {
  transfers: PlannedTransfer[];
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
    const planned = planRun(await snapshotAt(this.events, candidates, position), transferDate);
    await this.hold(runId, actor, planned.holds);
    if (planned.deferred > 0)
      this.logger.warn(`run ${runId}: ${planned.deferred} due payouts left for the next run (file limits)`);
    if (planned.transfers.length === 0) {
      await handleCommand(this.events, payoutRunStreamId(runId), payoutRunDecider, {
        type: 'RecordNothingToPay',
        metadata: runCommandMetadata(runId, actor, this.clock.now(), 'nothing-to-pay'),
        data: { runId, transferDate, held: planned.holds.length },
      });
      this.logger.log(`run ${runId}: nothing to pay (${planned.holds.length} held)`);
      return { plan: null, held: planned.holds.length };
    }
    const batch = await this.record(runId, transferDate, actor, planned.transfers, position);
    this.faults.at('after-plan');
    return { plan: { ...batch, transfers: planned.transfers }, held: planned.holds.length };
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
    transfers: PlannedTransfer[],
    position: number,
  ): Promise<RecordedPlan & { bytes: Buffer }> {
    const encoded = encodeTransferFile(this.sender, transferDate, transfers);
    const batch: TransferBatchCreated['data'] = {
      runId,
      fileName: transferFileName(runId),
      sha256: encoded.sha256,
      count: encoded.file.count,
      total: encoded.file.total,
      transferDate,
      payoutIds: transfers.map((t) => t.payoutId),
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
