import type { Document, DocumentStore } from './document-store.js';
import { applyBatch, checkpointName, type Projection } from './projection.js';
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
}

export interface ReplayAllOptions {
  onBatch?: (progress: ReplayAllProgress) => void;
  signal?: AbortSignal;
}

/**
 * `replayInto` for several projections from ONE read of the log: each page is read and parsed once, then applied to
 * every target in turn (one bulk write per target per page, its checkpoint in the same write). Reading starts at the
 * lowest checkpoint; a target already past part of a page gets only the events after its own checkpoint, so targets
 * at different positions (e.g. one resumed, one fresh) each see every event exactly once. Resumable like replayInto.
 */
export async function replayAllInto(
  store: DocumentStore,
  targets: readonly ReplayTarget[],
  pages: EventPages,
  options: ReplayAllOptions = {},
): Promise<ReplayAllProgress> {
  const started = performance.now();
  const fed = await Promise.all(
    targets.map(async (t) => {
      const checkpoint = t.checkpoint ?? checkpointName(t.projection.name, t.version);
      return { ...t, checkpoint, position: (await store.getCheckpoint(checkpoint)) ?? -1 };
    }),
  );
  const from = fed.reduce((lowest, t) => Math.min(lowest, t.position), Number.POSITIVE_INFINITY);
  const progress: ReplayAllProgress = {
    events: 0,
    batches: 0,
    position: Number.isFinite(from) && from >= 0 ? from : null,
    ms: 0,
    applyMs: Object.fromEntries(fed.map((t) => [t.projection.name, 0])),
  };
  if (fed.length === 0) return progress;
  for await (const page of pages(from)) {
    options.signal?.throwIfAborted();
    if (page.length === 0) continue;
    for (const target of fed) {
      const events = page[0]!.position > target.position ? page : page.filter((e) => e.position > target.position);
      if (events.length === 0) continue;
      const t = performance.now();
      const result = await applyBatch(store, target.projection, events, {
        target: { name: target.projection.collection.name, version: target.version },
        checkpoint: target.checkpoint,
      });
      progress.applyMs[target.projection.name]! += performance.now() - t;
      target.position = result.checkpoint ?? target.position;
    }
    progress.events += page.length;
    progress.batches += 1;
    progress.position = page.at(-1)!.position;
    progress.ms = performance.now() - started;
    options.onBatch?.(progress);
  }
  progress.ms = performance.now() - started;
  return progress;
}
