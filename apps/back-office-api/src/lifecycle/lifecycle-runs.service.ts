import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { type Actor, Clock, NotFoundError } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { REDIS_OPTIONS, redisCall, type RedisOptions } from '@kenpo/platform';
import { DocumentStore } from '@kenpo/read-models';
import { LIFECYCLE_RUNS, type LifecycleRunDoc, type LifecycleRunRequestedData } from './lifecycle-run.js';
import { recordRunRequest } from './record-run-request.js';
import { LIFECYCLE_JOB_OPTIONS, LIFECYCLE_QUEUE, LIFECYCLE_RUN_JOB } from './lifecycle-queue.js';

/** Records run requests in their own stream (who asked for which date) and queues them for the worker. */
@Injectable()
export class LifecycleRuns implements OnModuleInit, OnModuleDestroy {
  readonly queue: Queue;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    @Inject(REDIS_OPTIONS) redis: RedisOptions,
  ) {
    this.queue = new Queue(LIFECYCLE_QUEUE, { connection: { url: redis.url, maxRetriesPerRequest: null } });
  }

  async onModuleInit(): Promise<void> {
    await this.documents.declare({ name: LIFECYCLE_RUNS, indexes: ['date'] });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }

  /**
   * Records the request and queues the run. The queue's job id is the run id, so a run still queued is not queued
   * twice; running it twice would record nothing twice anyway.
   */
  async request(runId: string, data: LifecycleRunRequestedData, actor: Actor, commandId: string) {
    await this.record(runId, data, actor, commandId);
    await redisCall(this.queue.add(LIFECYCLE_RUN_JOB, { runId }, { ...LIFECYCLE_JOB_OPTIONS, jobId: runId }));
    return this.get(runId);
  }

  record(runId: string, data: LifecycleRunRequestedData, actor: Actor, commandId: string): Promise<void> {
    return recordRunRequest(this.events, this.documents, this.clock, { runId, data, actor, commandId });
  }

  async get(runId: string): Promise<LifecycleRunDoc> {
    const doc = await this.documents.get<LifecycleRunDoc>(LIFECYCLE_RUNS, runId);
    if (!doc) throw new NotFoundError('lifecycle_run_not_found', 'no lifecycle run with this id');
    const { id: _id, ...rest } = doc as LifecycleRunDoc & { _position?: number };
    return rest as LifecycleRunDoc;
  }
}
