import { type Actor, type Clock, eventIdFor } from '@kenpo/kernel';
import { type EventStore, WrongExpectedRevisionError } from '@kenpo/event-store';
import type { DocumentStore } from '@kenpo/read-models';
import {
  emptyCounts,
  LIFECYCLE_RUNS,
  lifecycleRunStream,
  type LifecycleRunDoc,
  type LifecycleRunRequestedData,
} from './lifecycle-run.js';

/**
 * Records who asked for a run of which date, as the first event of the run's stream (the worker reads it from there,
 * not from the job), and the run's document in its queued state. A retry with the same run id finds it recorded.
 */
export async function recordRunRequest(
  events: EventStore,
  documents: DocumentStore,
  clock: Clock,
  request: { runId: string; data: LifecycleRunRequestedData; actor: Actor; commandId: string },
): Promise<void> {
  const { runId, data, actor, commandId } = request;
  const recordedAt = clock.now().toISOString();
  try {
    await events.append(
      lifecycleRunStream(runId),
      [
        {
          type: 'LifecycleRunRequested',
          data: { ...data },
          metadata: {
            eventId: eventIdFor(commandId, 0),
            commandId,
            correlationId: runId,
            causationId: commandId,
            actor,
            recordedAt,
            schemaVersion: 1,
            effectiveDate: data.date,
          },
        },
      ],
      'no_stream',
    );
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return;
    throw error;
  }
  await documents.put<LifecycleRunDoc>(LIFECYCLE_RUNS, {
    id: runId,
    runId,
    date: data.date,
    trigger: data.trigger,
    requestedBy: actor,
    requestedAt: recordedAt,
    status: 'queued',
    startedAt: null,
    finishedAt: null,
    progress: { membersScanned: 0, membersTotal: null },
    counts: emptyCounts(),
    failures: [],
    error: null,
  });
}
