import { startRedisServer, type RedisEndpoint } from '@kenpo/platform';

/**
 * A throw-away redis-server on a free port for one test file (no persistence); stop it in afterAll. Give `port` to
 * start an empty one where a stopped one was (a Redis that restarts having lost its data).
 */
export function startTestRedis(port?: number): Promise<RedisEndpoint> {
  return startRedisServer({ bin: process.env.REDIS_SERVER_BIN ?? 'redis-server', ...(port ? { port } : {}) });
}
