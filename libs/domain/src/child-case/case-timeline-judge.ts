// Judges an event against the case as it stood on its date: the timeline is replayed with the event in its place
// (or, for a retraction, without the retracted event), and every recorded event after that place is judged again,
// because the history was valid before, so any new violation is the newcomer's doing.
import type { ChildEvent } from '@csc/contracts';
import { refusal, type DomainError } from '../domain-error';
import { withEntry, type DatedEntry } from '../timeline/dated-timeline';
import { CaseFactsBuilder } from './case-facts-builder';
import { liveFactsOf, type ChildCaseState } from './child-case-state';
import { caseRules } from './rules/case-rules';
import { LaterEntries } from './rules/rule-input';

type Timeline = readonly DatedEntry<ChildEvent>[];
type Conflict = (later: DatedEntry<ChildEvent>, error: DomainError) => DomainError;

/** The history rules for a new event in its place, then for every recorded event after it. */
export function judgeNewEvent(state: ChildCaseState, entry: DatedEntry<ChildEvent>): DomainError | undefined {
  const { timeline, index } = withEntry(state.timeline, entry);
  const conflict: Conflict = (later, error) =>
    refusal(
      'CONFLICTS_WITH_LATER_EVENT',
      `${entry.event.type} on ${entry.on} would make the already-recorded ${later.event.type} ${later.event.eventId} of ${later.on} break a rule ` +
        `(${error.code}: ${error.message}) Send this event with its right date, or correct or retract that later event first.`,
      'occurredAt',
    );
  if (index === state.timeline.length) {
    return caseRules({ facts: liveFactsOf(state), event: entry.event, on: entry.on, mode: 'new', later: new LaterEntries(timeline, index) });
  }
  return replay(state, timeline, index, index, conflict);
}

/** A retraction is judged by replaying the timeline without the retracted event from where it stood. */
export function judgeRetraction(state: ChildCaseState, retractedIndex: number): DomainError | undefined {
  const retracted = state.timeline[retractedIndex];
  const timeline = [...state.timeline.slice(0, retractedIndex), ...state.timeline.slice(retractedIndex + 1)];
  const conflict: Conflict = (later, error) =>
    refusal(
      'CONFLICTS_WITH_LATER_EVENT',
      `Retracting ${retracted.event.type} ${retracted.event.eventId} of ${retracted.on} would leave the later ${later.event.type} ` +
        `${later.event.eventId} of ${later.on} invalid (${error.code}: ${error.message}) Retract the events that depend on it first, newest first.`,
      'data.retractedEventId',
    );
  return replay(state, timeline, retractedIndex, -1, conflict);
}

function replay(state: ChildCaseState, timeline: Timeline, from: number, newIndex: number, conflict: Conflict): DomainError | undefined {
  const facts = new CaseFactsBuilder();
  for (let i = 0; i < from; i++) facts.apply(timeline[i]);
  const later = new LaterEntries(timeline, from);
  for (let i = from; i < timeline.length; i++) {
    const entry = timeline[i];
    const isNew = i === newIndex;
    const error = caseRules({ facts, event: entry.event, on: entry.on, mode: isNew ? 'new' : 'recorded', later });
    if (error !== undefined && isNew) return error;
    if (error !== undefined && !alreadyFailing(state).has(entry.event.eventId)) return conflict(entry, error);
    facts.apply(entry);
  }
  return undefined;
}

const failingCache = new WeakMap<ChildCaseState, ReadonlySet<string>>();

/**
 * Recorded events that already break a rule (a stream imported without the domain, or written before a rule
 * existed). They cannot be blamed on a newcomer, so they are left out of conflicts.
 */
function alreadyFailing(state: ChildCaseState): ReadonlySet<string> {
  let failing = failingCache.get(state);
  if (failing === undefined) {
    const found = new Set<string>();
    const facts = new CaseFactsBuilder();
    const later = new LaterEntries(state.timeline, 0);
    for (const entry of state.timeline) {
      if (caseRules({ facts, event: entry.event, on: entry.on, mode: 'recorded', later }) !== undefined) found.add(entry.event.eventId);
      facts.apply(entry);
    }
    failing = found;
    failingCache.set(state, failing);
  }
  return failing;
}
