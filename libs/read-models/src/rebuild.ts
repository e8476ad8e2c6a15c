import type { RecordedEvent } from '@kenpo/kernel';
import type { Document, DocumentStore } from './document-store.js';
import type { Projection } from './projection.js';
import { replayAllInto } from './replay-all.js';

/** The global log from an exclusive position, page by page (e.g. `(after) => events.readAllPages({ after })`). */
export type EventPages = (after: number) => AsyncIterable<readonly RecordedEvent[]>;

export interface ReplayProgress {
  events: number;
  batches: number;
  position: number | null;
  ms: number;
}

export interface ReplayOptions {
  /** The collection version written; its checkpoint is `checkpointName(projection, version)` unless given. */
  version: number;
  checkpoint?: string;
  onBatch?: (progress: ReplayProgress) => void;
  signal?: AbortSignal;
}

/**
 * Feeds a projection's version from its checkpoint to the end of the log: `replayAllInto` with one target, so views
 * stay in memory between pages and are written once per flush, each write with the checkpoint. Resumable: a second
 * call continues where the first stopped. Used by rebuilds, by compliance to replay into a shadow version and
 * compare, and by the benchmark.
 */
export async function replayInto<V extends Document>(
  store: DocumentStore,
  projection: Projection<V, any>,
  pages: EventPages,
  options: ReplayOptions,
): Promise<ReplayProgress> {
  const { events, batches, position, ms } = await replayAllInto(
    store,
    [{ projection: projection as Projection<Document, any>, version: options.version, checkpoint: options.checkpoint }],
    pages,
    { onBatch: options.onBatch, signal: options.signal },
  );
  return { events, batches, position, ms };
}

export interface RebuildOptions {
  /** Catch-up passes before the switch; each pass reads from the new version's checkpoint to the end. Default 5. */
  maxPasses?: number;
  /** Stop passing once a pass replays fewer events than this (the live runner finishes the rest). Default 100. */
  settleBelow?: number;
  /** Time for readers and live runners to leave the old version before it is dropped. Default 1 s. */
  dropAfterMs?: number;
  keepOld?: boolean;
  onBatch?: (progress: ReplayProgress) => void;
  signal?: AbortSignal;
}

export interface RebuildResult {
  projection: string;
  version: number;
  previous: number | null;
  events: number;
  position: number | null;
  /** Until the switch (replay and catch-up passes): the throughput figure. */
  replayMs: number;
  /** Including the grace period before the old version is dropped. */
  ms: number;
  dropped: boolean;
}

/**
 * Blue/green rebuild (architecture.md 5): replay from the start into a new version while the old one keeps serving,
 * catch up, switch readers to it (the switch first builds its indexes, once, over the replayed views), then drop the
 * old one.
 *
 * The rebuild stops writing at the switch: from then on the live runner (in whatever process) sees the new active
 * version and continues from that version's own checkpoint, which replays whatever it had applied to the old
 * version meanwhile. A single writer per version means no lost update between two writers of one view.
 */
export async function rebuild<V extends Document>(
  store: DocumentStore,
  projection: Projection<V, any>,
  pages: EventPages,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = performance.now();
  const name = projection.collection.name;
  await store.declare(projection.collection);
  const previous = await store.activeVersion(name);
  const version = await store.createVersion(name);
  let events = 0;
  let position: number | null = null;
  const passes = options.maxPasses ?? 5;
  try {
    for (let pass = 0; pass < passes; pass++) {
      const replayed = await replayInto(store, projection, pages, {
        version,
        onBatch: options.onBatch,
        signal: options.signal,
      });
      events += replayed.events;
      position = replayed.position;
      if (pass > 0 && replayed.events < (options.settleBelow ?? 100)) break;
    }
  } catch (error) {
    // Nobody reads an inactive version: drop the half-built one rather than leave it behind.
    await store.dropVersion(name, version).catch(() => undefined);
    throw error;
  }
  await store.activate(name, version);
  const replayMs = performance.now() - started;
  let dropped = false;
  if (previous !== null && previous !== version && !options.keepOld) {
    await new Promise((resolve) => setTimeout(resolve, options.dropAfterMs ?? 1_000));
    await store.dropVersion(name, previous);
    dropped = true;
  }
  return {
    projection: projection.name,
    version,
    previous,
    events,
    position,
    replayMs,
    ms: performance.now() - started,
    dropped,
  };
}

export interface VersionDifference {
  id: string;
  kind: 'missing' | 'extra' | 'different';
}
export interface Comparison {
  equal: boolean;
  compared: number;
  differences: VersionDifference[];
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/**
 * Compares two versions of a collection document by document, in id order and constant memory ('missing': only in
 * `expected`; 'extra': only in `actual`). Lists at most `limit` differences.
 */
export async function compareVersions(
  store: DocumentStore,
  name: string,
  expected: number,
  actual: number,
  limit = 20,
): Promise<Comparison> {
  const left = store.iterate<Document>({ name, version: expected })[Symbol.asyncIterator]();
  const right = store.iterate<Document>({ name, version: actual })[Symbol.asyncIterator]();
  const differences: VersionDifference[] = [];
  let compared = 0;
  let a = await left.next();
  let b = await right.next();
  while (!a.done || !b.done) {
    compared++;
    if (b.done || (!a.done && a.value.id < b.value.id)) {
      differences.push({ id: a.value!.id, kind: 'missing' });
      a = await left.next();
    } else if (a.done || b.value.id < a.value.id) {
      differences.push({ id: b.value.id, kind: 'extra' });
      b = await right.next();
    } else {
      if (canonical(a.value) !== canonical(b.value)) differences.push({ id: a.value.id, kind: 'different' });
      a = await left.next();
      b = await right.next();
    }
    if (differences.length >= limit) break;
  }
  await Promise.all([left.return?.(), right.return?.()]);
  return { equal: differences.length === 0, compared, differences };
}
