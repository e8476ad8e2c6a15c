import type { RecordedEvent } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';
import {
  compareVersions,
  type Document,
  type DocumentStore,
  type Projection,
  projectionPosition,
  replayInto,
  type StoredView,
} from '@kenpo/read-models';

export interface RebuildDifference {
  /** View id (a member id, a 記号:番号 key...): names the view, never its content. */
  id: string;
  /** `missing_in_live`: the replay makes a view the live version lacks; `extra_in_live`: the reverse. */
  kind: 'missing_in_live' | 'extra_in_live' | 'different';
}

export interface RebuildCheckOutcome {
  projection: string;
  liveVersion: number;
  shadowVersion: number;
  /** The live version's checkpoint: the shadow replays the log up to and including this position. */
  through: number;
  replayedEvents: number;
  compared: number;
  /** Live views changed after `through` while the check ran: not comparable, not counted as differences. */
  skippedNewer: number;
  differences: RebuildDifference[];
  /** True when more differences existed than are listed. */
  truncated: boolean;
}

const KIND = { missing: 'missing_in_live', extra: 'extra_in_live', different: 'different' } as const;

/** The log up to `through` only, page by page, so the shadow stops where the live version's checkpoint is. */
function pagesThrough(events: EventStore, through: number) {
  return async function* (after: number): AsyncGenerator<RecordedEvent[]> {
    if (after >= through) return;
    for await (const page of events.readAllPages({ after })) {
      const upTo = page.filter((event) => event.position <= through);
      if (upTo.length > 0) yield upTo;
      if (upTo.length < page.length) return;
    }
  };
}

/**
 * Rebuild verification (architecture.md 7): replays the log from the start into a new, inactive (shadow) version of
 * the projection's collection, up to the live version's checkpoint, compares the two document by document in
 * constant memory (read-models compareVersions), then drops the shadow. A live view whose stored position is past
 * the checkpoint was updated by the running projector meanwhile and is skipped rather than reported.
 */
export async function checkRebuild(
  events: EventStore,
  documents: DocumentStore,
  projection: Projection<Document, any>,
  options: { maxDifferences?: number; onBatch?: (eventsReplayed: number) => void } = {},
): Promise<RebuildCheckOutcome> {
  const name = projection.collection.name;
  await documents.declare(projection.collection);
  const liveVersion = (await documents.activeVersion(name))!;
  const through = (await projectionPosition(documents, projection)) ?? -1;
  const shadowVersion = await documents.createVersion(name);
  try {
    const replayed = await replayInto(documents, projection, pagesThrough(events, through), {
      version: shadowVersion,
      onBatch: (progress) => options.onBatch?.(progress.events),
    });
    const limit = options.maxDifferences ?? 100;
    // One more than listed, to know whether the list was cut; a few more to make up for skipped newer views.
    const comparison = await compareVersions(documents, name, shadowVersion, liveVersion, limit + 1 + 50);
    const differences: RebuildDifference[] = [];
    let skippedNewer = 0;
    for (const difference of comparison.differences) {
      if (difference.kind !== 'missing') {
        const live = await documents.get<StoredView<Document>>({ name, version: liveVersion }, difference.id);
        if (live && live._position > through) {
          skippedNewer++;
          continue;
        }
      }
      differences.push({ id: difference.id, kind: KIND[difference.kind] });
    }
    return {
      projection: projection.name,
      liveVersion,
      shadowVersion,
      through,
      replayedEvents: replayed.events,
      compared: comparison.compared,
      skippedNewer,
      differences: differences.slice(0, limit),
      truncated: differences.length > limit,
    };
  } finally {
    await documents.dropVersion(name, shadowVersion);
  }
}
