// Delivers a history to the deciders the way the ingest handler does: decide, and fold in only what was accepted.
import type { ChildEvent, WorkerEvent } from '@csc/contracts';
import {
  decideChildEvent,
  decideWorkerEvent,
  evolveChildCase,
  evolveWorker,
  initialChildCaseState,
  initialWorkerState,
  workersNamedBy,
  type ChildCaseState,
  type DomainError,
  type WorkerState,
} from '../src';

export interface Refusal {
  readonly index: number;
  readonly event: ChildEvent | WorkerEvent;
  readonly error: DomainError;
}

export interface Delivered {
  readonly child: ChildCaseState;
  readonly workers: ReadonlyMap<string, WorkerState>;
  /** Every refused event (the refused ones are not folded in). */
  readonly refusals: readonly Refusal[];
}

export function deliverWorkerEvents(workerEvents: readonly WorkerEvent[], today: string, workers = new Map<string, WorkerState>()): Refusal[] {
  const refusals: Refusal[] = [];
  workerEvents.forEach((event, index) => {
    const state = workers.get(event.workerId) ?? initialWorkerState;
    const decision = decideWorkerEvent(state, event, { today });
    if (decision.ok) workers.set(event.workerId, evolveWorker(state, event));
    else refusals.push({ index, event, error: decision.error });
  });
  return refusals;
}

/** Records the workers' events, then the child's events in the order given. */
export function deliverHistory(events: readonly ChildEvent[], options: { today: string; workerEvents?: readonly WorkerEvent[] }): Delivered {
  const workers = new Map<string, WorkerState>();
  const refusals: Refusal[] = deliverWorkerEvents(options.workerEvents ?? [], options.today, workers);
  let child = initialChildCaseState;
  events.forEach((event, index) => {
    const named = new Map<string, WorkerState>();
    for (const workerId of workersNamedBy(event)) {
      const worker = workers.get(workerId);
      if (worker !== undefined) named.set(workerId, worker);
    }
    const decision = decideChildEvent(child, event, { today: options.today, workers: named });
    if (decision.ok) child = evolveChildCase(child, event);
    else refusals.push({ index, event, error: decision.error });
  });
  return { child, workers, refusals };
}
