import type { EventStore } from '@kenpo/event-store';
import { storageFailureOf } from './dependency-unavailable.js';

/**
 * The last failed write of a store (disk full, store locked, I/O error; EventStoreDB out of reach), kept until a
 * write succeeds again: meanwhile /health reports the store down, although its reads may still answer.
 */
export class WriteHealth {
  private failure: { reason: string; at: string } | null = null;

  observe(error: unknown): void {
    const storage = storageFailureOf(error);
    const reason = storage?.code ?? ((error as Error)?.name === 'UnavailableError' ? 'unavailable' : null);
    if (reason) this.failure = { reason, at: new Date().toISOString() };
  }

  succeeded(): void {
    this.failure = null;
  }

  /** Throws (the probe's "down") while the last write failed. */
  assertWritable(): void {
    if (this.failure) {
      throw new Error(
        `the last write failed (${this.failure.reason}) at ${this.failure.at}; down until a write succeeds`,
      );
    }
  }
}

/** The same store, its writes observed by `health`. */
export function trackWrites(store: EventStore, health: WriteHealth): EventStore {
  const observed =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await write(...args);
        health.succeeded();
        return result;
      } catch (error) {
        health.observe(error);
        throw error;
      }
    };
  store.append = observed(store.append.bind(store));
  store.appendMany = observed(store.appendMany.bind(store));
  return store;
}
