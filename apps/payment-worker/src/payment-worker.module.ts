import { Module } from '@nestjs/common';
import { PayoutQueueModule } from './queue/payout-queue.module.js';
import { PayoutRunWorker } from './queue/payout-run.worker.js';
import { QueueDashboardModule } from './queue/queue-dashboard.module.js';
import { PayoutReactor } from './reactor/payout-reactor.service.js';
import { FaultInjection } from './run/fault-injection.js';
import { PayoutRunner } from './run/payout-runner.service.js';
import { PayoutViews } from './views/payout-views.service.js';

/**
 * The payment worker (architecture.md 6): the payout views and the payout reactor on checkpointed subscriptions,
 * the payout-run worker and its job scheduler, and the queue dashboard.
 */
@Module({
  imports: [PayoutQueueModule, QueueDashboardModule],
  providers: [PayoutViews, PayoutReactor, FaultInjection, PayoutRunner, PayoutRunWorker],
})
export class PaymentWorkerModule {}
