import type { EventStore, Subscription } from '@kenpo/event-store';
import {
  applyBatch,
  checkpointName,
  type CollectionTarget,
  type Document,
  type DocumentStore,
  type Projection,
} from '@kenpo/read-models';
import { LiveBatches } from './live-batches.js';

/** How often a live runner with nothing to apply checks whether a rebuild activated another version. */
const VERSION_CHECK_MS = 1_000;

export type RunnerState = 'starting' | 'catching-up' | 'live' | 'retrying' | 'stopped';

export interface RunnerStatus {
  projection: string;
  state: RunnerState;
  /** The collection version being fed. */
  version: number | null;
  /** Last position applied (the version's checkpoint). */
  position: number | null;
  /** Consecutive failed cycles; reset by a cycle that ends normally. */
  failures: number;
  lastError: string | null;
}

export interface RunnerOptions {
  /** Events per bulk write (catching up, and at most when live). Default 500. */
  batchSize?: number;
  log?: (level: 'log' | 'warn' | 'error', message: string) => void;
}

/**
 * Feeds one projection's ACTIVE collection version from that version's checkpoint: catch-up in batches read from the
 * log, then live one event at a time from a subscription. When another process activates a new version (a rebuild),
 * the runner notices at the next batch or event and starts over from the new version's checkpoint, which replays
 * what it had applied to the old version meanwhile. Errors restart the cycle after a bounded backoff; a crash at
 * any point is harmless because views and checkpoint are written together and views skip events they already have.
 */
export class ProjectionRunner {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private endLive: ((error?: Error) => void) | undefined;
  private wakeSleeper: (() => void) | undefined;
  private current: RunnerStatus;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    readonly projection: Projection<Document, any>,
    private readonly options: RunnerOptions = {},
  ) {
    this.current = {
      projection: projection.name,
      state: 'starting',
      version: null,
      position: null,
      failures: 0,
      lastError: null,
    };
  }

  status(): RunnerStatus {
    return { ...this.current };
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.endLive?.();
    this.wakeSleeper?.();
    await this.loop;
    this.current.state = 'stopped';
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.cycle();
        this.current.failures = 0;
      } catch (error) {
        if (this.stopped) break;
        const failures = ++this.current.failures;
        this.current.state = 'retrying';
        this.current.lastError = (error as Error).message;
        this.options.log?.(
          failures > 3 ? 'error' : 'warn',
          `${this.projection.name}: ${(error as Error).message} (attempt ${failures})`,
        );
        await this.sleep(Math.min(30_000, 100 * 2 ** Math.min(failures, 9)));
      }
    }
  }

  /** One pass: resolve the active version, catch up in batches, then stay live until the version changes or stop. */
  private async cycle(): Promise<void> {
    const name = this.projection.collection.name;
    const version = await this.documents.activeVersion(name);
    if (version === null) throw new Error(`collection ${name} is not declared`);
    const target = { name, version };
    const checkpoint = checkpointName(this.projection.name, version);
    let after = (await this.documents.getCheckpoint(checkpoint)) ?? -1;
    Object.assign(this.current, { state: 'catching-up', version, position: after });

    const types = this.projection.eventTypes;
    for await (const page of this.events.readAllPages({ after, pageSize: this.options.batchSize ?? 500, types })) {
      if (this.stopped) return;
      after = (await applyBatch(this.documents, this.projection, page, { target, checkpoint })).checkpoint ?? after;
      this.current.position = after;
      if (await this.switched(version)) return;
      // The SQLite stores answer synchronously, so without a real yield a long catch-up starves the event loop:
      // an all-in-one process would serve no request (not even /health) until the projections reach the head.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (this.stopped) return;
    await this.live(version, target, checkpoint, after);
  }

  /** Live from `after` until the version changes, the runner stops or a batch fails (which rejects). */
  private async live(version: number, target: CollectionTarget, checkpoint: string, after: number): Promise<void> {
    const batches = new LiveBatches(
      async (events) => {
        if (await this.switched(version)) return this.endLive?.();
        await applyBatch(this.documents, this.projection, events, { target, checkpoint });
        this.current.position = events.at(-1)!.position;
      },
      this.options.batchSize ?? 500,
      (error) => this.endLive?.(error),
    );
    await new Promise<void>((resolve, reject) => {
      // An idle log delivers nothing, so a switch is also checked on a timer.
      const watch = setInterval(() => {
        this.switched(version).then(
          (yes) => {
            if (yes) this.endLive?.();
          },
          () => undefined,
        );
      }, VERSION_CHECK_MS);
      this.endLive = (error) => {
        this.endLive = undefined;
        clearInterval(watch);
        // Nothing of this cycle may still be writing when the next one starts.
        const settle = () => void batches.settled().then(() => (error ? reject(error) : resolve()));
        // Deferred: onError may fire while subscribe() is still constructing the subscription.
        setImmediate(() => (this.subscription ? void this.subscription.close().finally(settle) : settle()));
      };
      this.subscription = this.events.subscribe((event) => (this.stopped ? undefined : batches.push(event)), {
        after,
        types: this.projection.eventTypes,
        onLive: () => {
          this.current.state = 'live';
          this.current.lastError = null;
        },
        onError: (error) => this.endLive?.(error),
      });
    });
    this.subscription = undefined;
  }

  private async switched(version: number): Promise<boolean> {
    return (await this.documents.activeVersion(this.projection.collection.name)) !== version;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }
}
