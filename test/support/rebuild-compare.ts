import { expect } from '@jest/globals';
import type { EventStore } from '@kenpo/event-store';
import { compareVersions, type DocumentStore, PROJECTIONS, projectionPosition, replayInto } from '@kenpo/read-models';

/** Where each member projection's live version stands (-1 before its first checkpoint). */
export async function projectionPositions(documents: DocumentStore): Promise<number[]> {
  const result: number[] = [];
  for (const p of PROJECTIONS) result.push((await projectionPosition(documents, p).catch(() => null)) ?? -1);
  return result;
}

/**
 * Replays the whole log into a fresh version of every member projection and expects it to equal the live one
 * (the views a crashed and restarted projector left must be those a rebuild gives). Returns the documents compared.
 */
export async function expectViewsEqualToRebuild(events: EventStore, documents: DocumentStore): Promise<number[]> {
  const head = await events.headPosition();
  const compared: number[] = [];
  for (const projection of PROJECTIONS) {
    const name = projection.collection.name;
    const live = (await documents.activeVersion(name))!;
    const fresh = await documents.createVersion(name);
    const replayed = await replayInto(documents, projection, (after) => events.readAllPages({ after }), {
      version: fresh,
    });
    expect(replayed.position).toBe(head);
    const comparison = await compareVersions(documents, name, fresh, live);
    expect({ name, ...comparison }).toMatchObject({ name, equal: true, differences: [] });
    compared.push(comparison.compared);
    await documents.dropVersion(name, fresh);
  }
  return compared;
}
