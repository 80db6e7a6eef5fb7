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

/** Whose events a stream holds: a child's case, or a worker's employment. */
export interface Subject {
  kind: 'child' | 'worker';
  id: string;
  streamId: string;
}

export function subjectOf(streamId: string): Subject {
  const dash = streamId.indexOf('-');
  const category = streamId.slice(0, dash);
  if (category !== 'child' && category !== 'worker') throw new Error(`Stream ${streamId} is neither a child's nor a worker's`);
  return { kind: category, id: streamId.slice(dash + 1), streamId };
}

interface FoldCommon {
  /** Every event of the stream in arrival (revision) order, retractions and retracted events included. */
  readonly events: readonly CaseEvent[];
  /** The stream revision of the last event folded in. */
  readonly revision: number;
  /** The latest London date of occurredAt, per event type. */
  readonly latestOnByType: ReadonlyMap<string, string>;
}

/** A child's case as the domain folds it (occurredAt order, retractions honoured). */
export interface FoldedChild extends FoldCommon {
  readonly kind: 'child';
  readonly state: ChildCaseState;
}

export interface FoldedWorker extends FoldCommon {
  readonly kind: 'worker';
  readonly state: WorkerState;
}

export type FoldedSubject = FoldedChild | FoldedWorker;

/** The facts of a child's folded case (cached by the domain per state). */
export function factsOf(folded: FoldedChild): CaseFacts {
  return caseFactsOf(folded.state);
}

/** The latest date among events of the given types: read models compute "as of" it, and query any date up to now. */
export function latestOn(folded: FoldedSubject, types: ReadonlySet<string>): string {
  let latest = '0000-01-01';
  for (const [type, on] of folded.latestOnByType) if (types.has(type) && on > latest) latest = on;
  return latest;
}

export function childFold(folded: FoldedSubject): FoldedChild {
  if (folded.kind !== 'child') throw new Error(`expected a child's case, got a worker's stream`);
  return folded;
}

/** Folds a subject's whole history (in revision order) from nothing. */
export function foldSubject(subject: Subject, events: readonly CaseEvent[], lastRevision: number): FoldedSubject {
  const empty: FoldedSubject =
    subject.kind === 'child'
      ? { kind: 'child', state: initialChildCaseState, events: [], revision: -1, latestOnByType: new Map() }
      : { kind: 'worker', state: initialWorkerState, events: [], revision: -1, latestOnByType: new Map() };
  return extendFold(empty, events, lastRevision);
}

/** Folds further events into a fold (the domain's evolve places a late one exactly; see canExtend for when the engine does). */
export function extendFold(folded: FoldedSubject, events: readonly CaseEvent[], lastRevision: number): FoldedSubject {
  const latestOnByType = new Map(folded.latestOnByType);
  for (const event of events) {
    const on = occurredOnDate(event.occurredAt);
    if ((latestOnByType.get(event.type) ?? '') < on) latestOnByType.set(event.type, on);
  }
  const all = [...folded.events, ...events];
  if (folded.kind === 'child') {
    const state = events.reduce((current, event) => evolveChildCase(current, event as ChildEvent), folded.state);
    return { kind: 'child', state, events: all, revision: lastRevision, latestOnByType };
  }
  const state = events.reduce((current, event) => evolveWorker(current, event as WorkerEvent), folded.state);
  return { kind: 'worker', state, events: all, revision: lastRevision, latestOnByType };
}

/**
 * Whether new events can be applied to a snapshot rather than refolding the subject from its history: they
 * follow its last revision without a gap, none retracts anything, and each is dated on or after the latest
 * event so far. A late event or a retraction refolds.
 */
export function canExtend(snapshot: FoldedSubject | undefined, events: readonly { revision: number; event: CaseEvent }[]): snapshot is FoldedSubject {
  if (snapshot === undefined) return false;
  let expected = snapshot.revision + 1;
  let latest = latestOfAll(snapshot);
  for (const { revision, event } of events) {
    if (revision !== expected || event.type === 'EventRetracted') return false;
    const on = occurredOnDate(event.occurredAt);
    if (on < latest) return false;
    latest = on;
    expected += 1;
  }
  return true;
}

function latestOfAll(folded: FoldedSubject): string {
  let latest = '';
  for (const on of folded.latestOnByType.values()) if (on > latest) latest = on;
  return latest;
}
