/** Redis connection for BullMQ and health checks: `{ url }` resolved at boot (provisionRedis). */
export const REDIS_OPTIONS = Symbol('REDIS_OPTIONS');
export interface RedisOptions {
  url: string;
}
