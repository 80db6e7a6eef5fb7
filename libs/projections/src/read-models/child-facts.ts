import { occurredOnDate, type CaseEvent, type ChildEvent, type WorkerEvent } from '@csc/contracts';
import {
  caseFactsOf,
  evolveChildCase,
  evolveWorker,
  initialChildCaseState,
  initialWorkerState,
  type CaseFacts,
  type ChildCaseState,
  type WorkerState,
} from '@csc/domain';

/** A child's case folded from its events (the domain's own fold: occurredAt order, retractions honoured). */
export interface FoldedChild {
  state: ChildCaseState;
  facts: CaseFacts;
  /** The London date of the latest event: read models compute "as of" it, and query any date up to now. */
  lastOn: string;
}

export function foldChild(events: readonly CaseEvent[]): FoldedChild {
  let state = initialChildCaseState;
  let lastOn = '0000-01-01';
  for (const event of events) {
    state = evolveChildCase(state, event as ChildEvent);
    const on = occurredOnDate(event.occurredAt);
    if (on > lastOn) lastOn = on;
  }
  return { state, facts: caseFactsOf(state), lastOn };
}

export function foldWorker(events: readonly CaseEvent[]): WorkerState {
  return events.reduce((state, event) => evolveWorker(state, event as WorkerEvent), initialWorkerState);
}
