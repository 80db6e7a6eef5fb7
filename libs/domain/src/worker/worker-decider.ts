// The worker decider: judged by occurredAt like a child's case, with late events re-checked against later ones.
import type { WorkerEvent } from '@csc/contracts';
import { decisionOf, refusal, type DomainDecision, type DomainError } from '../domain-error';
import { assertToday, occurredInFuture } from '../occurred-in-future-rule';
import type { Decider } from '../decider';
import { occurredOn, withEntry, type DatedEntry } from '../timeline/dated-timeline';
import { workerRules } from './worker-rules';
import { EmploymentBuilder, evolveWorker, initialWorkerState, type WorkerState } from './worker-state';

export interface WorkerDecisionContext {
  /** Today's date in Europe/London (YYYY-MM-DD), from the caller's clock. */
  today: string;
}

export function decideWorkerEvent(state: WorkerState, event: WorkerEvent, context: WorkerDecisionContext): DomainDecision {
  assertToday(context.today);
  const entry: DatedEntry<WorkerEvent> = { event, on: occurredOn(event.occurredAt), arrival: state.arrivals };
  return decisionOf(occurredInFuture(event.occurredAt, entry.on, context.today) ?? judgeWorkerTimeline(state, entry));
}

function judgeWorkerTimeline(state: WorkerState, entry: DatedEntry<WorkerEvent>): DomainError | undefined {
  const { timeline, index } = withEntry(state.timeline, entry);
  const employments = EmploymentBuilder.fold(timeline.slice(0, index));
  for (let i = index; i < timeline.length; i++) {
    const current = timeline[i];
    const error = workerRules({ employments, entry: current, mode: i === index ? 'new' : 'recorded', nextJoin: () => nextJoin(timeline, i) });
    if (error !== undefined && i === index) return error;
    if (error !== undefined && !alreadyFailing(state).has(current.event.eventId)) {
      return refusal(
        'CONFLICTS_WITH_LATER_EVENT',
        `${entry.event.type} on ${entry.on} would make the already-recorded ${current.event.type} ${current.event.eventId} of ${current.on} ` +
          `break a rule (${error.code}: ${error.message}) Send this event with its right date, or correct that later event first.`,
        'occurredAt',
      );
    }
    employments.apply(current);
  }
  return undefined;
}

function nextJoin(timeline: readonly DatedEntry<WorkerEvent>[], after: number): DatedEntry<WorkerEvent> | undefined {
  for (let i = after + 1; i < timeline.length; i++) if (timeline[i].event.type === 'SocialWorkerJoined') return timeline[i];
  return undefined;
}

const failingCache = new WeakMap<WorkerState, ReadonlySet<string>>();

/** Recorded events that already break a rule (an imported stream): not blamed on a newcomer. */
function alreadyFailing(state: WorkerState): ReadonlySet<string> {
  let failing = failingCache.get(state);
  if (failing === undefined) {
    const found = new Set<string>();
    const employments = new EmploymentBuilder();
    state.timeline.forEach((entry, i) => {
      if (workerRules({ employments, entry, mode: 'recorded', nextJoin: () => nextJoin(state.timeline, i) }) !== undefined) found.add(entry.event.eventId);
      employments.apply(entry);
    });
    failing = found;
    failingCache.set(state, failing);
  }
  return failing;
}

export const workerDecider: Decider<WorkerState, WorkerEvent, WorkerDecisionContext> = Object.freeze({
  initialState: initialWorkerState,
  evolve: evolveWorker,
  decide: decideWorkerEvent,
});
