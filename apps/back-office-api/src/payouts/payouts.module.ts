import { Module } from '@nestjs/common';
import { PayoutQueueModule } from '@kenpo/payment-worker';
import { ClaimsModule } from '../claims/claims.module.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { BankResults } from './bank-results.service.js';
import { PayoutAccounts } from './payout-accounts.service.js';
import { PayoutQueries } from './payout-queries.service.js';
import { PayoutRunRequests } from './payout-run-requests.service.js';
import { PayoutScheduleController } from './payout-schedule.controller.js';
import { PayoutSchedule } from './payout-schedule.service.js';
import { PayoutRunsController } from './payout-runs.controller.js';
import { PayoutsController } from './payouts.controller.js';
import { RecoveriesController } from './recoveries.controller.js';
import { Recoveries } from './recoveries.service.js';

/**
 * Payouts over HTTP: start a run, read runs, files and payouts, record bank results; the payout schedule; a held
 * payout's account; recoveries (返納金) recorded on claims and repaid.
 */
@Module({
  imports: [PayoutQueueModule, ClaimsModule],
  controllers: [PayoutRunsController, PayoutsController, PayoutScheduleController, RecoveriesController],
  providers: [
    PayoutQueries,
    PayoutAccounts,
    PayoutRunRequests,
    PayoutSchedule,
    Recoveries,
    BankResults,
    IdempotencyInterceptor,
  ],
})
export class PayoutsModule {}
