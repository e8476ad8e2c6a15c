import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent } from '@kenpo/kernel';
import type { ChangeNotifier } from './change-notifier.js';
import { sleep } from './sleep.js';
import type { EventHandler, SubscribeOptions, Subscription } from './event-store.js';

export type ReadAfter = (after: number, limit: number) => RecordedEvent[];

const insideHandler = new AsyncLocalStorage<PullSubscription>();

/**
 * Catch-up then live over a log read by position. One loop does both: it always reads `position > last delivered`,
 * so there is neither a gap nor a duplicate when catch-up turns live. Read errors (e.g. a busy database) are retried
 * with a bounded backoff; a handler error stops the subscription and goes to `onError` (the handler owns retries).
 */
export class PullSubscription implements Subscription {
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;
  private lastPosition: number;

  constructor(
    private readonly readAfter: ReadAfter,
    private readonly notifier: ChangeNotifier,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions & { pageSize?: number },
    private readonly onClosed: (subscription: PullSubscription) => void,
  ) {
    this.lastPosition = options.after ?? -1;
    notifier.retain();
    this.done = this.run().finally(() => {
      notifier.release();
      onClosed(this);
    });
  }

  /** Position of the last event handed to the handler (-1 if none yet). */
  get position(): number {
    return this.lastPosition;
  }

  async close(): Promise<void> {
    this.abort.abort();
    // Called from inside the handler: the loop ends right after the handler returns; awaiting it would deadlock.
    if (insideHandler.getStore() === this) return;
    await this.done;
  }

  private async run(): Promise<void> {
    const pageSize = this.options.pageSize ?? 500;
    const signal = this.abort.signal;
    let live = false;
    let failures = 0;
    while (!signal.aborted) {
      const seen = this.notifier.sequence;
      let page: RecordedEvent[];
      try {
        page = this.readAfter(this.lastPosition, pageSize);
        failures = 0;
      } catch (error) {
        this.options.onError?.(error as Error);
        await sleep(Math.min(5_000, 50 * 2 ** failures++), signal);
        continue;
      }
      for (const event of page) {
        if (signal.aborted) return;
        try {
          await insideHandler.run(this, () => this.handler(event));
        } catch (error) {
          this.abort.abort();
          this.options.onError?.(error as Error);
          return;
        }
        this.lastPosition = event.position;
      }
      if (page.length === pageSize) {
        // SQLite reads are synchronous: yield between full pages so a long catch-up does not starve the event loop
        // (a worker on a big log otherwise serves no HTTP until it reaches the head; bench: payouts, memory).
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      if (!live) {
        live = true;
        this.options.onLive?.();
      }
      await this.notifier.wait(seen, signal);
    }
  }
}
