import type { EventStore } from '@kenpo/event-store';
import { projectionPosition, type DocumentStore, type Projection } from '@kenpo/read-models';

/** Counting stops here: beyond it the health answer says "at least". */
export const LAG_COUNT_CAP = 10_000;

export interface ProjectionLag {
  version: number | null;
  position: number | null;
  head: number;
  /** Events in the log after the projection's position (at most LAG_COUNT_CAP). */
  eventsBehind: number;
  eventsBehindAtLeast: boolean;
  /** Age of the oldest event not yet applied; 0 when caught up. */
  secondsBehind: number;
}

/**
 * Lag of a projection's active version. Positions are not contiguous (EventStoreDB commit positions are byte
 * offsets), so events behind are counted from the log rather than subtracted.
 */
export async function projectionLag(
  events: EventStore,
  documents: DocumentStore,
  projection: Pick<Projection<any, any>, 'name' | 'collection'>,
  now: Date,
  head?: number,
): Promise<ProjectionLag> {
  const headPosition = head ?? (await events.headPosition());
  const version = await documents.activeVersion(projection.collection.name);
  const position = await projectionPosition(documents, projection);
  if ((position ?? -1) >= headPosition) {
    return { version, position, head: headPosition, eventsBehind: 0, eventsBehindAtLeast: false, secondsBehind: 0 };
  }
  const behind = await events.readAll({ after: position ?? -1, maxCount: LAG_COUNT_CAP });
  const oldest = behind[0] ? Date.parse(behind[0].metadata.recordedAt) : now.getTime();
  return {
    version,
    position,
    head: headPosition,
    eventsBehind: behind.length,
    eventsBehindAtLeast: behind.length === LAG_COUNT_CAP,
    secondsBehind: Math.max(0, Math.round((now.getTime() - oldest) / 100) / 10),
  };
}
