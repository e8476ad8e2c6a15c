import { Injectable } from '@nestjs/common';
import { type Actor, Clock, compareDates, japanDateOf } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import type { PayoutRunOutcome } from '../queue/payout-run-job.js';
import { RECOVERY_ACTOR } from './run-commands.js';
import { RunExecutor } from './run-executor.js';
import { transferDateOf } from './run-id.js';
import type { FreshPlan } from './run-planner.js';
import { RunPlanner } from './run-planner.js';
import { type RecordedPlan, recordedPlan, recordedRun } from './run-records.js';
import { RunRecovery } from './run-recovery.service.js';
import { RunVoider } from './run-voider.js';

/**
 * One payout run, exactly-once in effect (architecture.md 6): a run with a recorded plan follows it; otherwise,
 * once every other unfinished plan is resumed or voided (issue 18), it plans (RunPlanner) and executes (RunExecutor).
 */
@Injectable()
export class PayoutRunner {
  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
    private readonly planner: RunPlanner,
    private readonly executor: RunExecutor,
    private readonly recovery: RunRecovery,
    private readonly voider: RunVoider,
  ) {}

  async run(runId: string, actor: Actor): Promise<PayoutRunOutcome> {
    const transferDate = transferDateOf(runId);
    const base = { runId, transferDate, count: 0, total: 0, held: 0 };
    const plan = await recordedPlan(this.events, runId);
    if (plan) return this.finish(plan, actor, 0);
    const run = await recordedRun(this.events, runId);
    if (run.status === 'nothing-to-pay') return { ...base, outcome: 'nothing-to-pay' };
    if (run.status === 'voided') return { ...base, outcome: 'voided' };
    if (compareDates(transferDate, japanDateOf(this.clock.now())) < 0) {
      const detail = 'the run was taken up after its transfer date; nothing was planned';
      await this.voider.voidRequested(runId, { reason: 'transfer_date_passed', detail }, RECOVERY_ACTOR);
      return { ...base, outcome: 'voided' };
    }
    await this.recovery.recover('planning', runId);
    const made = await this.planner.plan(runId, transferDate, actor);
    if (!made.plan) return { ...base, outcome: 'nothing-to-pay', held: made.held };
    return this.finish(made.plan, actor, made.held);
  }

  private async finish(plan: RecordedPlan | FreshPlan, actor: Actor, held: number): Promise<PayoutRunOutcome> {
    const { runId, transferDate, count, total, fileName, sha256 } = plan.batch;
    if (plan.status === 'voided') return { runId, transferDate, outcome: 'voided', count: 0, total: 0, held };
    if (plan.status === 'planned') await this.executor.execute(plan, actor);
    return { runId, transferDate, outcome: 'transfer-file', count, total, held, fileName, sha256 };
  }
}
