// npm run rebuild -- <projection|--all> [--keep-old]: blue/green rebuild from the event store of this
// configuration (DATA_DIR, EVENT_STORE, READ_STORE...). Safe while the API and the projector run: readers keep the
// old version until the switch, and the live projector continues on the new one from its checkpoint.
import { parseArgs } from 'node:util';
import { createDocumentStore, createEventStore, loadConfig } from '@kenpo/platform';
import { PROJECTIONS } from '@kenpo/read-models';
import { rebuildProjection } from '../rebuild-projection.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    all: { type: 'boolean', default: false },
    'keep-old': { type: 'boolean', default: false },
  },
});
const names = values.all ? PROJECTIONS.map((p) => p.name) : positionals;
if (names.length === 0) {
  console.error(`usage: npm run rebuild -- <${PROJECTIONS.map((p) => p.name).join('|')}>... | --all [--keep-old]`);
  process.exit(2);
}

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    return process.exit(2);
  }
})();
const events = createEventStore(config);
const documents = await createDocumentStore(config);
let exitCode = 0;
try {
  for (const name of names) {
    let lastReport = performance.now();
    const result = await rebuildProjection(events, documents, name, {
      keepOld: values['keep-old'],
      onBatch: (progress) => {
        if (performance.now() - lastReport < 2_000) return;
        lastReport = performance.now();
        console.error(
          `${name}: ${progress.events} events, ${Math.round(progress.events / (progress.ms / 1_000))} events/s`,
        );
      },
    });
    const rate = Math.round(result.events / Math.max(result.replayMs / 1_000, 0.001));
    console.log(
      JSON.stringify({
        ...result,
        replayMs: Math.round(result.replayMs),
        ms: Math.round(result.ms),
        eventsPerSecond: rate,
      }),
    );
  }
} catch (error) {
  console.error(`rebuild failed: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await Promise.allSettled([events.close(), documents.close()]);
}
process.exit(exitCode);
