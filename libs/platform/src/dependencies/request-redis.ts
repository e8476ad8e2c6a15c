import { Redis } from 'ioredis';
import { redisUnavailable, withinDeadline } from './dependency-unavailable.js';

/** The Redis client of request paths (idempotency records, health): fails fast instead of queueing. */
export const REQUEST_REDIS = 'REQUEST_REDIS';

/** No request waits longer than this on Redis (connection or command) before its 503. */
export const REDIS_REQUEST_DEADLINE_MS = 2_000;

export function createRequestRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false, // a command while disconnected fails at once instead of waiting for a reconnection
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_REQUEST_DEADLINE_MS,
    connectTimeout: REDIS_REQUEST_DEADLINE_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
}

/** Connected, or connecting now for the first time; a client that lost Redis fails at once while it reconnects. */
async function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return;
  if (client.status === 'wait') return void (await client.connect());
  throw redisUnavailable();
}

/** Redis work of a request: bounded in time; any failure of Redis becomes 503 `redis_unavailable`. */
export async function onRedis<T>(client: Redis, work: (client: Redis) => Promise<T>): Promise<T> {
  try {
    return await withinDeadline(
      ready(client).then(() => work(client)),
      REDIS_REQUEST_DEADLINE_MS + 500,
      redisUnavailable,
    );
  } catch {
    throw redisUnavailable();
  }
}

/** A BullMQ call on a request path: bounded, and a 503 when Redis does not answer in time. */
export function redisCall<T>(work: Promise<T>): Promise<T> {
  return withinDeadline(work, REDIS_REQUEST_DEADLINE_MS, redisUnavailable).catch(() => {
    throw redisUnavailable();
  });
}
