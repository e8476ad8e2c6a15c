// npm run rebuild -- <projection>... | --all [--keep-old]: blue/green rebuild from the event store of this
// configuration (DATA_DIR, EVENT_STORE, READ_STORE...). Safe while the API and the projector run: readers keep the
// old version until the switch, and the live runners continue on the new one from its checkpoint.
import { createDocumentStore, createEventStore } from '@kenpo/platform';
import { rebuildProjection } from '@kenpo/projector';
import { READ_MODEL_NAMES, readModelNamed } from '../read-models/read-models.js';
import { cliConfig, parseCli, progressReporter, runCli, usageError } from './cli-kit.js';

const USAGE = `usage: npm run rebuild -- <projection>... | --all [--keep-old]
  <projection>   one of ${READ_MODEL_NAMES.join(', ')}
  --all          every read model, one after the other
  --keep-old     keep the previous version instead of dropping it after the switch
Prints one JSON line per rebuilt read model; progress goes to stderr.
Exit codes: 0 rebuilt, 1 a rebuild failed, 2 usage error.`;

await runCli(USAGE, async () => {
  const { values, positionals } = parseCli(USAGE, {
    allowPositionals: true,
    options: { all: { type: 'boolean', default: false }, 'keep-old': { type: 'boolean', default: false } },
  });
  if (values.all && positionals.length > 0) usageError('give projection names or --all, not both');
  const names = values.all ? READ_MODEL_NAMES : positionals;
  if (names.length === 0) usageError('name a read model to rebuild, or --all');
  const projections = names.map((name) => {
    try {
      return readModelNamed(name);
    } catch {
      return usageError(`unknown projection ${name}`);
    }
  });
  const config = await cliConfig();
  const events = createEventStore(config);
  const documents = await createDocumentStore(config);
  try {
    for (const projection of projections) {
      const report = progressReporter(`${projection.name}`);
      const result = await rebuildProjection(events, documents, projection, {
        keepOld: values['keep-old'],
        onBatch: (progress) => report(progress.events, 'events'),
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
  } finally {
    await Promise.allSettled([events.close(), documents.close()]);
  }
});
