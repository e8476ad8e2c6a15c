import { Module } from '@nestjs/common';
import { PayoutQueueModule } from '@kenpo/payment-worker';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { BankResults } from './bank-results.service.js';
import { PayoutAccounts } from './payout-accounts.service.js';
import { PayoutQueries } from './payout-queries.service.js';
import { PayoutRunRequests } from './payout-run-requests.service.js';
import { PayoutScheduleController } from './payout-schedule.controller.js';
import { PayoutSchedule } from './payout-schedule.service.js';
import { PayoutRunsController } from './payout-runs.controller.js';
import { PayoutsController } from './payouts.controller.js';

/** Payout runs and payouts over HTTP: start a run, read runs, files and payouts, record bank results; the payout schedule. */
@Module({
  imports: [PayoutQueueModule],
  controllers: [PayoutRunsController, PayoutsController, PayoutScheduleController],
  providers: [PayoutQueries, PayoutAccounts, PayoutRunRequests, PayoutSchedule, BankResults, IdempotencyInterceptor],
})
export class PayoutsModule {}
