import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@kenpo/kernel';
import type { EventStore } from './event-store.js';
import {
  freshStream,
  isStrictlyIncreasing,
  ownEventsAfter,
  positions,
  someEvents,
  typeNames,
  waitFor,
} from './event-store.contract-helpers.js';

/** Part of describeEventStoreContract: catch-up, live, restart from a checkpoint, back-pressure, close. */
export function describeSubscriptionContract(getStore: () => EventStore): void {
  describe('subscription', () => {
    it('catches up, goes live, and resumes from a stored position with no gap and no duplicate', async () => {
      const store = getStore();
      const prefix = freshStream('sub');
      const start = await store.headPosition();
      await store.append(`${prefix}-a`, someEvents(3), 'no_stream');
      await store.append(`${prefix}-b`, someEvents(2), 'no_stream');

      const first: RecordedEvent[] = [];
      let live = false;
      const subscription = store.subscribe(
        (e) => {
          if (e.streamId.startsWith(prefix)) first.push(e);
        },
        {
          after: start,
          onLive: () => {
            live = true;
          },
        },
      );
      await waitFor(() => first.length === 5 && live, 10_000, 'catch-up');
      await store.append(`${prefix}-a`, someEvents(2), 2);
      await store.append(`${prefix}-c`, someEvents(1), 'no_stream');
      await waitFor(() => first.length === 8, 10_000, 'live events');
      await subscription.close();

      await store.append(`${prefix}-b`, someEvents(2), 1); // written while nobody listens
      const checkpoint = first[5]!.position; // as if the consumer had stored the 6th event's position
      const resumed: RecordedEvent[] = [];
      const again = store.subscribe(
        (e) => {
          if (e.streamId.startsWith(prefix)) resumed.push(e);
        },
        { after: checkpoint },
      );
      await waitFor(() => resumed.length === 4, 10_000, 'resumed events');
      await store.append(`${prefix}-c`, someEvents(1), 0);
      await waitFor(() => resumed.length === 5, 10_000, 'live after resume');
      await again.close();

      const all = await ownEventsAfter(store, start, prefix);
      expect(all).toHaveLength(11);
      expect(first.length).toBe(8); // nothing delivered after close()
      expect(isStrictlyIncreasing(positions(first))).toBe(true);
      expect(isStrictlyIncreasing(positions(resumed))).toBe(true);
      expect(positions(first)).toEqual(positions(all.slice(0, 8)));
      expect(positions(resumed)).toEqual(positions(all.slice(6)));
      expect(resumed.map((e) => e.metadata.eventId)).toEqual(all.slice(6).map((e) => e.metadata.eventId));
    });

    it('given types, delivers every event of them and still reaches the head (a checkpoint can follow it)', async () => {
      const store = getStore();
      const prefix = freshStream('typed-sub');
      const [wanted, other] = typeNames(prefix);
      const start = await store.headPosition();
      await store.append(`${prefix}-a`, [...someEvents(1, wanted), ...someEvents(2, other)], 'no_stream');
      const delivered: RecordedEvent[] = [];
      const subscription = store.subscribe((e) => void delivered.push(e), { after: start, types: [wanted!] });
      const reached = async (position: number) =>
        waitFor(() => delivered.at(-1)?.position === position, 10_000, `position ${position}`);
      await reached(await store.headPosition());
      await store.append(`${prefix}-b`, someEvents(1, other), 'no_stream');
      await reached(await store.headPosition());
      await store.append(`${prefix}-a`, [...someEvents(1, other), ...someEvents(1, wanted)], 2);
      await reached(await store.headPosition());
      await subscription.close();
      const own = await ownEventsAfter(store, start, prefix);
      const ofType = (events: RecordedEvent[]) => positions(events.filter((e) => e.type === wanted));
      expect(ofType(delivered)).toEqual(ofType(own));
      expect(ofType(own)).toHaveLength(2);
      expect(isStrictlyIncreasing(positions(delivered))).toBe(true);
    });

    it('awaits the handler before delivering the next event (back-pressure)', async () => {
      const store = getStore();
      const prefix = freshStream('slow');
      const start = await store.headPosition();
      await store.append(`${prefix}-a`, someEvents(5), 'no_stream');
      let inFlight = 0;
      let maxInFlight = 0;
      const seen: number[] = [];
      const subscription = store.subscribe(
        async (e) => {
          if (!e.streamId.startsWith(prefix)) return;
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, 10));
          seen.push(e.revision);
          inFlight--;
        },
        { after: start },
      );
      await waitFor(() => seen.length === 5, 10_000, 'slow handler');
      await subscription.close();
      expect(maxInFlight).toBe(1);
      expect(seen).toEqual([0, 1, 2, 3, 4]);
    });

    it('stops and reports when the handler fails, so the consumer can restart from its checkpoint', async () => {
      const store = getStore();
      const prefix = freshStream('fail');
      const start = await store.headPosition();
      await store.append(`${prefix}-a`, someEvents(3), 'no_stream');
      const handled: number[] = [];
      const errors: Error[] = [];
      const subscription = store.subscribe(
        (e) => {
          if (!e.streamId.startsWith(prefix)) return;
          if (e.revision === 1) throw new Error('projection failed');
          handled.push(e.revision);
        },
        { after: start, onError: (error) => errors.push(error) },
      );
      await waitFor(() => errors.length === 1, 10_000, 'handler error');
      await store.append(`${prefix}-a`, someEvents(1), 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await subscription.close();
      expect(handled).toEqual([0]);
      expect(errors[0]!.message).toBe('projection failed');
    });
  });
}
