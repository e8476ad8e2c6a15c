import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainError, eventIdFor, type EventToAppend, newId } from '@kenpo/kernel';
import { SqliteEventStore } from '@kenpo/event-store';
import { memberDecider, type MemberCommand, type MemberState } from '@kenpo/membership';
import { dependantData, enrollData } from '../../../../libs/membership/src/testing.js';
import { memberKnownAt } from './member-as-of.js';
import { MemberSnapshots } from './member-snapshots.js';

const ACTOR = { id: 'as-of-test', role: 'clerk' as const };
const month = (i: number) => `${2025 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`;

/**
 * One long member stream decided by the real decider (job changes, a cancelled one, renames, moves, an account,
 * a dependant, remuneration revisions, a loss and voluntary continuation), appended with recording times that
 * mostly move forward but sometimes step back (another process's clock) or repeat (one command's events).
 */
async function writeLongMember(store: SqliteEventStore): Promise<{ memberId: string; recordedAt: number[] }> {
  const memberId = newId();
  let state: MemberState = memberDecider.initialState();
  const pending: EventToAppend[] = [];
  let clock = Date.parse('2025-04-01T00:00:00Z');
  const recordedAt: number[] = [];
  const record = async (type: MemberCommand['type'], data: unknown, i: number) => {
    clock += 60_000;
    const at = i % 37 === 36 ? clock - 5 * 60_000 : clock; // a recording from a clock five minutes behind
    const commandId = newId(at);
    const now = new Date(at).toISOString();
    let events;
    try {
      events = memberDecider.decide(
        { type, data, metadata: { commandId, correlationId: commandId, actor: ACTOR, now } } as MemberCommand,
        state,
      );
    } catch (error) {
      if (error instanceof DomainError) return;
      throw error;
    }
    if (events.length === 0) return;
    for (const e of events) state = memberDecider.evolve(state, e);
    // Appended at the end in one transaction (one sync): the recording time is each event's own metadata.
    pending.push(
      ...events.map((e, n) => ({
        type: e.type,
        data: e.data as Record<string, unknown>,
        metadata: {
          eventId: eventIdFor(commandId, n),
          commandId,
          correlationId: commandId,
          causationId: commandId,
          actor: ACTOR,
          recordedAt: now,
          schemaVersion: 1,
        },
      })),
    );
    for (const _ of events) recordedAt.push(at);
  };
  await record('EnrollMember', enrollData({ memberId, acquisitionDate: '2025-04-01' }), 0);
  for (let i = 1; i < 180; i++) {
    const date = `${month(i)}-10`;
    if (i === 3)
      await record('RecognizeDependant', dependantData({ dependantId: newId(), recognizedFrom: '2025-04-01' }), i);
    else if (i % 25 === 0)
      await record(
        'ChangeJob',
        {
          withinSociety: true,
          officeCode: `OF-${i}`,
          symbol: String(2000 + i),
          number: String(i),
          effectiveDate: date,
        },
        i,
      );
    else if (i === 51) await record('CancelRecord', { target: 'job-change', reason: 'recorded twice' }, i);
    else if (i % 30 === 0)
      await record(
        'ChangeName',
        { personId: 'insured', name: `試験 ${i}`, nameKana: 'シケン タロウ', effectiveDate: date },
        i,
      );
    else if (i % 40 === 0)
      await record('ChangeAddress', { postalCode: '100-0002', address: `東京都 ${i}`, effectiveDate: date }, i);
    else if (i === 60)
      await record(
        'RegisterPublicFundsAccount',
        {
          bankCode: '0001',
          branchCode: '001',
          accountType: 'ordinary',
          accountNumber: '1234567',
          holderName: 'シケン タロウ',
        },
        i,
      );
    else if (i === 170) await record('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: date }, i);
    else if (i === 172) await record('StartVoluntaryContinuation', { applicationDate: date }, i);
    else
      await record(
        'ReviseStandardRemuneration',
        {
          effectiveFrom: month(i),
          kind: 'occasional',
          remuneration: { monthlyRemuneration: 200_000 + (i % 30) * 10_000 },
        },
        i,
      );
  }
  await store.append(`member-${memberId}`, pending, 'no_stream');
  return { memberId, recordedAt };
}

/** A deterministic shuffle, so the snapshots are made at one point of the questions and used at others. */
function shuffled<T>(values: readonly T[]): T[] {
  const out = [...values];
  let seed = 16_3;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('as-of answers with and without snapshots (issue 16.3)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let member: { memberId: string; recordedAt: number[] };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kenpo-as-of-'));
    store = SqliteEventStore.open(join(dir, 'events.db'), { watchWal: false });
    member = await writeLongMember(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are the same at every recording time (some a millisecond either side), before the first and after the last', async () => {
    const { memberId, recordedAt } = member;
    const events = await store.readStream(`member-${memberId}`);
    expect(events.length).toBeGreaterThan(170);
    expect(new Set(events.map((e) => e.type)).size).toBeGreaterThanOrEqual(9);
    // The stream really has recordings out of order, so "known at T" is a prefix that stops early.
    expect(recordedAt.some((t, i) => i > 0 && t < recordedAt[i - 1]!)).toBe(true);

    const instants = shuffled([
      ...new Set(recordedAt.flatMap((t, i) => (i % 4 === 0 ? [t - 1, t, t + 1] : [t]))),
      recordedAt[0]! - 86_400_000,
      Math.max(...recordedAt) + 86_400_000,
    ]);
    const snapshots = new MemberSnapshots(8);
    let readWith = 0;
    let readWithout = 0;
    const counting = (count: (n: number) => void) =>
      new Proxy(store, {
        get: (target, key) =>
          key === 'readStreamOrEmpty'
            ? async (...args: Parameters<SqliteEventStore['readStreamOrEmpty']>) => {
                const read = await target.readStreamOrEmpty(...args);
                count(read.length);
                return read;
              }
            : Reflect.get(target, key),
      });
    const withSnapshots = counting((n) => (readWith += n));
    const without = counting((n) => (readWithout += n));
    for (const t of instants) {
      const at = new Date(t);
      const expected = await memberKnownAt(without, memberId, at);
      expect(await memberKnownAt(withSnapshots, memberId, at, snapshots)).toEqual(expected);
      // Asked twice: the second answer may start from a snapshot the first one left.
      expect(await memberKnownAt(withSnapshots, memberId, at, snapshots)).toEqual(expected);
    }
    // The snapshots were used: far fewer events read than folding from the first event every time.
    expect(readWith).toBeLessThan(readWithout / 4);
  });

  it('a member that does not exist is null with snapshots too', async () => {
    expect(await memberKnownAt(store, newId(), new Date(), new MemberSnapshots(8))).toBeNull();
  });
});
