import type { DocumentStore } from './document-store.js';
import { checkpointName, type Projection } from './projection.js';

/** The position the active version of a projection's collection has reached, or null before its first batch. */
export async function projectionPosition(
  store: DocumentStore,
  projection: Pick<Projection<any, any>, 'name' | 'collection'>,
): Promise<number | null> {
  const version = await store.activeVersion(projection.collection.name);
  return version === null ? null : store.getCheckpoint(checkpointName(projection.name, version));
}

export interface WaitResult {
  reached: boolean;
  position: number | null;
}

/**
 * Read-your-writes: waits until the projection has applied `minPosition` (a command's answer), polling the
 * checkpoint, for at most `timeoutMs`. Works whether the projector runs in this process or another.
 */
export async function waitForPosition(
  store: DocumentStore,
  projection: Pick<Projection<any, any>, 'name' | 'collection'>,
  minPosition: number,
  { timeoutMs = 2_000, signal }: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<WaitResult> {
  if (minPosition < 0) return { reached: true, position: await projectionPosition(store, projection) };
  const deadline = performance.now() + timeoutMs;
  let interval = 5;
  for (;;) {
    const position = await projectionPosition(store, projection);
    if (position !== null && position >= minPosition) return { reached: true, position };
    const left = deadline - performance.now();
    if (left <= 0 || signal?.aborted) return { reached: false, position };
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, left)));
    interval = Math.min(interval * 2, 50);
  }
}
