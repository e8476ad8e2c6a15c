import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, ConflictError, newId, NotFoundError } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { DocumentStore, type RebuildResult } from '@kenpo/read-models';
import { rebuildProjection } from '@kenpo/projector';
import { readModelNamed } from '../read-models/read-models.js';

export interface RebuildJob {
  id: string;
  projection: string;
  state: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  /** Events replayed so far. */
  events: number;
  result: (RebuildResult & { eventsPerSecond: number }) | null;
  error: string | null;
}

/**
 * Rebuilds started through the admin API, run in the background of this process (one at a time per projection
 * here; the CLI in another process is not coordinated with it). Kept in memory: the outcome is in the store itself.
 */
@Injectable()
export class RebuildsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Rebuilds');
  private readonly jobs = new Map<string, RebuildJob>();
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
  ) {}

  start(name: string): RebuildJob {
    const projection = readModelNamed(name).name;
    if (this.running.has(projection)) {
      throw new ConflictError('rebuild_running', `a rebuild of ${projection} is already running`, [
        { field: 'projection', rule: 'one_rebuild_at_a_time', message: 'wait for the running rebuild to finish' },
      ]);
    }
    const job: RebuildJob = {
      id: newId(this.clock.now().getTime()),
      projection,
      state: 'running',
      startedAt: this.clock.now().toISOString(),
      finishedAt: null,
      events: 0,
      result: null,
      error: null,
    };
    const abort = new AbortController();
    const rebuilding = rebuildProjection(this.events, this.documents, readModelNamed(projection), {
      signal: abort.signal,
      onBatch: (progress) => {
        job.events = progress.events;
      },
    });
    const done = rebuilding
      .then(
        (result) => {
          job.result = {
            ...result,
            replayMs: Math.round(result.replayMs),
            ms: Math.round(result.ms),
            eventsPerSecond: Math.round(result.events / Math.max(result.replayMs / 1_000, 0.001)),
          };
          job.state = 'succeeded';
        },
        (error: Error) => {
          job.state = 'failed';
          job.error = error.message;
          this.logger.error(`rebuild of ${projection} failed: ${error.message}`);
        },
      )
      .finally(() => {
        job.finishedAt = this.clock.now().toISOString();
        this.running.delete(projection);
      });
    this.running.set(projection, { abort, done });
    this.jobs.set(job.id, job);
    return { ...job };
  }

  list(): RebuildJob[] {
    return [...this.jobs.values()].map((job) => ({ ...job })).reverse();
  }

  get(id: string): RebuildJob {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError('rebuild_not_found', 'no rebuild with this id in this process');
    return { ...job };
  }

  async onApplicationShutdown(): Promise<void> {
    for (const { abort } of this.running.values()) abort.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }
}
