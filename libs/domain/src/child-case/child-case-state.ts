// The state of a child's case: the accepted, non-retracted events on a timeline in occurredAt order. Facts are
// derived from it (and cached per state), so a late event or a retraction is exact by construction: the case is
// simply re-read as if the late event had always been there, or the retracted one never had.
import type { ChildEvent, EventOfType } from '@csc/contracts';
import { entriesUpTo, occurredOn, withEntry, type DatedEntry } from '../timeline/dated-timeline';
import { CaseFactsBuilder } from './case-facts-builder';
import type { CaseFacts } from './case-facts';

export interface RetractionRecord {
  readonly retraction: EventOfType<'EventRetracted'>;
  /** The event it took off the timeline; undefined when it named nothing on it (only a refused retraction does). */
  readonly retracted?: ChildEvent;
}

export interface ChildCaseState {
  readonly childId: string | undefined;
  /** Accepted events minus retracted ones, ordered by London date of occurredAt, ties in arrival order. */
  readonly timeline: readonly DatedEntry<ChildEvent>[];
  /** Every retraction, in arrival order, with the event it removed. */
  readonly retractions: readonly RetractionRecord[];
  /** How many events were folded in: the next event's arrival number. */
  readonly arrivals: number;
}

export const initialChildCaseState: ChildCaseState = Object.freeze({ childId: undefined, timeline: [], retractions: [], arrivals: 0 });

/** Folds one event in. Total: never throws, whatever the event (decide is where events are judged). */
export function evolveChildCase(state: ChildCaseState, event: ChildEvent): ChildCaseState {
  const childId = state.childId ?? event.childId;
  const arrivals = state.arrivals + 1;
  if (event.type === 'EventRetracted') {
    const at = state.timeline.findIndex((entry) => entry.event.eventId === event.data.retractedEventId);
    const retracted = at < 0 ? undefined : state.timeline[at].event;
    const timeline = at < 0 ? state.timeline : [...state.timeline.slice(0, at), ...state.timeline.slice(at + 1)];
    return { childId, timeline, retractions: [...state.retractions, { retraction: event, retracted }], arrivals };
  }
  const entry: DatedEntry<ChildEvent> = { event, on: occurredOn(event.occurredAt), arrival: state.arrivals };
  const { timeline, index } = withEntry(state.timeline, entry);
  const next: ChildCaseState = { childId, timeline, retractions: state.retractions, arrivals };
  if (index === state.timeline.length) carryLiveFacts(state, next, entry);
  return next;
}

export type EventStanding = 'on-timeline' | 'retracted' | 'retraction';

const factsCache = new WeakMap<ChildCaseState, CaseFacts>();
const liveFactsCache = new WeakMap<ChildCaseState, CaseFactsBuilder>();

/**
 * The facts of the whole timeline, for judging an event that goes at its end (the live case). Kept per state and
 * never handed out, so evolve can move them on to the next state when an event is appended: a request of in-order
 * events then costs one fold, not one per event.
 */
export function liveFactsOf(state: ChildCaseState): CaseFactsBuilder {
  let facts = liveFactsCache.get(state);
  if (facts === undefined) {
    facts = CaseFactsBuilder.fold(state.timeline);
    liveFactsCache.set(state, facts);
  }
  return facts;
}

function carryLiveFacts(from: ChildCaseState, to: ChildCaseState, appended: DatedEntry<ChildEvent>): void {
  const facts = liveFactsCache.get(from);
  if (facts === undefined) return;
  liveFactsCache.delete(from);
  facts.apply(appended);
  liveFactsCache.set(to, facts);
}
const standingCache = new WeakMap<ChildCaseState, ReadonlyMap<string, EventStanding>>();

/** The facts of the whole timeline, or of the part that happened on or before `asOf` (end of that day). */
export function caseFactsOf(state: ChildCaseState, asOf?: string): CaseFacts {
  if (asOf !== undefined) return CaseFactsBuilder.fold(entriesUpTo(state.timeline, asOf));
  let facts = factsCache.get(state);
  if (facts === undefined) {
    facts = CaseFactsBuilder.fold(state.timeline);
    factsCache.set(state, facts);
  }
  return facts;
}

/** What became of every event this child's stream holds, by eventId. */
export function eventStandings(state: ChildCaseState): ReadonlyMap<string, EventStanding> {
  let standings = standingCache.get(state);
  if (standings === undefined) {
    const map = new Map<string, EventStanding>();
    for (const entry of state.timeline) map.set(entry.event.eventId, 'on-timeline');
    for (const { retraction, retracted } of state.retractions) {
      if (retracted !== undefined) map.set(retracted.eventId, 'retracted');
      map.set(retraction.eventId, 'retraction');
    }
    standings = map;
    standingCache.set(state, standings);
  }
  return standings;
}
