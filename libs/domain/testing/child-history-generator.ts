// Valid histories of one child and of the workers who hold the case, for property tests (here and end to end).
import fc from 'fast-check';
import type { ChildEvent, WorkerEvent } from '@csc/contracts';
import { workerEventFactory } from './case-event-factory';
import { dateOfDay } from './calendar-days';
import { buildChildEvents, childIdOf, workerIdsOf } from './child-history-builder';
import { historyChoicesArbitrary, type HistoryChoices, type WorkerChoices } from './history-choices';

export interface GeneratedHistory {
  readonly childId: string;
  /** A date after every event (all before 2023): pass it as the decision's `today`, or judge with the real clock. */
  readonly today: string;
  /** The workers' streams (HR feed), valid in this order; one pooled worker may be left out (not yet heard of). */
  readonly workerEvents: readonly WorkerEvent[];
  /** The child's events in history order (occurredAt, then the order a CMS sends same-day events): all valid. */
  readonly events: readonly ChildEvent[];
  /** For each event, the indices of the events that must have arrived before it (its causes, and same-day predecessors). */
  readonly dependsOn: readonly (readonly number[])[];
  /** The worker the history allocates without any worker event, if any. */
  readonly unheardOfWorkerId?: string;
}

export function buildHistory(choices: HistoryChoices): GeneratedHistory {
  const childId = childIdOf(choices);
  const built = buildChildEvents(choices);
  const { events, dependsOn } = built.ordered();
  const workerIds = workerIdsOf(childId);
  const unheardOfWorkerId = workerIds[choices.unheardOfWorker];
  const workerFeed = workerEventFactory(`${childId}:workers`);
  const workerEvents: WorkerEvent[] = [];
  let lastDay = built.lastDay();
  workerIds.forEach((workerId, n) => {
    const allocationDays = [...new Set(built.allocationDays.get(workerId) ?? [])].sort((a, b) => a - b);
    if (workerId === unheardOfWorkerId || allocationDays.length === 0) return;
    const feed = workerFeedFor(workerId, allocationDays, choices.workers[n], workerFeed);
    workerEvents.push(...feed.events);
    lastDay = Math.max(lastDay, feed.lastDay);
  });
  return { childId, today: dateOfDay(lastDay + choices.todayAfter), workerEvents, events, dependsOn, unheardOfWorkerId };
}

/** A worker in post on every day they are given the case: joined before, maybe left and rejoined between, maybe left after. */
function workerFeedFor(
  workerId: string,
  days: number[],
  choices: WorkerChoices,
  feed: ReturnType<typeof workerEventFactory>,
): { events: WorkerEvent[]; lastDay: number } {
  const events: WorkerEvent[] = [];
  const joinDay = days[0] - choices.joinedBefore;
  events.push(feed.joined(dateOfDay(joinDay), workerId, { role: 'newly-qualified', fte: 0.8 }));
  if (choices.changesDetails) events.push(feed.detailsChanged(dateOfDay(joinDay), workerId, { role: 'social-worker', fte: 1 }));
  let lastDay = joinDay;
  const gapAt = days.findIndex((day, i) => i + 1 < days.length && days[i + 1] - day >= 3);
  if (choices.rejoins && gapAt >= 0) {
    events.push(feed.left(dateOfDay(days[gapAt] + 1), workerId, 'end-of-contract'));
    events.push(feed.joined(dateOfDay(days[gapAt] + 2), workerId, { agency: true }));
    lastDay = days[gapAt] + 2;
  }
  if (choices.leavesAfter !== null) {
    lastDay = Math.max(lastDay, days[days.length - 1]) + choices.leavesAfter;
    events.push(feed.left(dateOfDay(lastDay), workerId, 'resigned'));
  }
  return { events, lastDay };
}

export const childHistoryArbitrary: fc.Arbitrary<GeneratedHistory> = historyChoicesArbitrary.map(buildHistory);

/**
 * An arrival order with random lateness: mostly in history order, some events arriving well after their date,
 * but never before the events they depend on. Same-day events keep their order (the domain orders them by arrival).
 */
export function arrivalOrderArbitrary(history: GeneratedHistory): fc.Arbitrary<ChildEvent[]> {
  const n = history.events.length;
  const delay = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: Math.max(1, n) }) });
  return fc.array(delay, { minLength: n, maxLength: n }).map((delays) => arrivalOrder(history, delays));
}

/** Kahn's algorithm: of the events whose dependencies have arrived, the one with the smallest index + delay comes next. */
export function arrivalOrder(history: GeneratedHistory, delays: readonly number[]): ChildEvent[] {
  const { events, dependsOn } = history;
  const arrived = new Array<boolean>(events.length).fill(false);
  const order: ChildEvent[] = [];
  while (order.length < events.length) {
    let best = -1;
    for (let i = 0; i < events.length; i++) {
      if (arrived[i] || !dependsOn[i].every((dep) => arrived[dep])) continue;
      if (best < 0 || i + delays[i] < best + delays[best]) best = i;
    }
    arrived[best] = true;
    order.push(events[best]);
  }
  return order;
}
