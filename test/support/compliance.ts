import { type Actor, type EventMetadata, type EventToAppend, newId } from '@kenpo/kernel';

/** Metadata of an event appended directly to a store (as a test's stand-in for another context's writer). */
export function craftedMetadata(recordedAt: string, actor: Actor = { id: 'system-test', role: 'system' }): EventMetadata {
  const id = newId(Date.parse(recordedAt));
  return { eventId: id, commandId: id, correlationId: id, causationId: id, actor, recordedAt, schemaVersion: 1 };
}

export function crafted(type: string, data: Record<string, unknown>, recordedAt: string): EventToAppend {
  return { type, data, metadata: craftedMetadata(recordedAt) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
