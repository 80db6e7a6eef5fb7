// The child-case decider: may this event be recorded, given the case's history and the workers it names?
import type { ChildEvent, EventOfType } from '@csc/contracts';
import type { Decider } from '../decider';
import { decisionOf, refusal, type DomainDecision, type DomainError } from '../domain-error';
import { assertToday, occurredInFuture } from '../occurred-in-future-rule';
import { occurredOn } from '../timeline/dated-timeline';
import type { WorkerState } from '../worker/worker-state';
import { judgeNewEvent, judgeRetraction } from './case-timeline-judge';
import { eventStandings, evolveChildCase, initialChildCaseState, type ChildCaseState } from './child-case-state';
import { workerNotInPost } from './rules/allocation-rules';
import { payloadRules } from './rules/payload-rules';

export interface DecisionContext {
  /** Today's date in Europe/London (YYYY-MM-DD), from the caller's clock. */
  today: string;
  /** The workers the event names (workersNamedBy), as known now; a worker absent here was never heard of. */
  workers: ReadonlyMap<string, WorkerState>;
}

/**
 * Accepts the event if it breaks no rule on its own date and makes no already-recorded later event break one.
 * Checks, in order: the date against today, the payload, the worker taking the case, the case's history.
 */
export function decideChildEvent(state: ChildCaseState, event: ChildEvent, context: DecisionContext): DomainDecision {
  assertToday(context.today);
  const on = occurredOn(event.occurredAt);
  const error =
    occurredInFuture(event.occurredAt, on, context.today) ??
    payloadRules(event, on) ??
    workerNotInPost(event, on, context.workers) ??
    (event.type === 'EventRetracted' ? retractionRules(state, event) : judgeNewEvent(state, { event, on, arrival: state.arrivals }));
  return decisionOf(error);
}

/** A retraction names an event of this child that is still on the timeline, and leaves no later event invalid. */
function retractionRules(state: ChildCaseState, retraction: EventOfType<'EventRetracted'>): DomainError | undefined {
  const { retractedEventId } = retraction.data;
  const field = 'data.retractedEventId';
  const standing = eventStandings(state).get(retractedEventId);
  if (standing === undefined) {
    return refusal(
      'EVENT_NOT_FOUND',
      `Event ${retractedEventId} is not in this child's stream. Check the eventId, and that it was recorded for this child.`,
      field,
    );
  }
  if (standing === 'retraction') {
    return refusal(
      'CANNOT_RETRACT_A_RETRACTION',
      `Event ${retractedEventId} is itself a retraction. To restore the event it retracted, send that event again with a new eventId.`,
      field,
    );
  }
  if (standing === 'retracted') {
    return refusal('ALREADY_RETRACTED', `Event ${retractedEventId} was already retracted; nothing more to do.`, field);
  }
  return judgeRetraction(
    state,
    state.timeline.findIndex((entry) => entry.event.eventId === retractedEventId),
  );
}

/** The workers an event names, whose streams the caller reads for the decision (each once). */
export function workersNamedBy(event: ChildEvent): string[] {
  switch (event.type) {
    case 'CaseAllocated':
    case 'CaseUnallocated':
      return [event.data.workerId];
    case 'SocialWorkerChanged':
      return event.data.fromWorkerId === event.data.toWorkerId ? [event.data.toWorkerId] : [event.data.fromWorkerId, event.data.toWorkerId];
    default:
      return [];
  }
}

export const childCaseDecider: Decider<ChildCaseState, ChildEvent, DecisionContext> = Object.freeze({
  initialState: initialChildCaseState,
  evolve: evolveChildCase,
  decide: decideChildEvent,
});
