import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type Actor, Clock, newId, NotFoundError } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { type CollectionSpec, DocumentStore } from '@kenpo/read-models';
import { readModelNamed } from '../read-models/read-models.js';
import { checkRebuild, type RebuildCheckOutcome } from './rebuild-check.js';

export const REBUILD_CHECKS: CollectionSpec = {
  name: 'rebuild_checks',
  indexes: ['projection', 'requestedAt', 'status'],
};

export type RebuildCheckStatus = 'running' | 'passed' | 'failed' | 'error';

export interface RebuildCheckDoc extends Partial<RebuildCheckOutcome> {
  id: string;
  projection: string;
  status: RebuildCheckStatus;
  requestedBy: string;
  requestedAt: string;
  finishedAt: string | null;
  differences: RebuildCheckOutcome['differences'];
  /** The failure's class and message when status is `error` (no personal data: messages of the stores). */
  error?: string;
}

/** Runs rebuild checks in the background and keeps their results as documents of `rebuild_checks`. */
@Injectable()
export class RebuildChecks implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RebuildChecks.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.documents.declare(REBUILD_CHECKS);
  }

  /** Waits for checks under way, so the stores close after them. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  async start(projectionName: string, actor: Actor): Promise<RebuildCheckDoc> {
    const projection = readModelNamed(projectionName);
    const doc: RebuildCheckDoc = {
      id: newId(this.clock.now().getTime()),
      projection: projection.name,
      status: 'running',
      requestedBy: actor.id,
      requestedAt: this.clock.now().toISOString(),
      finishedAt: null,
      differences: [],
    };
    await this.documents.put(REBUILD_CHECKS.name, doc);
    const run = this.run(doc, () => checkRebuild(this.events, this.documents, projection)).finally(() =>
      this.running.delete(run),
    );
    this.running.add(run);
    return doc;
  }

  async get(id: string): Promise<RebuildCheckDoc> {
    const doc = await this.documents.get<RebuildCheckDoc>(REBUILD_CHECKS.name, id);
    if (!doc) throw new NotFoundError('rebuild_check_not_found', 'no rebuild check with this id');
    return doc;
  }

  private async run(doc: RebuildCheckDoc, check: () => Promise<RebuildCheckOutcome>): Promise<void> {
    let finished: RebuildCheckDoc;
    try {
      const outcome = await check();
      finished = {
        ...doc,
        ...outcome,
        status: outcome.differences.length === 0 ? 'passed' : 'failed',
        finishedAt: this.clock.now().toISOString(),
      };
    } catch (error) {
      this.logger.error(`rebuild check ${doc.id} of ${doc.projection} failed: ${(error as Error).message}`);
      finished = {
        ...doc,
        status: 'error',
        error: `${(error as Error).name}: ${(error as Error).message}`,
        finishedAt: this.clock.now().toISOString(),
      };
    }
    await this.documents
      .put(REBUILD_CHECKS.name, finished)
      .catch((error: Error) => this.logger.error(`rebuild check ${doc.id}: result not stored: ${error.message}`));
  }
}
