import { Module } from '@nestjs/common';
import { PayoutQueueModule } from './queue/payout-queue.module.js';
import { PayoutRunWorker } from './queue/payout-run.worker.js';
import { PayoutScheduleApplier } from './queue/payout-schedule.applier.js';
import { PayoutReactor } from './reactor/payout-reactor.service.js';
import { FaultInjection } from './run/fault-injection.js';
import { PayoutRunner } from './run/payout-runner.service.js';
import { RunExecutor } from './run/run-executor.js';
import { RunPlanner } from './run/run-planner.js';
import { RunRecovery } from './run/run-recovery.service.js';
import { RunRequests } from './run/run-requests.js';
import { RunVoider } from './run/run-voider.js';
import { StaleTemporaries } from './run/stale-temporaries.js';

/**
 * The payment worker (architecture.md 6): the payout reactor on a checkpointed subscription (the payout views run
 * with the projector: PayoutViewsModule), the payout-run worker, its recovery of unfinished runs and the recorded
 * schedule. Its read-only queue dashboard (QueueDashboardModule) is imported beside it by the process that serves
 * HTTP (see the back office's AppModule).
 */
@Module({
  imports: [PayoutQueueModule],
  providers: [
    StaleTemporaries,
    PayoutReactor,
    FaultInjection,
    RunPlanner,
    RunExecutor,
    RunVoider,
    RunRecovery,
    RunRequests,
    PayoutRunner,
    PayoutScheduleApplier,
    PayoutRunWorker,
  ],
})
export class PaymentWorkerModule {}
