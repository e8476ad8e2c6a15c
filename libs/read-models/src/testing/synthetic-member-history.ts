import type { EventToAppend, RecordedEvent } from '@kenpo/kernel';
import { eventIdFor } from '@kenpo/kernel';
import { memberDecider, type MemberCommand, type MemberEvent, type MemberState } from '@kenpo/membership';

/*
 * Deterministic, domain-valid member histories made by the real decider, for the projector's crash test and the
 * rebuild benchmark: enrollments (half with a linked card), dependants, accounts, job changes, losses and voluntary
 * continuations, appended round-robin so that streams interleave in the log as they do in production.
 */

const BASE_MS = Date.UTC(2026, 0, 1);

/** A deterministic UUIDv7-shaped id (time-ordered by `n`). */
export function syntheticId(n: number, salt = 0): string {
  const hex =
    (BASE_MS + n).toString(16).padStart(12, '0') +
    '7' +
    (salt & 0xfff).toString(16).padStart(3, '0') +
    '8' +
    n.toString(16).padStart(15, '0').slice(-15);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const pad = (value: number, length: number) => String(value).padStart(length, '0');
const KANA = ['ヤマダ', 'サトウ', 'スズキ', 'タカハシ', 'タナカ', 'イトウ', 'ワタナベ', 'ナカムラ'];
const GIVEN = ['タロウ', 'ハナコ', 'イチロウ', 'ユウコ', 'ケンジ', 'アキラ'];

/** The commands of member number `i`, in order. */
function commandsFor(i: number): { memberId: string; commands: { type: MemberCommand['type']; data: unknown }[] } {
  const memberId = syntheticId(i, 1);
  const symbol = String(1000 + (i % 50));
  const acquisitionDate = `20${pad(20 + (i % 5), 2)}-04-01`;
  const commands: { type: MemberCommand['type']; data: unknown }[] = [
    {
      type: 'EnrollMember',
      data: {
        memberId,
        officeCode: `OF-${pad(i % 50, 3)}`,
        symbol,
        number: String(1 + Math.floor(i / 50)),
        individualNumber: { ref: `synthetic-ref-${i}`, ciphertext: `synthetic-ciphertext-${i}` },
        name: `合成 ${i}`,
        nameKana: `${KANA[i % KANA.length]} ${GIVEN[i % GIVEN.length]}`,
        dateOfBirth: `19${pad(60 + (i % 40), 2)}-0${1 + (i % 9)}-15`,
        sex: i % 2 === 0 ? 'male' : 'female',
        postalCode: '100-0001',
        address: '東京都千代田区千代田1-1',
        acquisitionDate,
        remuneration: { monthlyRemuneration: 200_000 + (i % 30) * 10_000 },
        ...(i % 2 === 0 ? { cardLinkage: { linkedOn: '2020-01-10' } } : {}),
      },
    },
  ];
  if (i % 3 === 0) {
    commands.push({
      type: 'RecognizeDependant',
      data: {
        dependantId: syntheticId(i, 2),
        relationship: 'child',
        individualNumber: { ref: `synthetic-ref-d${i}`, ciphertext: `synthetic-ciphertext-d${i}` },
        name: `合成 子${i}`,
        nameKana: `${KANA[i % KANA.length]} コ`,
        dateOfBirth: '2015-05-05',
        sex: 'female',
        recognizedFrom: acquisitionDate,
        expectedAnnualIncome: 0,
        sameHousehold: true,
        residence: { inJapan: true, exception: null, excludedVisa: null },
        disabled: false,
      },
    });
  }
  if (i % 4 === 0) {
    commands.push({
      type: 'RegisterPublicFundsAccount',
      data: {
        bankCode: '0001',
        branchCode: '001',
        accountType: 'ordinary',
        accountNumber: pad(1_000_000 + i, 7),
        holderName: 'ヤマダ タロウ',
      },
    });
  }
  if (i % 5 === 0) {
    commands.push({
      type: 'ChangeJob',
      data: {
        withinSociety: true,
        officeCode: 'OF-900',
        symbol: '9000',
        number: String(1 + i),
        effectiveDate: '2025-10-01',
      },
    });
  }
  if (i % 7 === 0) {
    commands.push({ type: 'RecordLossOfEligibility', data: { reason: 'retirement', lastWorkingDay: '2026-01-31' } });
    if (i % 14 === 0) commands.push({ type: 'StartVoluntaryContinuation', data: { applicationDate: '2026-02-10' } });
  }
  return { memberId, commands };
}

export interface SyntheticAppend {
  streamId: string;
  /** Revision of the stream's last event before this append, or 'no_stream'. */
  expectedRevision: number | 'no_stream';
  events: EventToAppend[];
}

/**
 * Appends for `members` members, round-robin by command (every member's enrollment, then every member's second
 * command, ...). About 5.3 events per member.
 */
export function* syntheticMemberHistory(members: number): Generator<SyntheticAppend, void, undefined> {
  const plans = Array.from({ length: members }, (_, i) => ({
    ...commandsFor(i),
    state: memberDecider.initialState(),
    revision: -1,
  }));
  const rounds = Math.max(...plans.map((p) => p.commands.length));
  let sequence = 0;
  for (let round = 0; round < rounds; round++) {
    for (const plan of plans) {
      const next = plan.commands[round];
      if (!next) continue;
      const commandId = syntheticId(++sequence, 3);
      const now = new Date(BASE_MS + sequence * 1_000).toISOString();
      const metadata = { commandId, correlationId: commandId, actor: { id: 'synthetic', role: 'clerk' as const }, now };
      const events = memberDecider.decide({ ...next, metadata } as MemberCommand, plan.state);
      if (events.length === 0) continue;
      plan.state = events.reduce<MemberState>((state, event) => memberDecider.evolve(state, event), plan.state);
      yield {
        streamId: `member-${plan.memberId}`,
        expectedRevision: plan.revision < 0 ? 'no_stream' : plan.revision,
        events: events.map((event, index) => ({
          type: event.type,
          data: event.data,
          metadata: {
            eventId: eventIdFor(commandId, index),
            commandId,
            correlationId: commandId,
            causationId: commandId,
            actor: metadata.actor,
            recordedAt: now,
            schemaVersion: 1,
          },
        })),
      };
      plan.revision += events.length;
    }
  }
}

let fakePosition = 0;
/** Member events as a store would record them (consecutive revisions, increasing positions), for pure tests. */
export function recordedMemberEvents(
  memberId: string,
  events: readonly MemberEvent[],
  firstRevision = 0,
): RecordedEvent[] {
  return events.map((event, i) => {
    fakePosition += 3;
    return {
      streamId: `member-${memberId}`,
      revision: firstRevision + i,
      position: fakePosition,
      type: event.type,
      data: event.data,
      metadata: {
        eventId: syntheticId(fakePosition, 4),
        commandId: 'c',
        correlationId: 'c',
        causationId: 'c',
        actor: { id: 'clerk-1', role: 'clerk' },
        recordedAt: '2026-04-01T01:00:00.000Z',
        schemaVersion: 1,
      },
    } as RecordedEvent;
  });
}
