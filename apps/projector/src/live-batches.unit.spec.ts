import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@kenpo/kernel';
import { LiveBatches } from './live-batches.js';

const event = (position: number): RecordedEvent => ({
  streamId: 'member-1',
  revision: position,
  position,
  type: 'Happened',
  data: {},
  metadata: {} as RecordedEvent['metadata'],
});
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('LiveBatches', () => {
  it('applies the events delivered in one turn as one batch, batches one after the other, in order', async () => {
    const applied: number[][] = [];
    let running = 0;
    const batches = new LiveBatches(
      async (events) => {
        expect(running++).toBe(0); // never two batches at once
        await nextTurn();
        applied.push(events.map((e) => e.position));
        running--;
      },
      100,
      (error) => {
        throw error;
      },
    );
    for (const p of [1, 2, 3]) await batches.push(event(p));
    await nextTurn(); // the first batch starts; these wait for it
    for (const p of [4, 5]) await batches.push(event(p));
    await batches.settled();
    expect(applied).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('makes the deliverer wait when a batch is full, and stops applying after a failure', async () => {
    const applied: number[][] = [];
    const errors: string[] = [];
    const batches = new LiveBatches(
      async (events) => {
        if (events[0]!.position === 3) throw new Error('view store down');
        applied.push(events.map((e) => e.position));
      },
      2,
      (error) => errors.push(error.message),
    );
    await batches.push(event(1));
    await batches.push(event(2)); // full: resolves only once [1, 2] is applied
    expect(applied).toEqual([[1, 2]]);
    await batches.push(event(3));
    await batches.settled();
    await batches.push(event(4));
    await batches.settled();
    expect(errors).toEqual(['view store down']);
    expect(applied).toEqual([[1, 2]]);
  });
});
