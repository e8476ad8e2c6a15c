import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { DomainError, newId } from '@kenpo/kernel';
import { AppConfig, REDIS_OPTIONS, type RedisOptions } from '@kenpo/platform';
import { PayoutRunner } from '../run/payout-runner.service.js';
import { runIdAt } from '../run/run-id.js';
import { type RecoveredRun, RunRecovery } from '../run/run-recovery.service.js';
import { RunRequests } from '../run/run-requests.js';
import {
  PAYOUT_QUEUE,
  PAYOUT_RECOVERY_JOB,
  PAYOUT_RUN_JOB,
  PAYOUT_RUN_JOB_OPTIONS,
  type PayoutRunJobData,
  type PayoutRunOutcome,
} from './payout-run-job.js';
import { PayoutScheduleApplier } from './payout-schedule.applier.js';

/** A scheduled job's id is `repeat:<scheduler id>:<scheduled millis>`: its run id is that instant in Japan time. */
export function runIdOfJob(job: Pick<Job<PayoutRunJobData>, 'id' | 'data' | 'timestamp'>): string {
  if (job.data.runId !== undefined) return job.data.runId;
  const millis = /^repeat:.+:(\d+)$/.exec(job.id ?? '')?.[1];
  return runIdAt(new Date(millis ? Number(millis) : job.timestamp));
}

/**
 * The payout-run worker: a thin shell around PayoutRunner (conventions.md 9). Created here rather than with
 * @Processor so its lock comes from configuration; closed on shutdown, which lets the active run finish.
 * One job at a time across every worker process (global concurrency 1): two runs planning at once could
 * both put the same due payout into their files, and a recovery must not overlap a run.
 */
@Injectable()
export class PayoutRunWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PayoutRunWorker');
  private worker: Worker<PayoutRunJobData, PayoutRunOutcome | RecoveredRun[]> | null = null;

  constructor(
    @InjectQueue(PAYOUT_QUEUE) private readonly queue: Queue,
    @Inject(REDIS_OPTIONS) private readonly redis: RedisOptions,
    private readonly config: AppConfig,
    private readonly runner: PayoutRunner,
    private readonly requests: RunRequests,
    private readonly recovery: RunRecovery,
    private readonly schedule: PayoutScheduleApplier,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.setGlobalConcurrency(1);
    await this.schedule.seedAndApply();
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
      this.logger.error(`payout job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`),
    );
    this.worker.on('error', (error) => this.logger.error(`payout worker: ${error.message}`));
    // Runs left unfinished by a crash, or whose job Redis lost, are resumed or voided before anything else.
    await this.queue.add(PAYOUT_RECOVERY_JOB, {} as PayoutRunJobData, {
      ...PAYOUT_RUN_JOB_OPTIONS,
      jobId: `recovery-${newId()}`,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }

  async process(
    job: Job<PayoutRunJobData, PayoutRunOutcome | RecoveredRun[]>,
  ): Promise<PayoutRunOutcome | RecoveredRun[]> {
    switch (job.name) {
      case PAYOUT_RUN_JOB: {
        const { runId, actor } = await this.requests.requestOf(job);
        return this.permanent(() => this.runner.run(runId, actor));
      }
      case PAYOUT_RECOVERY_JOB:
        return this.permanent(() => this.recovery.recover('start-up'));
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }

  /** A refused command or invalid file content will not change on retry. */
  private async permanent<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
  }
}
