// npm run lifecycle -- [--date YYYY-MM-DD]: the daily lifecycle run in this process, on the stores of the configured
// DATA_DIR / EVENT_STORE / READ_STORE (the same environment as the server; no Redis needed). Safe beside a running
// server and beside another run: every action is recorded once. Progress on stderr, the finished run on stdout.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { businessDate, newId, SystemClock } from '@kenpo/kernel';
import { createDocumentStore, createEventStore, loadConfig } from '@kenpo/platform';
import { ProjectionRunner } from '@kenpo/projector';
import { memberSummaryProjection, waitForPosition } from '@kenpo/read-models';
import { LIFECYCLE_RUNS } from '../lifecycle/lifecycle-run.js';
import { LifecycleRunner } from '../lifecycle/lifecycle-runner.js';
import { lifecycleFault, lifecycleSettings } from '../lifecycle/lifecycle.module.js';
import { recordRunRequest } from '../lifecycle/record-run-request.js';

const { values } = parseArgs({ options: { date: { type: 'string' } } });
const clock = new SystemClock();
const date = (() => {
  try {
    return businessDate(values.date ?? clock.today(), '--date');
  } catch {
    console.error('usage: npm run lifecycle -- [--date YYYY-MM-DD]');
    return process.exit(2);
  }
})();
const config = loadConfig();
const events = createEventStore(config);
const documents = await createDocumentStore(config);
let exitCode = 0;
try {
  await documents.declare(memberSummaryProjection.collection);
  await documents.declare({ name: LIFECYCLE_RUNS, indexes: ['date'] });
  await catchUpMemberSummary();
  const runId = newId();
  const actor = { id: `cli:${userInfo().username}`, role: 'admin' as const };
  await recordRunRequest(events, documents, clock, {
    runId,
    data: { runId, date, trigger: 'cli' },
    actor,
    commandId: runId,
  });
  const runner = new LifecycleRunner(events, documents, clock, lifecycleSettings(config), {
    afterRecorded: lifecycleFault(config),
    onProgress: (doc) => {
      const recorded = Object.values(doc.counts).reduce((sum, c) => sum + c.recorded, 0);
      const total = doc.progress.membersTotal ?? '?';
      console.error(`lifecycle ${doc.date}: ${doc.progress.membersScanned}/${total} members, ${recorded} recorded`);
    },
  });
  console.log(JSON.stringify(await runner.run(runId)));
} catch (error) {
  console.error(`lifecycle run failed: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await Promise.allSettled([events.close(), documents.close()]);
}
process.exit(exitCode);

/** The run finds members in member_summary: when no projector brings it up to date, this process does. */
async function catchUpMemberSummary(): Promise<void> {
  const head = (await events.headPosition()) ?? -1;
  if ((await waitForPosition(documents, memberSummaryProjection, head, { timeoutMs: 2_000 })).reached) return;
  const projector = new ProjectionRunner(events, documents, memberSummaryProjection);
  projector.start();
  try {
    await waitForPosition(documents, memberSummaryProjection, head, { timeoutMs: 10 * 60_000 });
  } finally {
    await projector.stop();
  }
}
