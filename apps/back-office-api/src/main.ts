import { loadConfig, provisionRedis } from '@kenpo/platform';
import { createBackOffice } from './bootstrap.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    return fail((error as Error).message);
  }
})();

const redis = await provisionRedis({
  url: config.values.REDIS_URL,
  bin: config.values.REDIS_SERVER_BIN,
  dataDir: config.dataDir,
}).catch((error: Error) => fail(`Redis is not available: ${error.message}`));

const app = await createBackOffice(config, { url: redis.url });
await app.listen(config.values.PORT, config.values.HOST);
console.log(
  `kenpo back office (${config.values.PROCESS_ROLES.join(', ')}) listening on ${await app.getUrl()}; ` +
    `event store ${config.values.EVENT_STORE}, read store ${config.values.READ_STORE}, redis ${redis.url}, data ${config.dataDir}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  await app.close();
  await redis.stop();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
