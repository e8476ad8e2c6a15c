import { check, result } from '../lib/result.mjs';
import { startCaughtUp } from '../lib/loaded-app.mjs';
import { startBackOffice } from '../lib/server.mjs';

/**
 * Issue 9.7: resident memory of the back office (the API's process and its projector and payment worker processes,
 * summed, and each) once its projector has loaded a log of 1,000,000 events into the member views; baseline: the
 * same processes idle on an empty data directory. The limit holds for each process (one per container in
 * production) and is reported for the sum.
 */
export default {
  name: 'memory',
  title: 'Memory of the back office (API, projector, worker processes) after loading the log',
  async run(ctx) {
    const dataset = await ctx.dataset(ctx.members);
    const idle = await startBackOffice({ dataDir: ctx.scratch('memory-idle') });
    await new Promise((r) => setTimeout(r, 1_000));
    const idleMemory = idle.memory();
    await idle.stop();

    const dataDir = ctx.dataDirWith(dataset, 'memory-loaded');
    const loaded = await startCaughtUp({
      dataDir,
      head: dataset.events,
      timeoutMs: ctx.quick ? 120_000 : 1_800_000,
      log: ctx.log,
    });
    const after = loaded.app.memory();
    await loaded.app.stop();
    ctx.shared.set(`caught-up-${dataset.members}`, dataDir);
    ctx.log(
      `caught up ${dataset.events} events in ${Math.round(loaded.catchUpMs)} ms; rss ${after.rssMiB} MiB, peak ${after.peakRssMiB} MiB`,
    );
    return result({
      system: {
        value: after.rssMiB,
        unit: 'MiB RSS (sum of the processes)',
        byProcess: after.byRole,
        peakRssMiB: after.peakRssMiB,
        events: dataset.events,
        catchUpMs: Math.round(loaded.catchUpMs),
        listeningAfterMs: Math.round(loaded.readyMs),
        catchUpEventsPerSecond: Math.round(dataset.events / (loaded.catchUpMs / 1000)),
      },
      baseline: { value: idleMemory.rssMiB, unit: 'MiB RSS (idle, empty store)', peakRssMiB: idleMemory.peakRssMiB },
      ratio: null,
      checks: [
        check('largest process rss MiB', largest(after, 'rssMiB'), '<', 512),
        check('largest process peak rss MiB', largest(after, 'peakRssMiB'), '<', 512),
      ],
      notes: [
        `the projector caught up ${dataset.events} events (start-up included) in ${Math.round(loaded.catchUpMs / 1000)} s`,
        `RSS by process: ${describe(after)} (sum ${after.rssMiB} MiB, sum of peaks ${after.peakRssMiB} MiB); idle: ${describe(idleMemory)} (sum ${idleMemory.rssMiB} MiB)`,
      ],
    });
  },
};

const largest = (memory, key) => Math.max(...Object.values(memory.byRole).map((m) => m[key]));
const describe = (memory) =>
  Object.entries(memory.byRole)
    .map(([role, m]) => `${role} ${m.rssMiB} MiB (peak ${m.peakRssMiB})`)
    .join(', ');
