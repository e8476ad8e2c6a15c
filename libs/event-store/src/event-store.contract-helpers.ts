import { newId, type EventMetadata, type EventToAppend, type RecordedEvent } from '@kenpo/kernel';
import type { EventStore } from './event-store.js';

/** What an adapter's spec hands to the contract suite for each test. */
export interface EventStoreFixture {
  store: EventStore;
  /** An independent connection to the same log (for SQLite: a second handle on the same file), if the adapter has one. */
  openAnother?: () => Promise<EventStore>;
  teardown(): Promise<void>;
}

/** Fresh names per test: a real EventStoreDB keeps every earlier run's data. */
export function freshStream(category = 'contract'): string {
  return `${category}-${newId()}`;
}

export function anEvent(
  type = 'ThingHappened',
  data: Record<string, unknown> = {},
  extra: Partial<EventMetadata> = {},
): EventToAppend {
  const commandId = newId();
  return {
    type,
    data,
    metadata: {
      eventId: newId(),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: 'contract-tester', role: 'clerk' },
      recordedAt: new Date().toISOString(),
      schemaVersion: 1,
      ...extra,
    },
  };
}

/** Two event types of this test's own (a real server's log is shared by every test), wanted and other. */
export function typeNames(prefix: string): [wanted: string, other: string] {
  const name = (kind: string) => `${kind}${prefix}`.replace(/[^A-Za-z0-9]/g, '');
  return [name('Wanted'), name('Other')];
}

export function someEvents(count: number, type = 'ThingHappened'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => anEvent(type, { n: i }));
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function positions(events: readonly RecordedEvent[]): number[] {
  return events.map((e) => e.position);
}

export function isStrictlyIncreasing(values: readonly number[]): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]!);
}

/** Everything in the global log after `after` that belongs to streams starting with `prefix`, read in pages. */
export async function ownEventsAfter(store: EventStore, after: number, prefix: string): Promise<RecordedEvent[]> {
  const own: RecordedEvent[] = [];
  for await (const page of store.readAllPages({ after, pageSize: 250 }))
    own.push(...page.filter((e) => e.streamId.startsWith(prefix)));
  return own;
}
