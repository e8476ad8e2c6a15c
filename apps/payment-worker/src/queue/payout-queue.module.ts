import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { REDIS_OPTIONS, type RedisOptions } from '@kenpo/platform';
import { PAYOUT_QUEUE } from './payout-run-job.js';

/**
 * The `payout-runs` queue, for the worker (processes, schedules) and the API (enqueues operator runs). Imported by
 * both; being a static module it is created once per process. maxRetriesPerRequest null: BullMQ's blocking
 * commands must wait out a Redis restart instead of failing.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [REDIS_OPTIONS],
      useFactory: (redis: RedisOptions) => ({ connection: { url: redis.url, maxRetriesPerRequest: null } }),
    }),
    BullModule.registerQueue({ name: PAYOUT_QUEUE }),
  ],
  exports: [BullModule],
})
export class PayoutQueueModule {}
