import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { DomainError } from '@kenpo/kernel';
import { AppConfig, REDIS_OPTIONS, type RedisOptions } from '@kenpo/platform';
import { PayoutRunner } from '../run/payout-runner.service.js';
import { SCHEDULER_ACTOR } from '../run/run-commands.js';
import { isRunId, runIdAt } from '../run/run-id.js';
import {
  PAYOUT_QUEUE,
  PAYOUT_RUN_JOB,
  PAYOUT_RUN_JOB_OPTIONS,
  PAYOUT_SCHEDULER_ID,
  type PayoutRunJobData,
  type PayoutRunOutcome,
} from './payout-run-job.js';

/** A scheduled job's id is `repeat:<scheduler id>:<scheduled millis>`: its run id is that instant in Japan time. */
export function runIdOfJob(job: Pick<Job<PayoutRunJobData>, 'id' | 'data' | 'timestamp'>): string {
  if (job.data.runId !== undefined) return job.data.runId;
  const millis = /^repeat:.+:(\d+)$/.exec(job.id ?? '')?.[1];
  return runIdAt(new Date(millis ? Number(millis) : job.timestamp));
}

/**
 * The payout-run worker: a thin shell around PayoutRunner (conventions.md 9). Created here rather than with
 * @Processor so its lock comes from configuration; closed on shutdown, which lets the active run finish.
 * One run at a time across every worker process (global concurrency 1): two runs planning at once could
 * both put the same due payout into their files.
 */
@Injectable()
export class PayoutRunWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PayoutRunWorker');
  private worker: Worker<PayoutRunJobData, PayoutRunOutcome> | null = null;

  constructor(
    @InjectQueue(PAYOUT_QUEUE) private readonly queue: Queue,
    @Inject(REDIS_OPTIONS) private readonly redis: RedisOptions,
    private readonly config: AppConfig,
    private readonly runner: PayoutRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.setGlobalConcurrency(1);
    await this.queue.upsertJobScheduler(
      PAYOUT_SCHEDULER_ID,
      { pattern: this.config.values.PAYOUT_CRON, tz: 'Asia/Tokyo' },
      { name: PAYOUT_RUN_JOB, data: { trigger: 'schedule' } satisfies PayoutRunJobData, opts: PAYOUT_RUN_JOB_OPTIONS },
    );
    const lock = this.config.values.PAYOUT_LOCK_MS;
    this.worker = new Worker(PAYOUT_QUEUE, (job) => this.process(job), {
      connection: { url: this.redis.url, maxRetriesPerRequest: null },
      concurrency: 1,
      lockDuration: lock,
      stalledInterval: lock,
      // A run is safe to resume after any crash, so a run whose worker died is retried instead of failed.
      maxStalledCount: 10,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.error(
        `payout run job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
      ),
    );
    this.worker.on('error', (error) => this.logger.error(`payout worker: ${error.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<PayoutRunJobData, PayoutRunOutcome>): Promise<PayoutRunOutcome> {
    switch (job.name) {
      case PAYOUT_RUN_JOB: {
        const runId = runIdOfJob(job);
        if (!isRunId(runId)) throw new UnrecoverableError('the job names no valid run id');
        try {
          return await this.runner.run(runId, job.data.requestedBy ?? SCHEDULER_ACTOR);
        } catch (error) {
          // A refused command or invalid file content will not change on retry.
          if (error instanceof DomainError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
          throw error;
        }
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
