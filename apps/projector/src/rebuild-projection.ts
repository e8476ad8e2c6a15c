import type { EventStore } from '@kenpo/event-store';
import {
  rebuild,
  type Document,
  type DocumentStore,
  type EventPages,
  type Projection,
  type RebuildOptions,
  type RebuildResult,
} from '@kenpo/read-models';

/** The global log as pages for `replayInto`/`rebuild`. */
export function logPages(events: EventStore, pageSize = 1_000): EventPages {
  return (after) => events.readAllPages({ after, pageSize });
}

/** Blue/green rebuild of one projection from the whole log (CLI and admin API). */
export function rebuildProjection(
  events: EventStore,
  documents: DocumentStore,
  projection: Projection<Document, any>,
  options: RebuildOptions & { pageSize?: number } = {},
): Promise<RebuildResult> {
  return rebuild(documents, projection, logPages(events, options.pageSize), options);
}
