import type { DomainDecision } from './domain-error';

/** A decider as a plain object of three functions (Dudycz style): fold with evolve from initialState, ask decide. */
export interface Decider<State, Event, Context> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(state: State, event: Event, context: Context): DomainDecision;
}
