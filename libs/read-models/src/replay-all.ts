import type { RecordedEvent } from '@kenpo/kernel';
import type { Document, DocumentStore, WriteOp } from './document-store.js';
import { applyEvent, checkpointName, consumes, type Projection, type StoredView } from './projection.js';
import type { EventPages, ReplayProgress } from './rebuild.js';

/** One projection's version to feed, with its checkpoint (`checkpointName(projection, version)` unless given). */
export interface ReplayTarget {
  projection: Projection<Document, any>;
  version: number;
  checkpoint?: string;
}

export interface ReplayAllProgress extends ReplayProgress {
  /** Time spent applying and writing, per projection name (the read of the log is shared and not in these). */
  applyMs: Record<string, number>;
  /** View rows written (puts and deletes), per projection name. */
  writes: Record<string, number>;
}

export interface ReplayAllOptions {
  onBatch?: (progress: ReplayAllProgress) => void;
  signal?: AbortSignal;
  /**
   * Views are kept in memory between pages and written (with the checkpoint) once at least this many events were
   * applied since the last write, or when `maxCachedViews` would be exceeded, and at the end. Default 20,000.
   */
  flushEvery?: number;
  /** Views kept in memory per target (the most recently touched), which bounds the replay's memory. Default 5,000. */
  maxCachedViews?: number;
}

/** A target being fed: its views in memory (null: known absent), those not written yet, and its checkpoint. */
interface Fed extends ReplayTarget {
  checkpoint: string;
  /** Every event at or before it is in the store. */
  position: number;
  /** Every event at or before it is in `views`. */
  applied: number;
  views: Map<string, StoredView<Document> | null>;
  dirty: Set<string>;
}

/**
 * `replayInto` for several projections from ONE read of the log: each page is read and parsed once, then applied to
 * every target in turn. Reading starts at the lowest checkpoint; a target already past part of a page gets only the
 * events after its own checkpoint, so targets at different positions (e.g. one resumed, one fresh) each see every
 * event exactly once. Resumable like replayInto.
 *
 * Write-behind: a view is read from the store once, kept in memory while its member's events keep coming, and
 * written once per flush however many events touched it, with the checkpoint in the same bulk write. A member's
 * events come close together in the log (a command's events, a burst of notifications), so this writes a view once
 * where page-by-page application read it back and rewrote it for every page (the profile of issue 16.3: reads and
 * writes of whole views, not the fold, took most of a rebuild). A crash between flushes loses only what is redone
 * from the checkpoint.
 */
export async function replayAllInto(
  store: DocumentStore,
  targets: readonly ReplayTarget[],
  pages: EventPages,
  options: ReplayAllOptions = {},
): Promise<ReplayAllProgress> {
  const started = performance.now();
  const flushEvery = options.flushEvery ?? 20_000;
  const maxCached = options.maxCachedViews ?? 5_000;
  const fed: Fed[] = await Promise.all(
    targets.map(async (t) => {
      const checkpoint = t.checkpoint ?? checkpointName(t.projection.name, t.version);
      const position = (await store.getCheckpoint(checkpoint)) ?? -1;
      return { ...t, checkpoint, position, applied: position, views: new Map(), dirty: new Set<string>() };
    }),
  );
  const from = fed.reduce((lowest, t) => Math.min(lowest, t.position), Number.POSITIVE_INFINITY);
  const progress: ReplayAllProgress = {
    events: 0,
    batches: 0,
    position: Number.isFinite(from) && from >= 0 ? from : null,
    ms: 0,
    applyMs: Object.fromEntries(fed.map((t) => [t.projection.name, 0])),
    writes: Object.fromEntries(fed.map((t) => [t.projection.name, 0])),
  };
  if (fed.length === 0) return progress;
  const timed = async (target: Fed, work: () => Promise<void>) => {
    const t = performance.now();
    await work();
    progress.applyMs[target.projection.name]! += performance.now() - t;
  };
  const flush = async (target: Fed) => {
    if (target.applied <= target.position) return;
    const ops: WriteOp[] = [...target.dirty].map((id) => {
      const view = target.views.get(id);
      return view ? { put: view } : { delete: id };
    });
    await store.bulkWrite({ name: target.projection.collection.name, version: target.version }, ops, {
      checkpoint: { name: target.checkpoint, position: target.applied },
    });
    progress.writes[target.projection.name]! += ops.length;
    target.position = target.applied;
    target.dirty.clear();
  };
  let sinceFlush = 0;
  for await (const page of pages(from)) {
    options.signal?.throwIfAborted();
    if (page.length === 0) continue;
    sinceFlush += page.length;
    for (const target of fed) {
      const events = page[0]!.position > target.applied ? page : page.filter((e) => e.position > target.applied);
      if (events.length === 0) continue;
      await timed(target, async () => {
        const consumed = consumedBy(target.projection, events);
        // Views not written yet stay in memory: past the bound, write them all first.
        if (target.dirty.size + consumed.touched.size > maxCached) await flush(target);
        await load(store, target, consumed.touched);
        const result = { changed: target.dirty, applied: 0, skipped: 0 };
        for (let i = 0; i < consumed.events.length; i++)
          applyEvent(target.projection, target.views, consumed.events[i]!, consumed.ids[i]!, result);
        target.applied = Math.max(target.applied, events.at(-1)!.position);
        if (sinceFlush >= flushEvery) await flush(target);
        evict(target, maxCached);
      });
    }
    if (sinceFlush >= flushEvery) sinceFlush = 0;
    progress.events += page.length;
    progress.batches += 1;
    progress.position = page.at(-1)!.position;
    progress.ms = performance.now() - started;
    options.onBatch?.(progress);
  }
  for (const target of fed) await timed(target, () => flush(target));
  progress.ms = performance.now() - started;
  return progress;
}

/** The events of a page that the projection consumes, the ids each touches, and all of those ids (computed once). */
function consumedBy(projection: Projection<Document, any>, page: readonly RecordedEvent[]) {
  const events: RecordedEvent[] = [];
  const ids: (readonly string[])[] = [];
  const touched = new Set<string>();
  for (const event of page) {
    if (!consumes(projection, event)) continue;
    const of = projection.idsFor(event);
    events.push(event);
    ids.push(of);
    for (const id of of) touched.add(id);
  }
  return { events, ids, touched };
}

/** Drops the least recently touched views that are written already, down to `max` (unwritten ones stay). */
function evict(target: Fed, max: number): void {
  for (const id of target.views.keys()) {
    if (target.views.size <= max) return;
    if (!target.dirty.has(id)) target.views.delete(id);
  }
}

/** Marks `id` as the most recently touched (a Map iterates in insertion order). */
function touch<V>(views: Map<string, V>, id: string): void {
  const view = views.get(id);
  if (view === undefined) return;
  views.delete(id);
  views.set(id, view);
}

/** Brings the views among `ids` that are not in memory yet from the store (null for those that do not exist). */
async function load(store: DocumentStore, target: Fed, ids: ReadonlySet<string>): Promise<void> {
  const missing: string[] = [];
  for (const id of ids) {
    if (target.views.has(id)) touch(target.views, id);
    else missing.push(id);
  }
  if (missing.length === 0) return;
  const found = await store.getMany<StoredView<Document>>(
    { name: target.projection.collection.name, version: target.version },
    missing,
  );
  for (const id of missing) target.views.set(id, found.get(id) ?? null);
}
