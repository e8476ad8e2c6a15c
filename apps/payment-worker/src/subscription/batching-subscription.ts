import { Logger } from '@nestjs/common';
import type { RecordedEvent } from '@kenpo/kernel';
import type { EventStore, Subscription } from '@kenpo/event-store';

export interface BatchingSubscriptionOptions {
  name: string;
  /** The stored checkpoint to resume after (null: from the start of the log); read again on every restart. */
  checkpoint: () => Promise<number | null>;
  /** Handles events in log order and records the checkpoint itself; an error restarts from the checkpoint. */
  handle: (events: RecordedEvent[]) => Promise<void>;
  /** The event types the handler needs (a hint, see TypesWanted: others may come too). */
  types?: readonly string[];
  maxBatch?: number;
  /** How long a partial batch waits for more events before it is handled. */
  flushMs?: number;
}

/**
 * A checkpointed subscription to the ordered log (conventions.md 7) that hands events over in batches: large ones
 * while catching up, small ones when live. At-least-once: after any failure it restarts from the stored checkpoint,
 * so the handler must be idempotent (projections skip by position; the reactor's commands have deterministic ids).
 */
export class BatchingSubscription {
  private readonly logger: Logger;
  private subscription: Subscription | null = null;
  private buffer: RecordedEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private failures = 0;
  private generation = 0;

  constructor(
    private readonly store: EventStore,
    private readonly options: BatchingSubscriptionOptions,
  ) {
    this.logger = new Logger(options.name);
  }

  async start(): Promise<void> {
    if (this.closed) return;
    const generation = ++this.generation;
    const after = await this.options.checkpoint();
    if (this.closed || generation !== this.generation) return;
    this.subscription = this.store.subscribe((event) => this.accept(event, generation), {
      ...(after === null ? {} : { after }),
      ...(this.options.types ? { types: this.options.types } : {}),
      onError: (error) => this.restart(error, generation),
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.subscription?.close();
    await this.chain.catch(() => undefined);
  }

  private async accept(event: RecordedEvent, generation: number): Promise<void> {
    if (generation !== this.generation) return;
    this.buffer.push(event);
    if (this.buffer.length >= (this.options.maxBatch ?? 500)) {
      await this.flush(generation);
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush(generation).catch((error: Error) => this.restart(error, generation));
      }, this.options.flushMs ?? 20);
    }
  }

  private flush(generation: number): Promise<void> {
    const run = this.chain.then(async () => {
      if (generation !== this.generation || this.buffer.length === 0) return;
      const batch = this.buffer;
      this.buffer = [];
      await this.options.handle(batch);
      this.failures = 0;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Drops what is buffered and resubscribes from the stored checkpoint after a bounded backoff. */
  private restart(error: Error, generation: number): void {
    if (this.closed || generation !== this.generation) return;
    this.generation++;
    this.buffer = [];
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const delay = Math.min(5_000, 100 * 2 ** this.failures++);
    this.logger.warn(`restarting from the checkpoint in ${delay} ms: ${error.message}`);
    const old = this.subscription;
    this.subscription = null;
    void old?.close();
    setTimeout(() => {
      void this.start().catch((e: Error) => this.restart(e, this.generation));
    }, delay).unref();
  }
}
