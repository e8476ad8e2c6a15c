import type { Command } from './command.js';
import type { Event } from './event.js';

/**
 * A pure aggregate: `decide` turns a command and the current state into new events (or throws a coded error),
 * `evolve` folds one event into the state. No I/O, no clock, no randomness.
 */
export interface Decider<State, C extends Command, E extends Event> {
  decide(command: C, state: State): E[];
  evolve(state: State, event: E): State;
  initialState(): State;
}

export function fold<State, E extends Event>(
  decider: Pick<Decider<State, never, E>, 'evolve' | 'initialState'>,
  events: Iterable<E>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
