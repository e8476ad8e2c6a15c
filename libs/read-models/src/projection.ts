import type { RecordedEvent } from '@kenpo/kernel';
import type { CollectionSpec, CollectionTarget, Document, DocumentStore, WriteOp } from './document-store.js';

/** A stored view: the projection's document plus the position of the last event applied to it. */
export type StoredView<V extends Document> = V & { _position: number };

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
  apply(view: V | null, event: E): V | null;
}

export function consumes(projection: Projection<Document, any>, event: RecordedEvent): boolean {
  return projection.eventTypes.includes(event.type)
    && (projection.streamPrefixes === undefined || projection.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix)));
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
  const checkpointName = options.checkpoint ?? projection.name;
  const previous = await store.getCheckpoint(checkpointName);
  if (events.length === 0) return { applied: 0, skipped: 0, written: 0, checkpoint: previous };

  const work = events.filter((event) => consumes(projection, event)).map((event) => {
    const typed = event as E;
    return { event: typed, ids: [...new Set(projection.idsFor(typed))] };
  });
  const views = new Map<string, StoredView<V> | null>(await store.getMany<StoredView<V>>(target, [...new Set(work.flatMap((w) => w.ids))]));
  const changed = new Set<string>();
  let applied = 0;
  let skipped = 0;
  for (const { event, ids } of work) {
    for (const id of ids) {
      const current = views.get(id) ?? null;
      if (current !== null && current._position >= event.position) {
        skipped++;
        continue;
      }
      const next = projection.apply(current, event);
      applied++;
      if (current === null && next === null) continue;
      views.set(id, next === null ? null : { ...next, id, _position: event.position });
      changed.add(id);
    }
  }

  const ops: WriteOp<StoredView<V>>[] = [...changed].map((id) => {
    const view = views.get(id);
    return view ? { put: view } : { delete: id };
  });
  const last = events.reduce((max, event) => Math.max(max, event.position), -1);
  const checkpoint = previous === null ? last : Math.max(previous, last);
  await store.bulkWrite(target, ops, { checkpoint: { name: checkpointName, position: checkpoint } });
  return { applied, skipped, written: ops.length, checkpoint };
}
