import { fork } from 'node:child_process';
import { join } from 'node:path';
import { runLoad } from './load.mjs';
import { cpuMsOf, machineBusyMs } from './server.mjs';
import { round } from './stats.mjs';

/**
 * The floor under the commands scenario, measured in the same run: the same requests from the same load generator,
 * answered by a server that only appends each body durably (http-floor-server.mjs). What any Node HTTP service on
 * this machine pays for HTTP and a durable append; the rest of the app's CPU per command is its own work.
 */
export async function measureHttpFloor({ dir, connections, amount, warmUp }) {
  const child = fork(new URL('./http-floor-server.mjs', import.meta.url), [join(dir, 'floor.db')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const { port } = await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`the HTTP floor's server exited (${code}) before listening`)));
    });
    const options = { workload: 'commands', url: `http://127.0.0.1:${port}`, token: 'floor', connections };
    await runLoad({ ...options, amount: warmUp, seedBase: 9_000_000 });
    const machineBefore = machineBusyMs();
    const serverBefore = cpuMsOf(child.pid);
    const load = await runLoad({ ...options, amount, seedBase: 1_000_000 });
    return {
      perSecond: load.perSecond,
      p99: load.latency.p99,
      completed: load.completed,
      failed: load.non2xx + load.errors,
      serverCpuMsPerRequest: round((cpuMsOf(child.pid) - serverBefore) / load.completed, 3),
      machineCpuMsPerRequest: round((machineBusyMs() - machineBefore) / load.completed, 3),
    };
  } finally {
    child.kill();
    await exited;
  }
}
