import { Module } from '@nestjs/common';

/** BullMQ processors and job schedulers for payout runs (filled in by the payouts work). */
@Module({})
export class PaymentWorkerModule {}
