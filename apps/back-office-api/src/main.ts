import { type AppConfig, loadConfig, provisionRedis, type RedisEndpoint } from '@kenpo/platform';
import { createBackOffice } from './bootstrap.js';
import { layoutOf, serveAsPart, startParts } from './process-layout.js';

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

if (config.values.PROCESS_LAYOUT === 'part') await runPart(config, redis);
else await runMain(config, redis);

/** A role started by the main process: no port of its own, ends with its parent. */
async function runPart(partConfig: AppConfig, redisEndpoint: RedisEndpoint): Promise<void> {
  const app = await createBackOffice(partConfig, { url: redisEndpoint.url });
  await app.init();
  serveAsPart();
  onStopSignal(
    once(async () => {
      await app.close();
      process.exit(0);
    }),
  );
}

async function runMain(mainConfig: AppConfig, redisEndpoint: RedisEndpoint): Promise<void> {
  const { here, apart } = layoutOf(mainConfig);
  const app = await createBackOffice(here, { url: redisEndpoint.url });
  // Initialised (data directory, secrets, schemas) before the parts open the same files.
  await app.init();
  const parts = await startParts(apart, redisEndpoint.url).catch(async (error: Error) => {
    await app.close();
    await redisEndpoint.stop();
    return fail(error.message);
  });
  await app.listen(here.values.PORT, here.values.HOST);
  const roles = [...here.values.PROCESS_ROLES, ...apart.map((role) => `${role} (own process)`)];
  console.log(
    `kenpo back office (${roles.join(', ')}) listening on ${await app.getUrl()}; ` +
      `event store ${here.values.EVENT_STORE}, read store ${here.values.READ_STORE}, redis ${redisEndpoint.url}, data ${here.dataDir}`,
  );
  const stop = once(async (exitCode: number) => {
    await Promise.all([app.close(), parts.stop()]);
    await redisEndpoint.stop();
    process.exit(exitCode);
  });
  // The system is one unit: a part that dies takes the rest with it, for the supervisor (systemd, a container) to
  // restart; killed, it is killed the same way, as the single process was (the crash tests rely on it).
  parts.onUnexpectedEnd((role, code, signal) => {
    console.error(`the ${role} process ended (${signal ?? `exit code ${code}`}): the back office stops with it`);
    if (signal !== 'SIGKILL') return void stop(code || 1);
    parts.kill();
    process.kill(process.pid, 'SIGKILL');
  });
  onStopSignal(() => stop(0));
}

function onStopSignal(stop: () => Promise<void>): void {
  const onSignal = (signal: string): void => {
    console.log(`${signal}: shutting down`);
    void stop();
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
}

/** The first call runs `action`; later calls return its promise (a signal during a stop, a part ending during it). */
function once<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let running: Promise<void> | undefined;
  return (...args) => (running ??= action(...args));
}
