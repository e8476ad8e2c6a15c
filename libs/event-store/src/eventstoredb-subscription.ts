import { AsyncLocalStorage } from 'node:async_hooks';
import type { AllStreamSubscription, EventStoreDBClient } from '@eventstore/db-client';
import type { EventHandler, SubscribeOptions, Subscription } from './event-store.js';
import { fromEsdb, toEsdbPosition, type EsdbModule } from './eventstoredb-mapping.js';
import { sleep } from './sleep.js';

const insideHandler = new AsyncLocalStorage<EsdbSubscription>();

/**
 * A catch-up subscription to $all that survives dropped connections: after an error (or an unexpected end) it waits
 * a bounded, growing delay (100 ms doubling to 10 s) and resubscribes after the last position it delivered, so
 * nothing is skipped and nothing is delivered twice. A handler error ends it and goes to `onError`.
 */
export class EsdbSubscription implements Subscription {
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;
  private current: AllStreamSubscription | undefined;
  private lastPosition: number;
  private live = false;

  constructor(
    private readonly connect: () => Promise<{ client: EventStoreDBClient; lib: EsdbModule }>,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions,
    onClosed: (subscription: EsdbSubscription) => void,
  ) {
    this.lastPosition = options.after ?? -1;
    this.done = this.run().finally(() => onClosed(this));
  }

  get position(): number {
    return this.lastPosition;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.current?.unsubscribe().catch(() => undefined);
    if (insideHandler.getStore() === this) return;
    await this.done;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const { client, lib } = await this.connect();
        const subscription = client.subscribeToAll({
          fromPosition: this.lastPosition >= 0 ? toEsdbPosition(this.lastPosition) : lib.START,
          filter: lib.excludeSystemEvents(),
        });
        this.current = subscription;
        let caughtUp = false;
        subscription.on('caughtUp', () => {
          caughtUp = true;
          this.goLiveIfDrained(subscription, caughtUp);
        });
        for await (const resolved of subscription as AsyncIterable<Parameters<typeof fromEsdb>[0]>) {
          if (signal.aborted) break;
          const event = fromEsdb(resolved);
          if (event && event.position > this.lastPosition) {
            try {
              await insideHandler.run(this, () => this.handler(event));
            } catch (error) {
              this.abort.abort();
              this.options.onError?.(error as Error);
              break;
            }
            this.lastPosition = event.position;
            failures = 0;
          }
          this.goLiveIfDrained(subscription, caughtUp);
        }
      } catch (error) {
        if (signal.aborted) break;
        this.options.onError?.(error as Error);
      } finally {
        await this.current?.unsubscribe().catch(() => undefined);
        this.current = undefined;
      }
      if (!signal.aborted) await sleep(Math.min(10_000, 100 * 2 ** failures++), signal);
    }
  }

  /** 'caughtUp' arrives in-band, possibly before buffered events are handled: go live once they are. */
  private goLiveIfDrained(subscription: AllStreamSubscription, caughtUp: boolean): void {
    if (this.live || !caughtUp || subscription.readableLength > 0) return;
    this.live = true;
    this.options.onLive?.();
  }
}
