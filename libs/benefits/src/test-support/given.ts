import { fold, type Command, type Decider, type Event } from '@kenpo/kernel';

/** The outcome of a decider scenario: the new events, or the error thrown. Spec support only (not exported). */
export type Outcome<E> = { events: E[]; error: null } | { events: null; error: unknown };

/** given(past events).when(command) → the outcome, for plain `expect` assertions in specs. */
export function scenario<S, C extends Command, E extends Event>(decider: Decider<S, C, E>) {
  return {
    given: (events: E[]) => ({
      when(command: C): Outcome<E> {
        const state = fold(decider, events);
        try {
          return { events: decider.decide(command, state), error: null };
        } catch (error) {
          return { events: null, error };
        }
      },
    }),
  };
}
