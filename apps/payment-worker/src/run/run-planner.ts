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
import { waitForPayoutViews } from '../views/payout-views.service.js';
import { FaultInjection } from './fault-injection.js';
import { dueCandidates, waitForReactor } from './read-model-sync.js';
import { runCommandMetadata } from './run-commands.js';
import { PlanWriter, type WrittenPlan } from './run-plan-writer.js';
import { type PlannedHold, RunPlanning } from './run-plan.js';
import { recoveryBalancesAt } from './recovery-balances.js';
import type { RecordedPlan } from './run-records.js';
import { senderOf } from './sender.js';
import { type MemberDeaths, snapshotAt } from './snapshot.js';
import { TransferFileStore } from './transfer-file-store.js';

const SYNC_TIMEOUT_MS = 30_000;

/** A plan this attempt recorded, with the files it wrote while planning (a resumed attempt writes them again). */
export interface FreshPlan extends RecordedPlan {
  written: WrittenPlan;
}

/** Payouts snapshotted and decided at a time: what a run holds in memory at once (issue 16.5). */
export const PLAN_PAGE = 1_000;

/**
 * Step (a) of a run (architecture.md 6): plan from a snapshot of the log at one position and record the plan
 * (TransferBatchCreated with payout ids, sha256 and that position) before anything else happens. The snapshot is
 * read and decided page by page in payout-id order, and the file written as it goes, under a temporary name that
 * the executor puts in place once the plan is recorded.
 */
@Injectable()
export class RunPlanner {
  private readonly logger = new Logger('PayoutRunPlanner');
  private readonly sender: ZenginSender;
  private readonly files: TransferFileStore;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    private readonly faults: FaultInjection,
    config: AppConfig,
  ) {
    this.sender = senderOf(config);
    this.files = TransferFileStore.under(config.dataDir);
  }

  async plan(
    runId: string,
    transferDate: BusinessDate,
    actor: Actor,
  ): Promise<{ plan: FreshPlan | null; held: number }> {
    const position = await this.caughtUpPosition();
    const candidates = (await dueCandidates(this.documents, transferDate)).sort();
    const recoveries = await recoveryBalancesAt(this.events, this.documents, position);
    const writer = await PlanWriter.open(this.files, runId, this.sender, transferDate);
    let written: WrittenPlan;
    try {
      const planning = new RunPlanning(transferDate, recoveries);
      const deaths: MemberDeaths = new Map();
      for (let from = 0; from < candidates.length; from += PLAN_PAGE) {
        const page = candidates.slice(from, from + PLAN_PAGE);
        await writer.page(planning.add(await snapshotAt(this.events, page, position, deaths)));
      }
      written = await writer.finish();
    } catch (error) {
      await writer.discard();
      throw error;
    }
    try {
      return await this.decided(runId, transferDate, actor, written, position);
    } catch (error) {
      await Promise.all([written.file?.discard(), written.steps.discard()]);
      throw error;
    }
  }

  private async decided(
    runId: string,
    transferDate: BusinessDate,
    actor: Actor,
    written: WrittenPlan,
    position: number,
  ): Promise<{ plan: FreshPlan | null; held: number }> {
    await this.hold(runId, actor, written.holds);
    if (written.deferred > 0)
      this.logger.warn(`run ${runId}: ${written.deferred} due payouts left for the next run (file limits)`);
    if (written.payoutIds.length === 0 && written.settlements.length === 0) {
      await written.steps.discard();
      await handleCommand(this.events, payoutRunStreamId(runId), payoutRunDecider, {
        type: 'RecordNothingToPay',
        metadata: runCommandMetadata(runId, actor, this.clock.now(), 'nothing-to-pay'),
        data: { runId, transferDate, held: written.holds.length },
      });
      this.logger.log(`run ${runId}: nothing to pay (${written.holds.length} held)`);
      return { plan: null, held: written.holds.length };
    }
    const batch = await this.record(runId, transferDate, actor, written, position);
    this.faults.at('after-plan');
    return { plan: { ...batch, written }, held: written.holds.length };
  }

  /** Read models first catch up with the log, so every approval recorded before the run is considered. */
  private async caughtUpPosition(): Promise<number> {
    const start = await this.events.headPosition();
    if (!(await waitForReactor(this.documents, start, SYNC_TIMEOUT_MS)))
      throw new Error('the payout reactor is behind the log');
    const position = await this.events.headPosition();
    if (!(await waitForPayoutViews(this.documents, position, SYNC_TIMEOUT_MS)))
      throw new Error('the payout views are behind the log');
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
    written: WrittenPlan,
    position: number,
  ): Promise<RecordedPlan> {
    const { offsets } = written;
    const batch: TransferBatchCreated['data'] = {
      runId,
      fileName: transferFileName(runId),
      sha256: written.sha256,
      count: written.count,
      total: written.total,
      transferDate,
      payoutIds: written.payoutIds,
      ...(offsets.length > 0 ? { offsets } : {}),
      ...(written.settlements.length > 0 ? { offsetSettledIds: written.settlements.map((s) => s.payoutId) } : {}),
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
    return { batch, planPosition: position, status: 'planned', voided: null };
  }
}
