import { NotFoundError } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';
import {
  PROJECTIONS,
  projectionNamed,
  rebuild,
  type DocumentStore,
  type EventPages,
  type RebuildOptions,
  type RebuildResult,
} from '@kenpo/read-models';

/** The global log as pages for `replayInto`/`rebuild`. */
export function logPages(events: EventStore, pageSize = 1_000): EventPages {
  return (after) => events.readAllPages({ after, pageSize });
}

/** Blue/green rebuild of one projection by name (CLI and admin API). */
export function rebuildProjection(
  events: EventStore,
  documents: DocumentStore,
  name: string,
  options: RebuildOptions & { pageSize?: number } = {},
): Promise<RebuildResult> {
  const projection = projectionNamed(name);
  if (!projection) {
    const known = PROJECTIONS.map((p) => p.name).join(', ');
    throw new NotFoundError('unknown_projection', `no projection named ${name}; known: ${known}`, [
      { field: 'projection', rule: 'known_projection', message: `must be one of ${known}` },
    ]);
  }
  return rebuild(documents, projection, logPages(events, options.pageSize), options);
}
