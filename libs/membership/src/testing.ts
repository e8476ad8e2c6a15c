import { fold, type DomainError } from '@kenpo/kernel';
import type { ProtectedIndividualNumber } from './individual-number.js';
import type { EnrollMember, MemberCommand, RecognizeDependant } from './member.commands.js';
import { memberDecider, type MemberDecider } from './member.decide.js';
import type { MemberEvent } from './member.events.js';
import type { MemberState } from './member.state.js';

/*
 * given/when/then for the member decider, with no test-framework dependency (a mismatch throws an Error whose
 * message shows both sides), plus small builders. Pure, so it may ship with the library.
 */

type ErrorClass = abstract new (...args: never[]) => DomainError;

function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    2,
  );
}

export interface When {
  /** The decided events (throws what decide throws). */
  events(): MemberEvent[];
  /** Expects exactly these events, or an error of this class (returned for further checks). */
  then<E extends DomainError>(expected: abstract new (...args: never[]) => E): E;
  then(expected: readonly MemberEvent[]): MemberEvent[];
}

export function given(events: readonly MemberEvent[], decider: MemberDecider = memberDecider) {
  const state = fold(decider, events);
  return {
    state,
    when(command: MemberCommand): When {
      const run = () => decider.decide(command, state);
      function then<E extends DomainError>(expected: abstract new (...args: never[]) => E): E;
      function then(expected: readonly MemberEvent[]): MemberEvent[];
      function then(expected: readonly MemberEvent[] | ErrorClass): DomainError | MemberEvent[] {
        if (typeof expected === 'function') {
          try {
            const produced = run();
            throw new Error(`expected ${expected.name}, but decide returned:\n${canonical(produced)}`);
          } catch (error) {
            if (error instanceof expected) return error;
            throw error;
          }
        }
        const produced = run();
        if (canonical(produced) !== canonical(expected)) {
          throw new Error(`decided events differ.\nexpected:\n${canonical(expected)}\nactual:\n${canonical(produced)}`);
        }
        return produced;
      }
      return { events: run, then };
    },
  };
}

/** The events a sequence of commands records, each decided on the state left by the previous ones. */
export function eventsOf(commands: readonly MemberCommand[], decider: MemberDecider = memberDecider): MemberEvent[] {
  const events: MemberEvent[] = [];
  let state: MemberState = decider.initialState();
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return events;
}

let sequence = 0;
/** A command received at `now` (ISO instant; the Japan date of it is the issue date of documents). */
export function command<C extends MemberCommand>(
  type: C['type'],
  data: C['data'],
  now = '2026-04-01T01:00:00.000Z',
): C {
  sequence += 1;
  const commandId = `0196a000-0000-7000-8000-${String(sequence).padStart(12, '0')}`;
  return {
    type,
    data,
    metadata: { commandId, correlationId: commandId, actor: { id: 'clerk-1', role: 'clerk' }, now },
  } as unknown as C;
}

export function protectedNumber(seed: string): ProtectedIndividualNumber {
  return { ref: `ref-${seed}`, ciphertext: `ciphertext-${seed}` };
}

export function enrollData(overrides: Partial<EnrollMember['data']> = {}): EnrollMember['data'] {
  return {
    memberId: 'm-1',
    officeCode: 'OF-001',
    symbol: '1001',
    number: '25',
    individualNumber: protectedNumber('insured'),
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    dateOfBirth: '1985-06-15',
    sex: 'male',
    postalCode: '100-0001',
    address: '東京都千代田区千代田1-1',
    acquisitionDate: '2026-04-01',
    remuneration: { monthlyRemuneration: 300_000 },
    ...overrides,
  };
}

export function dependantData(overrides: Partial<RecognizeDependant['data']> = {}): RecognizeDependant['data'] {
  return {
    dependantId: 'd-1',
    relationship: 'spouse',
    individualNumber: protectedNumber('spouse'),
    name: '山田 花子',
    nameKana: 'ヤマダ ハナコ',
    dateOfBirth: '1987-02-03',
    sex: 'female',
    recognizedFrom: '2026-04-01',
    expectedAnnualIncome: 1_000_000,
    sameHousehold: true,
    residence: { inJapan: true, exception: null, excludedVisa: null },
    disabled: false,
    insuredAnnualIncome: 4_800_000,
    ...overrides,
  };
}
