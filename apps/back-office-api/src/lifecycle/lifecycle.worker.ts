import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { Clock } from '@kenpo/kernel';
import { AppConfig, REDIS_OPTIONS, type RedisOptions } from '@kenpo/platform';
import { LifecycleRunner } from './lifecycle-runner.js';
import { scheduledRunId } from './lifecycle-run.js';
import { LifecycleRuns } from './lifecycle-runs.service.js';
import {
  LIFECYCLE_JOB_OPTIONS,
  LIFECYCLE_QUEUE,
  LIFECYCLE_RUN_JOB,
  LIFECYCLE_SCHEDULER_ID,
} from './lifecycle-queue.js';
import type { LifecycleRunJobData } from './lifecycle-queue.js';
import { LIFECYCLE_ACTOR } from './lifecycle-runner.js';

/**
 * The daily lifecycle run: a BullMQ job scheduler in Asia/Tokyo (LIFECYCLE_CRON) and the worker that runs operator
 * and scheduled runs, one at a time per process. A scheduled run records its request for the day it fires
 * (one run id per date), then runs like an operator's; a late run catches up on its own, since every rule looks back.
 */
@Injectable()
export class LifecycleWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LifecycleWorker');
  private worker: Worker<LifecycleRunJobData> | null = null;

  constructor(
    private readonly runs: LifecycleRuns,
    private readonly runner: LifecycleRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(REDIS_OPTIONS) private readonly redis: RedisOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runs.queue.upsertJobScheduler(
      LIFECYCLE_SCHEDULER_ID,
      { pattern: this.config.values.LIFECYCLE_CRON, tz: 'Asia/Tokyo' },
      { name: LIFECYCLE_RUN_JOB, data: {} satisfies LifecycleRunJobData, opts: LIFECYCLE_JOB_OPTIONS },
    );
    this.worker = new Worker(LIFECYCLE_QUEUE, (job) => this.process(job), {
      connection: { url: this.redis.url, maxRetriesPerRequest: null },
      concurrency: 1,
      maxStalledCount: 10,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.error(
        `lifecycle run job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
      ),
    );
    this.worker.on('error', (error) => this.logger.error(`lifecycle worker: ${error.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }

  private async process(job: Job<LifecycleRunJobData>) {
    let runId = job.data.runId;
    if (runId === undefined) {
      const date = this.clock.today();
      runId = scheduledRunId(date);
      await this.runs.record(runId, { runId, date, trigger: 'schedule' }, LIFECYCLE_ACTOR, runId);
    }
    const doc = await this.runner.run(runId);
    this.logger.log(`lifecycle run ${runId} for ${doc.date}: ${doc.progress.membersScanned} members`);
    return { runId, status: doc.status };
  }
}
