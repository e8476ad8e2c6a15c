import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { type Actor, Clock, compareDates, DomainError, japanDateOf } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import { payoutRunDecider, payoutRunStreamId } from '@kenpo/payouts';
import { DocumentStore } from '@kenpo/read-models';
import {
  PAYOUT_QUEUE,
  PAYOUT_RUN_JOB,
  PAYOUT_RUN_JOB_OPTIONS,
  type PayoutRunJobData,
} from '../queue/payout-run-job.js';
import { type PayoutRunView, payoutRunsProjection } from '../views/payout-runs.projection.js';
import { waitForPayoutViews } from '../views/payout-views.service.js';
import { type OpenRun, recoveryAction, type RecoveryTrigger } from './recovery-decision.js';
import { RECOVERY_ACTOR, runCommandMetadata } from './run-commands.js';
import { RunExecutor } from './run-executor.js';
import { transferDateOf } from './run-id.js';
import { type RecordedPlan, recordedPlan, recordedRun } from './run-records.js';
import { RunVoider } from './run-voider.js';
import { payoutStateAt } from './snapshot.js';

const SYNC_TIMEOUT_MS = 30_000;
const PENDING_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

export interface RecoveredRun {
  runId: string;
  action: 'resume' | 'requeue' | 'leave' | 'void';
  reason?: string;
}

/**
 * Finds runs left unfinished (a crash, a queue job lost with Redis) and resumes or voids each explicitly
 * (architecture.md 11), at worker start-up and before every planning, so no payout ever sits in two payable files.
 * Candidates come from the payout-runs view caught up with the log; each is then judged from its own streams.
 */
@Injectable()
export class RunRecovery {
  private readonly logger = new Logger('PayoutRunRecovery');

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    private readonly executor: RunExecutor,
    private readonly voider: RunVoider,
    @InjectQueue(PAYOUT_QUEUE) private readonly queue: Queue,
  ) {}

  async recover(trigger: RecoveryTrigger, exceptRunId?: string): Promise<RecoveredRun[]> {
    const head = await this.events.headPosition();
    if (!(await waitForPayoutViews(this.documents, head, SYNC_TIMEOUT_MS)))
      throw new Error('the payout views are behind the log');
    const statuses: PayoutRunView['status'][] = trigger === 'start-up' ? ['planned', 'requested'] : ['planned'];
    const recovered: RecoveredRun[] = [];
    for (const runId of await this.openRunIds(statuses)) {
      if (runId === exceptRunId) continue;
      const done = await this.recoverOne(runId, trigger);
      if (done) recovered.push(done);
    }
    return recovered;
  }

  private async recoverOne(runId: string, trigger: RecoveryTrigger): Promise<RecoveredRun | null> {
    const [plan, run] = await Promise.all([recordedPlan(this.events, runId), recordedRun(this.events, runId)]);
    if (plan ? plan.status !== 'planned' : run.status !== 'requested') return null; // finished meanwhile
    const today = japanDateOf(this.clock.now());
    const transferDate = transferDateOf(runId);
    const open: OpenRun = {
      transferDate,
      planned: plan !== null,
      everyPayoutInstructed: plan !== null && compareDates(transferDate, today) < 0 && (await this.allInstructed(plan)),
      jobPending: plan === null && trigger === 'start-up' && (await this.jobPending(runId)),
    };
    const action = recoveryAction(open, today, trigger);
    const actor = run.requestedBy ?? RECOVERY_ACTOR;
    switch (action.kind) {
      case 'leave':
        return null;
      case 'void':
        if (plan) await this.voider.voidPlanned(plan.batch, action, RECOVERY_ACTOR);
        else await this.voider.voidRequested(runId, action, RECOVERY_ACTOR);
        return { runId, action: 'void', reason: action.reason };
      case 'requeue':
        await this.resumed(runId, trigger, 'its queue job was lost: queued again from the recorded request');
        await this.queue.add(PAYOUT_RUN_JOB, { trigger: run.trigger ?? 'operator', runId } satisfies PayoutRunJobData, {
          ...PAYOUT_RUN_JOB_OPTIONS,
          jobId: runId,
        });
        return { runId, action: 'requeue' };
      case 'resume':
        return this.resume(plan!, trigger, actor);
    }
  }

  /** The same file and the instructions it lacks; a plan that can no longer be carried out is voided instead. */
  private async resume(plan: RecordedPlan, trigger: RecoveryTrigger, actor: Actor): Promise<RecoveredRun> {
    const { runId } = plan.batch;
    await this.resumed(runId, trigger, 'found planned but not finished');
    try {
      await this.executor.execute(plan, actor);
      this.logger.warn(`run ${runId}: resumed at ${trigger} and finished`);
      return { runId, action: 'resume' };
    } catch (error) {
      const refused = error instanceof DomainError || (error as Error).name === 'UnrecoverableError';
      if (!refused) throw error;
      const why = { reason: 'resume_failed', detail: (error as Error).message.slice(0, 200) };
      await this.voider.voidPlanned(plan.batch, why, RECOVERY_ACTOR);
      return { runId, action: 'void', reason: why.reason };
    }
  }

  private async resumed(runId: string, trigger: RecoveryTrigger, detail: string): Promise<void> {
    await handleCommand(this.events, payoutRunStreamId(runId), payoutRunDecider, {
      type: 'ResumePayoutRun',
      metadata: runCommandMetadata(runId, RECOVERY_ACTOR, this.clock.now(), 'resume', this.clock.now().toISOString()),
      data: { runId, trigger, detail },
    });
  }

  private async allInstructed(plan: RecordedPlan): Promise<boolean> {
    const head = await this.events.headPosition();
    for (const payoutId of [...plan.batch.payoutIds, ...(plan.batch.offsetSettledIds ?? [])]) {
      const payout = await payoutStateAt(this.events, payoutId, head);
      if (!payout.runIds.includes(plan.batch.runId) || payout.voidedRunIds.includes(plan.batch.runId)) return false;
    }
    return true;
  }

  private async jobPending(runId: string): Promise<boolean> {
    const job = await this.queue.getJob(runId);
    return job ? PENDING_JOB_STATES.has(await job.getState()) : false;
  }

  private async openRunIds(statuses: readonly PayoutRunView['status'][]): Promise<string[]> {
    const ids: string[] = [];
    for (const status of statuses) {
      let cursor: string | undefined;
      do {
        const page = await this.documents.find<PayoutRunView>(payoutRunsProjection.collection.name, {
          where: { status },
          limit: 500,
          ...(cursor ? { cursor } : {}),
        });
        ids.push(...page.items.map((run) => run.runId));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    }
    return ids.sort();
  }
}
