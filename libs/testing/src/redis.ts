import { startRedisServer, type RedisEndpoint } from '@kenpo/platform';

/** A throw-away redis-server on a free port for one test file (no persistence); stop it in afterAll. */
export function startTestRedis(): Promise<RedisEndpoint> {
  return startRedisServer({ bin: process.env.REDIS_SERVER_BIN ?? 'redis-server' });
}
