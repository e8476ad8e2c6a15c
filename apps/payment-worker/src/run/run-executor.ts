import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { type Actor, type BusinessDate, Clock, type Command, DomainError, type Event } from '@kenpo/kernel';
import { appendCommandBatch, type BatchItem, EventStore, handleCommand } from '@kenpo/event-store';
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
import { runCommandMetadata, runStepCommandId } from './run-commands.js';
import { type RecoveryBalance, RunPlanning } from './run-plan.js';
import { PlanWriter, type Step, stepChunks, type WrittenPlan } from './run-plan-writer.js';
import { type FreshPlan, PLAN_PAGE } from './run-planner.js';
import type { RecordedPlan } from './run-records.js';
import { senderOf } from './sender.js';
import { type MemberDeaths, payoutStateAt, snapshotAt } from './snapshot.js';
import { type PendingFile, TransferFileStore } from './transfer-file-store.js';

type AnyItem = BatchItem<unknown, Command, Event>;

/**
 * Steps (b) and (c) of a run (architecture.md 6): put the recorded plan's file in place atomically, instruct each
 * payout (with the recoveries kept back from it, recorded on their own streams in the same transaction) idempotently
 * per run, then mark the file final (TransferBatchCompleted). A retry after a crash anywhere rewrites the same bytes
 * from the recorded plan and re-sends commands that are no-ops where recorded. Payouts are read from the planned
 * steps as a stream, a chunk at a time (issue 16.5).
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
    const written = 'written' in plan ? plan.written : await this.rewrite(plan);
    try {
      // A run whose payouts the recoveries took wholly has no data record, hence no file.
      if (batch.count > 0) {
        const put = await this.putInPlace(batch, written.file!);
        this.logger.log(
          `run ${batch.runId}: transfer file ${put} (${batch.count} records, sha256 ${batch.sha256}, plan at ${planPosition})`,
        );
      }
      this.faults.at('after-file');
      await this.instructAll(written.steps, batch.runId, transferDate, actor);
    } finally {
      await Promise.all([written.file?.discard(), written.steps.discard()]);
    }
    await this.refusedAsUnrecoverable(batch.runId, 'the batch cannot be completed', () =>
      handleCommand(this.events, transferBatchStreamId(batch.runId), transferBatchDecider, {
        type: 'CompleteTransferBatch',
        metadata: runCommandMetadata(batch.runId, actor, this.clock.now(), 'complete-batch'),
        data: { runId: batch.runId },
      }),
    );
  }

  /**
   * The planned steps, chunk by chunk, each chunk decided while the one before it commits on the store's writer
   * thread (one after the other, each was idle half the time). A chunk's payouts are other streams than the one
   * before's; a recovery both name makes the later batch lose the race and go one command at a time, re-reading.
   * Only a second run planning the same payout, or a void of this run, could refuse one; the file is then never
   * completed, so never served as payable. Nothing is left in flight when this returns or throws.
   */
  private async instructAll(
    steps: PendingFile,
    runId: string,
    transferDate: BusinessDate,
    actor: Actor,
  ): Promise<void> {
    let appended = 0;
    let from = 0;
    let committing: Promise<number> | null = null;
    try {
      for await (const chunk of stepChunks(steps, this.instructBatch)) {
        const previous = committing;
        committing = this.instruct(chunk, from, runId, transferDate, actor);
        committing.catch(() => undefined); // met in order below, not as an unhandled rejection meanwhile
        from += chunk.length;
        if (previous) appended = this.counted(appended, await previous);
      }
      if (committing) appended = this.counted(appended, await committing);
    } finally {
      await committing?.catch(() => undefined);
    }
  }

  /** How many of the chunk's payouts this attempt instructed (a re-sent instruction counts 0). */
  private async instruct(
    chunk: readonly Step[],
    from: number,
    runId: string,
    transferDate: BusinessDate,
    actor: Actor,
  ): Promise<number> {
    const counts = await this.refusedAsUnrecoverable(
      runId,
      `a payout of steps ${from}..${from + chunk.length - 1} cannot be instructed`,
      () => appendCommandBatch(this.events, this.itemsOf(chunk, from, runId, transferDate, actor)),
    );
    return counts.slice(0, chunk.length).filter((n) => n > 0).length;
  }

  private counted(before: number, instructed: number): number {
    if (instructed > 0) this.faults.afterInstructions(before + instructed);
    return before + instructed;
  }

  /** The file whose sha256 the plan recorded, in place: kept if it is there already, else the one just written. */
  private async putInPlace(batch: TransferBatchCreated['data'], file: PendingFile): Promise<'written' | 'present'> {
    if ((await this.files.sha256Of(batch.runId)) === batch.sha256) return 'present';
    if ((await file.finish()) !== batch.sha256)
      throw new UnrecoverableError(`run ${batch.runId}: the file written does not have the recorded sha256`);
    await file.commit();
    return 'written';
  }

  /**
   * One command per payout, then one per recovery kept back from any of them (distinct streams, one transaction).
   * `from` is the place of the chunk's first step in the plan.
   */
  private itemsOf(
    chunk: readonly Step[],
    from: number,
    runId: string,
    transferDate: BusinessDate,
    actor: Actor,
  ): AnyItem[] {
    const meta = (...parts: string[]) => runCommandMetadata(runId, actor, this.clock.now(), ...parts);
    const instruct = meta('instruct'); // its commandId is replaced per step below
    const byRecovery = new Map<string, { payoutId: string; amount: number }[]>();
    const payouts = chunk.map((step, i): AnyItem => {
      const { payoutId, offsets } = 'transfer' in step ? step.transfer : step.settlement;
      const metadata = { ...instruct, commandId: runStepCommandId(runId, from + i, 'instruct', payoutId) };
      for (const { recoveryId, amount } of offsets)
        byRecovery.set(recoveryId, [...(byRecovery.get(recoveryId) ?? []), { payoutId, amount }]);
      const command: PayoutCommand =
        'transfer' in step
          ? {
              type: 'InstructPayout',
              metadata,
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
              metadata,
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

  /**
   * A resumed run writes its file and steps again from the recorded plan: the same snapshot position, page by page,
   * with the recoveries it recorded (the recorded offsets are exactly what the recoveries can give, so the
   * allocation is the same). It must give the recorded payouts, in the recorded order, and the recorded bytes.
   */
  private async rewrite(plan: RecordedPlan): Promise<WrittenPlan> {
    const { batch, planPosition } = plan;
    const settledIds = batch.offsetSettledIds ?? [];
    const payeeOf = new Map<string, string>();
    for (const payoutId of new Set((batch.offsets ?? []).map((o) => o.payoutId)))
      payeeOf.set(payoutId, (await payoutStateAt(this.events, payoutId, planPosition)).payeeKey);
    const balances = new Map<string, RecoveryBalance>();
    for (const { payoutId, recoveryId, amount } of batch.offsets ?? []) {
      const balance = balances.get(recoveryId) ?? { recoveryId, payeeKey: payeeOf.get(payoutId) ?? '', outstanding: 0 };
      balances.set(recoveryId, { ...balance, outstanding: balance.outstanding + amount });
    }
    const transferDate = batch.transferDate as BusinessDate;
    const planning = new RunPlanning(transferDate, [...balances.values()]);
    const ids = [...batch.payoutIds, ...settledIds].sort();
    const writer = await PlanWriter.open(this.files, batch.runId, this.sender, transferDate);
    let written: WrittenPlan;
    try {
      const deaths: MemberDeaths = new Map();
      for (let from = 0; from < ids.length; from += PLAN_PAGE) {
        const snapshots = await snapshotAt(this.events, ids.slice(from, from + PLAN_PAGE), planPosition, deaths);
        await writer.page(planning.add(snapshots));
      }
      written = await writer.finish();
    } catch (error) {
      await writer.discard();
      if (error instanceof DomainError)
        throw new UnrecoverableError(`run ${batch.runId}: the recorded plan cannot be reproduced (${error.code})`);
      throw error;
    }
    const same = (a: readonly string[], b: readonly string[]) =>
      a.length === b.length && a.every((id, i) => id === b[i]);
    const problem = !same(written.payoutIds, batch.payoutIds)
      ? 'the recorded plan cannot be reproduced from its snapshot'
      : !same(
            written.settlements.map((s) => s.payoutId),
            settledIds,
          )
        ? 'the recorded plan cannot be reproduced from its snapshot'
        : batch.count > 0 && written.sha256 !== batch.sha256
          ? 'the recorded plan no longer gives the recorded file (sender configuration changed?)'
          : null;
    if (problem) {
      await Promise.all([written.file?.discard(), written.steps.discard()]);
      throw new UnrecoverableError(`run ${batch.runId}: ${problem}`);
    }
    return written;
  }
}
