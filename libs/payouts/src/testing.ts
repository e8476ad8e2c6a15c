import { fold } from '@kenpo/kernel';
import type { Command, CommandMetadata, Decider, Event } from '@kenpo/kernel';

/**
 * given/when for this library's decider specs (libs/testing belongs to the platform and may not be imported by a
 * domain library). Pure: the spec asserts on the outcome with expect.
 */
export type DeciderOutcome<E> = { events: E[] } | { error: unknown };

export function given<S, C extends Command, E extends Event>(decider: Decider<S, C, E>, history: readonly E[]) {
  return {
    when(command: C): DeciderOutcome<E> {
      const state = fold(decider, history);
      try {
        return { events: decider.decide(command, state) };
      } catch (error) {
        return { error };
      }
    },
  };
}

let sequence = 0;
/** Command metadata with a fresh, well-formed UUIDv7-shaped id per call (ids need not be random in a unit test). */
export function metadata(now = '2025-03-07T01:00:00.000Z'): CommandMetadata {
  sequence += 1;
  const commandId = `01956e3a-0000-7000-8000-${sequence.toString(16).padStart(12, '0')}`;
  return { commandId, correlationId: commandId, actor: { id: 'payment-worker', role: 'system' }, now };
}
