// The work of `npm run lifecycle` once its arguments are checked (lifecycle.ts).
import { userInfo } from 'node:os';
import { type BusinessDate, type Clock, newId } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';
import { createDocumentStore, createEventStore } from '@kenpo/platform';
import { ProjectionRunner } from '@kenpo/projector';
import { type DocumentStore, memberSummaryProjection, waitForPosition } from '@kenpo/read-models';
import { LIFECYCLE_RUNS } from '../lifecycle/lifecycle-run.js';
import { LifecycleRunner } from '../lifecycle/lifecycle-runner.js';
import { lifecycleFault, lifecycleSettings } from '../lifecycle/lifecycle.module.js';
import { recordRunRequest } from '../lifecycle/record-run-request.js';
import { cliConfig } from './cli-kit.js';

/** Records and runs the lifecycle run of `date`; progress on stderr, the finished run on stdout. */
export async function runLifecycle(date: BusinessDate, clock: Clock): Promise<number> {
  const config = await cliConfig();
  const events = createEventStore(config);
  const documents = await createDocumentStore(config);
  try {
    await documents.declare(memberSummaryProjection.collection);
    await documents.declare({ name: LIFECYCLE_RUNS, indexes: ['date'] });
    await catchUpMemberSummary(events, documents);
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
    return 0;
  } catch (error) {
    console.error(`lifecycle run failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await Promise.allSettled([events.close(), documents.close()]);
  }
}

/** The run finds members in member_summary: when no projector brings it up to date, this process does. */
async function catchUpMemberSummary(events: EventStore, documents: DocumentStore): Promise<void> {
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
