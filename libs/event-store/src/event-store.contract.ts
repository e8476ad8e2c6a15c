import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { newId, type RecordedEvent } from '@kenpo/kernel';
import { GENESIS_HASH, hashEvent, verifyStreamChain } from './event-hash.js';
import {
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
} from './event-store.js';
import {
  anEvent,
  freshStream,
  isStrictlyIncreasing,
  ownEventsAfter,
  positions,
  someEvents,
  typeNames,
  type EventStoreFixture,
} from './event-store.contract-helpers.js';
import { describeSubscriptionContract } from './event-store-subscription.contract.js';

export type { EventStoreFixture } from './event-store.contract-helpers.js';

/** The one behaviour every EventStore adapter must show (conventions.md, Shape 10). */
export function describeEventStoreContract(
  name: string,
  setup: () => Promise<EventStoreFixture>,
  enabled = true,
): void {
  (enabled ? describe : describe.skip)(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    beforeEach(async () => {
      fixture = await setup();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture?.teardown();
    });

    const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    it('appends and reads back a stream with contiguous revisions, increasing positions and the metadata given', async () => {
      const stream = freshStream();
      const events = someEvents(3);
      const result = await store.append(stream, events, 'no_stream');
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(read.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      expect(read.every((e) => e.streamId === stream && e.type === 'ThingHappened')).toBe(true);
      read.forEach((e, i) => expect(e.metadata).toMatchObject(events[i]!.metadata));
      expect(isStrictlyIncreasing(positions(read))).toBe(true);
      expect(result).toEqual({ nextExpectedRevision: 2, position: read[2]!.position });
    });

    it('honours each kind of expected revision', async () => {
      const stream = freshStream();
      const expectWrong = async (expected: ExpectedRevision, actual: number | 'no_stream'): Promise<void> => {
        const error = await rejection(store.append(stream, [anEvent()], expected));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected, actual });
      };
      await expectWrong('stream_exists', 'no_stream');
      await expectWrong(0, 'no_stream');
      expect(await store.append(stream, [anEvent()], 'no_stream')).toMatchObject({ nextExpectedRevision: 0 });
      await expectWrong('no_stream', 0);
      await expectWrong(1, 0);
      expect(await store.append(stream, [anEvent()], 0)).toMatchObject({ nextExpectedRevision: 1 });
      await expectWrong(0, 1);
      expect(await store.append(stream, [anEvent()], 'stream_exists')).toMatchObject({ nextExpectedRevision: 2 });
      expect(await store.append(stream, [anEvent()], 'any')).toMatchObject({ nextExpectedRevision: 3 });
      const other = freshStream();
      expect(await store.append(other, [anEvent()], 'any')).toMatchObject({ nextExpectedRevision: 0 });
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });

    it('lets exactly one of two concurrent writers at the same expected revision win', async () => {
      const writers: EventStore[] = [store, store];
      if (fixture.openAnother) writers[1] = await fixture.openAnother();
      try {
        for (const expected of ['no_stream', 0] as const) {
          const stream = freshStream();
          if (expected === 0) await store.append(stream, [anEvent()], 'no_stream');
          const outcomes = await Promise.allSettled(writers.map((w) => w.append(stream, [anEvent('Raced')], expected)));
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0]).toBeInstanceOf(WrongExpectedRevisionError);
          expect((await store.readStream(stream)).filter((e) => e.type === 'Raced')).toHaveLength(1);
        }
      } finally {
        if (writers[1] !== store) await writers[1]!.close();
      }
    });

    it('gives each of many concurrent appends its own outcome: a conflict or a broken batch fails only itself', async () => {
      const contested = freshStream();
      await store.append(contested, [anEvent()], 'no_stream');
      const own = Array.from({ length: 6 }, () => freshStream());
      const duplicated = anEvent('Duplicated');
      const outcomes = await Promise.allSettled([
        ...own.map((stream) => store.append(stream, someEvents(2), 'no_stream')),
        store.append(contested, [anEvent('Stale')], 'no_stream'), // stale: the stream exists
        store.append(contested, [anEvent('Current')], 0),
        store.appendMany([
          { streamId: freshStream(), events: [anEvent('HalfOfBrokenBatch')], expectedRevision: 'no_stream' },
          { streamId: contested, events: [duplicated], expectedRevision: 5 }, // wrong: rolls the whole batch back
        ]),
        store.appendMany([
          { streamId: own[0]!, events: [anEvent('AfterOwn')], expectedRevision: 'any' },
          { streamId: freshStream(), events: [anEvent('WholeBatch')], expectedRevision: 'no_stream' },
        ]),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual([
        ...own.map(() => 'fulfilled'),
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect((outcomes[6] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((outcomes[8] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      for (const stream of own.slice(1))
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
      expect((await store.readStream(own[0]!)).map((e) => e.type)).toEqual([
        'ThingHappened',
        'ThingHappened',
        'AfterOwn',
      ]);
      expect((await store.readStream(contested)).map((e) => e.type)).toEqual(['ThingHappened', 'Current']);
      const all = await store.readAll({ after: (await store.readStream(own[0]!))[0]!.position - 1 });
      expect(all.some((e) => e.type === 'HalfOfBrokenBatch' || e.type === 'Duplicated' || e.type === 'Stale')).toBe(
        false,
      );
      expect(all.filter((e) => e.type === 'WholeBatch')).toHaveLength(1);
    });

    it('answers a retried append of the same event ids with the first result, without storing them twice', async () => {
      const stream = freshStream();
      await store.append(stream, [anEvent()], 'no_stream');
      const batch = someEvents(3);
      const first = await store.append(stream, batch, 0);
      expect(await store.append(stream, batch, 0)).toEqual(first);
      await store.append(stream, [anEvent()], 3);
      expect(await store.append(stream, batch, 0)).toEqual(first); // even after the stream moved on
      const read = await store.readStream(stream);
      expect(read).toHaveLength(5);
      // Not a retry: other ids at a stale revision, or the same first id followed by different ones.
      expect(await rejection(store.append(stream, someEvents(1), 0))).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await rejection(store.append(stream, [batch[0]!, anEvent()], 0))).toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      const fresh = freshStream();
      const created = await store.append(
        fresh,
        batch.map((e) => anEvent(e.type, e.data)),
        'no_stream',
      );
      const again = someEvents(2);
      const appended = await store.append(fresh, again, 'any');
      expect(await store.append(fresh, again, 'any')).toEqual(appended);
      expect(appended.nextExpectedRevision).toBe(created.nextExpectedRevision + 2);
      expect(await store.readStream(fresh)).toHaveLength(5);
    });

    it('reads a stream forwards or backwards, from a revision, at most maxCount events', async () => {
      const stream = freshStream();
      await store.append(stream, someEvents(10), 'no_stream');
      const revisions = async (options: Parameters<EventStore['readStream']>[1]): Promise<number[]> =>
        (await store.readStream(stream, options)).map((e) => e.revision);
      expect(await revisions({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(await revisions({ fromRevision: 3, maxCount: 4 })).toEqual([3, 4, 5, 6]);
      expect(await revisions({ direction: 'backwards', fromRevision: 5, maxCount: 3 })).toEqual([5, 4, 3]);
      expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([9]);
      expect(await revisions({ fromRevision: 8 })).toEqual([8, 9]);
      expect(await revisions({ fromRevision: 10 })).toEqual([]);
    });

    it('throws StreamNotFoundError for a stream without events', async () => {
      const stream = freshStream();
      const error = await rejection(store.readStream(stream));
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ streamId: stream });
    });

    it('keeps one global order across streams, readable in pages, with the head at the last event', async () => {
      const prefix = freshStream('order');
      const start = await store.headPosition();
      for (const [suffix, count] of [
        ['a', 2],
        ['b', 1],
        ['a', 1],
        ['c', 3],
        ['b', 2],
      ] as const) {
        await store.append(`${prefix}-${suffix}`, someEvents(count, `In${suffix}`), 'any');
      }
      const own = await ownEventsAfter(store, start, prefix);
      expect(own.map((e) => e.type)).toEqual(['Ina', 'Ina', 'Inb', 'Ina', 'Inc', 'Inc', 'Inc', 'Inb', 'Inb']);
      expect(isStrictlyIncreasing(positions(own))).toBe(true);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(own.at(-1)!.position);
      const window = await store.readAll({ after: own[2]!.position, maxCount: 3 });
      expect(window.every((e) => e.position > own[2]!.position)).toBe(true);
      expect(window).toHaveLength(3);
      for await (const page of store.readAllPages({ after: start, pageSize: 4 }))
        expect(page.length).toBeLessThanOrEqual(4);
    });

    it('tells the events an append recorded as a read returns them (recordedBy), and no events for a missing stream', async () => {
      const stream = freshStream();
      await store.append(stream, someEvents(2), 'no_stream');
      await store.append(freshStream(), someEvents(1), 'no_stream');
      const events = someEvents(3, 'Recorded');
      const result = await store.append(stream, events, 1);
      const told = await store.recordedBy(stream, events, result);
      const read = await store.readStream(stream, { fromRevision: 2 });
      expect(told).toEqual(read);
      expect(told.at(-1)!.position).toBe(result.position);
      expect(await store.readStreamOrEmpty(stream)).toEqual(await store.readStream(stream));
      expect(await store.readStreamOrEmpty(freshStream())).toEqual([]);
    });

    it('reads every event of the types asked for, and its pages end at the head whatever the type there', async () => {
      const start = await store.headPosition();
      const prefix = freshStream('typed');
      const [wanted, other] = typeNames(prefix);
      for (const [suffix, type] of [
        ['a', wanted],
        ['b', other],
        ['a', other],
        ['c', wanted],
        ['b', wanted],
        ['c', other],
        ['a', other],
      ] as const)
        await store.append(`${prefix}-${suffix}`, someEvents(1, type), 'any');
      const own = await ownEventsAfter(store, start, prefix);
      const read: RecordedEvent[] = [];
      for await (const page of store.readAllPages({ after: start, pageSize: 2, types: [wanted!] })) read.push(...page);
      const ofType = (events: RecordedEvent[]) => positions(events.filter((e) => e.type === wanted));
      expect(ofType(read)).toEqual(ofType(own));
      expect(ofType(own)).toHaveLength(3);
      expect(isStrictlyIncreasing(positions(read))).toBe(true);
      expect(read.at(-1)!.position).toBe(await store.headPosition());
      expect(read.at(-1)!.type).toBe(other);
    });

    it("finds the events whose data names a member, in log order, in any stream (and no other member's)", async () => {
      const member = newId();
      const other = newId();
      const claim = freshStream('claim');
      await store.append(claim, [anEvent('Submitted', { memberId: member })], 'no_stream');
      await store.append(freshStream('registry'), [anEvent('Allocated', { memberId: other })], 'no_stream');
      await store.append(claim, [anEvent('Withdrawn', { reason: 'names nobody' })], 0);
      await store.append(freshStream('registry'), [anEvent('Claimed', { memberId: member, n: 1 })], 'no_stream');
      // Only a string equal to the id names the member (not a number, not a nested field).
      await store.append(freshStream('other'), [anEvent('Nested', { payout: { memberId: member } })], 'no_stream');
      const found = await store.readNamingMember(member);
      expect(found.map((e) => e.type)).toEqual(['Submitted', 'Claimed']);
      expect(isStrictlyIncreasing(positions(found))).toBe(true);
      expect(await store.readNamingMember(newId())).toEqual([]);
    });

    it('round-trips Japanese text (漢字・カナ・ｶﾅ) in data and metadata unchanged', async () => {
      const stream = freshStream();
      const data = {
        name: '髙橋 𠮷子',
        kana: 'タカハシ ヨシコ',
        halfWidth: 'ﾀｶﾊｼ ﾖｼｺ',
        address: '東京都千代田区丸の内１－１－１',
        note: '①〜③、ヴ',
      };
      const event = anEvent('被保険者資格取得', data, { reason: '資格取得届（ｼｶｸｼｭﾄｸ）' });
      const start = await store.headPosition();
      await store.append(stream, [event], 'no_stream');
      const [read] = await store.readStream(stream);
      expect(read!.type).toBe('被保険者資格取得');
      expect(read!.data).toEqual(data);
      expect(read!.metadata.reason).toBe('資格取得届（ｼｶｸｼｭﾄｸ）');
      const [fromLog] = await ownEventsAfter(store, start, stream);
      expect(fromLog?.data).toEqual(data);
      expect(verifyStreamChain([read!])).toBeNull();
    });

    it('appends and reads back a 10,000-event stream in batches', async () => {
      const stream = freshStream('big');
      let expected: ExpectedRevision = 'no_stream';
      for (let batch = 0; batch < 20; batch++) {
        const events = Array.from({ length: 500 }, (_, i) => anEvent('Counted', { n: batch * 500 + i }));
        expected = (await store.append(stream, events, expected)).nextExpectedRevision;
      }
      const read = await store.readStream(stream);
      expect(read).toHaveLength(10_000);
      expect(read.every((e, i) => e.revision === i && e.data['n'] === i)).toBe(true);
      expect(verifyStreamChain(read)).toBeNull();
    }, 120_000);

    it('chains each event to the previous one of its stream by hash, and verification finds a modified event', async () => {
      const stream = freshStream();
      await store.append(stream, someEvents(3), 'no_stream');
      await store.append(stream, someEvents(2), 2);
      const read = await store.readStream(stream);
      expect(read[0]!.metadata.previousHash).toBe(GENESIS_HASH);
      read.slice(1).forEach((e, i) => expect(e.metadata.previousHash).toBe(read[i]!.metadata.hash));
      expect(read.every((e) => /^[0-9a-f]{64}$/.test(e.metadata.hash ?? ''))).toBe(true);
      expect(verifyStreamChain(read)).toBeNull();

      const edited = read.map((e): RecordedEvent => (e.revision === 2 ? { ...e, data: { n: 99 } } : e));
      expect(verifyStreamChain(edited)).toEqual({ revision: 2, position: read[2]!.position, reason: 'hash_mismatch' });
      const forged = edited.map((e): RecordedEvent =>
        e.revision === 2 ? { ...e, metadata: { ...e.metadata, hash: hashEvent(e) } } : e,
      );
      expect(verifyStreamChain(forged)).toEqual({
        revision: 3,
        position: read[3]!.position,
        reason: 'previous_hash_mismatch',
      });
      expect(verifyStreamChain(read.filter((e) => e.revision !== 1))).toMatchObject({
        revision: 2,
        reason: 'revision_gap',
      });
    });

    it('gives a retried append the very same hashes', async () => {
      const stream = freshStream();
      const batch = someEvents(2);
      await store.append(stream, batch, 'no_stream');
      const before = (await store.readStream(stream)).map((e) => e.metadata.hash);
      await store.append(stream, batch, 'no_stream');
      expect((await store.readStream(stream)).map((e) => e.metadata.hash)).toEqual(before);
    });

    describeSubscriptionContract(() => store);
  });
}
