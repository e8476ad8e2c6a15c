import type { RecordedEvent } from '@kenpo/kernel';
import type { CollectionSpec, CollectionTarget, Document, DocumentStore, WriteOp } from './document-store.js';

/** A stored view: the projection's document plus the position of the last event applied to it. */
export type StoredView<V extends Document> = V & { _position: number };

/** A view without its storage fields (`_position` and any other `_`-prefixed key): what an API may answer. */
export function withoutStorageFields<V extends Document>(view: V): V {
  return Object.fromEntries(Object.entries(view).filter(([key]) => !key.startsWith('_'))) as V;
}

/**
 * A pure projection (conventions.md 8): which events it consumes, which views an event touches, and how one event
 * changes one view. `apply` returns null to delete the view. It never sees an event twice for the same view:
 * `applyBatch` skips events at or before the view's stored position.
 */
export interface Projection<V extends Document, E extends RecordedEvent = RecordedEvent> {
  /** Also the default checkpoint name. */
  name: string;
  collection: CollectionSpec;
  eventTypes: readonly string[];
  /** When set, only events of streams starting with one of these (e.g. `member-`). */
  streamPrefixes?: readonly string[];
  idsFor(event: E): readonly string[];
  /**
   * `id` is the view's id (one of `idsFor(event)`), for events that touch several views differently. Returns `view`
   * itself when the event changes nothing, else a new object (never one shared with anything else: the run stamps
   * `id` and `_position` on it rather than copying it).
   */
  apply(view: V | null, event: E, id: string): V | null;
}

export function consumes(projection: Projection<Document, any>, event: RecordedEvent): boolean {
  return (
    projection.eventTypes.includes(event.type) &&
    (projection.streamPrefixes === undefined ||
      projection.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix)))
  );
}

export interface ApplyBatchOptions {
  /** The active version by default; a rebuild writes into its new version. */
  target?: CollectionTarget;
  /** Defaults to the projection's name; a rebuild keeps its own. */
  checkpoint?: string;
}

export interface ApplyBatchResult {
  /** Event-to-view applications done, and those skipped as already applied. */
  applied: number;
  skipped: number;
  /** Views written or deleted. */
  written: number;
  /** The checkpoint after the batch. */
  checkpoint: number | null;
}

export interface AppliedEvents {
  /** Ids of the views that changed (their new value, or null when deleted, is in the map). */
  changed: Set<string>;
  applied: number;
  skipped: number;
}

/**
 * The pure core of a projection run: applies `events` in order to the views in `views` (changed in place), skipping
 * events a view already has (its `_position` is at or after the event's). Shared by `applyBatch` and `projectAll`.
 */
export function applyEvents<V extends Document, E extends RecordedEvent = RecordedEvent>(
  projection: Projection<V, E>,
  views: Map<string, StoredView<V> | null>,
  events: readonly RecordedEvent[],
): AppliedEvents {
  const result: AppliedEvents = { changed: new Set(), applied: 0, skipped: 0 };
  for (const event of events)
    if (consumes(projection, event)) applyEvent(projection, views, event as E, projection.idsFor(event as E), result);
  return result;
}

/** One consumed event applied to the views it touches (`ids`: its `idsFor`), counted into `result`. */
export function applyEvent<V extends Document, E extends RecordedEvent = RecordedEvent>(
  projection: Projection<V, E>,
  views: Map<string, StoredView<V> | null>,
  event: E,
  ids: readonly string[],
  result: AppliedEvents,
): void {
  // Most events touch one view: a Set to drop repeated ids only when there are several (runs for every event of a rebuild).
  for (const id of ids.length > 1 ? new Set(ids) : ids) {
    const current = views.get(id) ?? null;
    if (current !== null && current._position >= event.position) {
      result.skipped++;
      continue;
    }
    const next = projection.apply(current, event, id) as StoredView<V> | null;
    result.applied++;
    if (current === null && next === null) continue;
    // Stamped in place, not copied: the views in the map belong to the run, and apply's result is new or `current`.
    if (next !== null) {
      next.id = id;
      next._position = event.position;
    }
    views.set(id, next);
    result.changed.add(id);
  }
}

/** Every view a projection makes of `events`, in memory: what a rebuild from scratch stores (for tests and checks). */
export function projectAll<V extends Document, E extends RecordedEvent = RecordedEvent>(
  projection: Projection<V, E>,
  events: readonly RecordedEvent[],
): Map<string, StoredView<V>> {
  const views = new Map<string, StoredView<V> | null>();
  applyEvents(projection, views, events);
  return new Map(
    [...views]
      .filter((entry): entry is [string, StoredView<V>] => entry[1] !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** The checkpoint of one version of a projection's collection: each version is fed (and caught up) on its own. */
export function checkpointName(projection: string, version: number): string {
  return `${projection}@v${version}`;
}

/**
 * Applies a batch of events in order: loads every touched view once, skips events the view already has
 * (duplicate or out-of-order delivery), then writes the changed views and the checkpoint in one bulk write
 * (atomically on SQLite). The checkpoint never moves back, so re-delivering an old batch is harmless.
 */
export async function applyBatch<V extends Document, E extends RecordedEvent = RecordedEvent>(
  store: DocumentStore,
  projection: Projection<V, E>,
  events: readonly RecordedEvent[],
  options: ApplyBatchOptions = {},
): Promise<ApplyBatchResult> {
  const target = options.target ?? projection.collection.name;
  const checkpoint = options.checkpoint ?? projection.name;
  const previous = await store.getCheckpoint(checkpoint);
  if (events.length === 0) return { applied: 0, skipped: 0, written: 0, checkpoint: previous };

  const ids = new Set(
    events.filter((event) => consumes(projection, event)).flatMap((event) => projection.idsFor(event as E)),
  );
  const views = new Map<string, StoredView<V> | null>(await store.getMany<StoredView<V>>(target, [...ids]));
  const { changed, applied, skipped } = applyEvents(projection, views, events);

  const ops: WriteOp<StoredView<V>>[] = [...changed].map((id) => {
    const view = views.get(id);
    return view ? { put: view } : { delete: id };
  });
  const last = events.reduce((max, event) => Math.max(max, event.position), -1);
  const position = previous === null ? last : Math.max(previous, last);
  await store.bulkWrite(target, ops, { checkpoint: { name: checkpoint, position } });
  return { applied, skipped, written: ops.length, checkpoint: position };
}
