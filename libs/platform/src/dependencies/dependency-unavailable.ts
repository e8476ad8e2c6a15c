/** A part the request needs is down or full: 503 with Retry-After and a stable code, never a 500 or a hang. */
export class DependencyUnavailableError extends Error {
  constructor(
    /** Stable, for clients and alerts: `redis_unavailable`, `storage_full`, `store_busy`, `storage_error`. */
    readonly code: string,
    /** The part that failed, as /health names it. */
    readonly dependency: string,
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
    this.name = 'DependencyUnavailableError';
  }
}

export const redisUnavailable = () =>
  new DependencyUnavailableError('redis_unavailable', 'redis', 'Redis is not answering; try again shortly');

/**
 * SQLite's refusals that say nothing about the request: a full disk, a store locked by another process past its
 * busy timeout, an I/O error. The write was not made; the client may retry the same request later.
 */
export function storageFailureOf(error: unknown): DependencyUnavailableError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL')
    return new DependencyUnavailableError('storage_full', 'storage', 'the disk of the data store is full', 60);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new DependencyUnavailableError('store_busy', 'storage', 'the data store is locked by other work', 2);
  if (code.startsWith('SQLITE_IOERR'))
    return new DependencyUnavailableError('storage_error', 'storage', 'the data store could not be written', 30);
  return null;
}

/** Rejects with `onTimeout()` when `work` has not settled within `ms` (the work itself is not cancelled). */
export function withinDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
