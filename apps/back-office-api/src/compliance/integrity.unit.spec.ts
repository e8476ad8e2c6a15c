import { describe, expect, it } from '@jest/globals';
import { chainMetadata, GENESIS_HASH } from '@kenpo/event-store';
import type { EventMetadata, RecordedEvent } from '@kenpo/kernel';
import { chainBreakOf } from './integrity.js';

const metadata: EventMetadata = {
  eventId: 'e',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
  actor: { id: 'a', role: 'clerk' },
  recordedAt: '2025-04-01T00:00:00.000Z',
  schemaVersion: 1,
};

function chain(count: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previous = GENESIS_HASH;
  for (let revision = 0; revision < count; revision++) {
    const data = { n: revision };
    const m = chainMetadata('s-1', revision, 'Happened', data, { ...metadata, eventId: `e${revision}` }, previous);
    events.push({ streamId: 's-1', revision, position: 10 + revision, type: 'Happened', data, metadata: m });
    previous = m.hash!;
  }
  return events;
}

const cursorAfter = (event: RecordedEvent) => ({
  nextRevision: event.revision + 1,
  lastHash: event.metadata.hash!,
  broken: false,
});

describe('chainBreakOf: one event against what is known of its stream', () => {
  const [first, second, third] = chain(3) as [RecordedEvent, RecordedEvent, RecordedEvent];

  it('an intact chain continues', () => {
    expect(chainBreakOf(first, undefined)).toBeNull();
    expect(chainBreakOf(second, cursorAfter(first))).toBeNull();
  });

  it('names each kind of break', () => {
    expect(chainBreakOf({ ...second, data: { n: 99 } }, cursorAfter(first))).toBe('hash_mismatch');
    expect(chainBreakOf(third, cursorAfter(first))).toBe('revision_gap');
    expect(chainBreakOf(second, { ...cursorAfter(first), lastHash: 'other' })).toBe('previous_hash_mismatch');
    const { hash: _hash, ...unhashed } = second.metadata;
    expect(chainBreakOf({ ...second, metadata: unhashed as EventMetadata }, cursorAfter(first))).toBe('missing_hash');
    expect(chainBreakOf(second, undefined)).toBe('revision_gap');
  });
});
