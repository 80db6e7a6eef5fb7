// The state of a social worker: accepted events in occurredAt order, and the spells of employment they describe
// (joined, details over time, left), so any rule or read model can ask "in post on this date, in which team?".
import type { WorkerEvent, WorkerLeavingReason, WorkerRole } from '@csc/contracts';
import { ignoreUnknownType, occurredOn, withEntry, type DatedEntry } from '../timeline/dated-timeline';

export interface WorkerDetails {
  readonly teamId: string;
  readonly role: WorkerRole;
  readonly fte: number;
  readonly agency: boolean;
}

/** The worker's details from a date (a join, or a SocialWorkerDetailsChanged) until the next change. */
export interface WorkerDetailsFrom extends WorkerDetails {
  readonly from: string;
  readonly eventId: string;
}

/** One spell in post: from joinedOn up to, not including, leftOn (the leaving date is the first day out of post). */
export interface WorkerEmployment {
  readonly joinedOn: string;
  readonly joinedEventId: string;
  readonly leftOn?: string;
  /** 'recorded': SocialWorkerLeft; 'superseded': a later join recorded first bounds it, its leaving still to come. */
  readonly leftBy?: 'recorded' | 'superseded';
  readonly leavingReason?: WorkerLeavingReason;
  readonly details: readonly WorkerDetailsFrom[];
}

export interface WorkerState {
  readonly workerId: string | undefined;
  /** Accepted events ordered by London date of occurredAt, ties in arrival order. */
  readonly timeline: readonly DatedEntry<WorkerEvent>[];
  readonly arrivals: number;
  /** Spells of employment in date order, derived from the timeline. */
  readonly employments: readonly WorkerEmployment[];
}

export const initialWorkerState: WorkerState = Object.freeze({ workerId: undefined, timeline: [], arrivals: 0, employments: [] });

/** Folds one event in. Total: never throws. */
export function evolveWorker(state: WorkerState, event: WorkerEvent): WorkerState {
  const entry: DatedEntry<WorkerEvent> = { event, on: occurredOn(event.occurredAt), arrival: state.arrivals };
  const timeline = withEntry(state.timeline, entry).timeline;
  return { workerId: state.workerId ?? event.workerId, timeline, arrivals: state.arrivals + 1, employments: EmploymentBuilder.fold(timeline).employments };
}

type OpenEmployment = { -readonly [K in keyof WorkerEmployment]: WorkerEmployment[K] extends readonly (infer U)[] ? U[] : WorkerEmployment[K] };

/** Folds a worker's timeline into spells of employment; tolerant, like the case facts. */
export class EmploymentBuilder {
  readonly employments: OpenEmployment[] = [];

  static fold(entries: readonly DatedEntry<WorkerEvent>[]): EmploymentBuilder {
    const builder = new EmploymentBuilder();
    for (const entry of entries) builder.apply(entry);
    return builder;
  }

  current(): WorkerEmployment | undefined {
    const last = this.employments[this.employments.length - 1];
    return last !== undefined && last.leftOn === undefined ? last : undefined;
  }

  apply({ event, on }: DatedEntry<WorkerEvent>): void {
    const current = this.current() as OpenEmployment | undefined;
    switch (event.type) {
      case 'SocialWorkerJoined':
        if (current !== undefined) Object.assign(current, { leftOn: on, leftBy: 'superseded' });
        this.employments.push({ joinedOn: on, joinedEventId: event.eventId, details: [{ ...event.data, from: on, eventId: event.eventId }] });
        return;
      case 'SocialWorkerDetailsChanged': {
        const latest = current?.details[current.details.length - 1];
        if (current !== undefined && latest !== undefined) current.details.push({ ...latest, ...definedOnly(event.data), from: on, eventId: event.eventId });
        return;
      }
      case 'SocialWorkerLeft':
        if (current !== undefined) Object.assign(current, { leftOn: on, leftBy: 'recorded', leavingReason: event.data.reason });
        return;
      default:
        return ignoreUnknownType(event);
    }
  }
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The spell in post that covers a date, if any. */
export function employmentOn(worker: WorkerState, onDate: string): WorkerEmployment | undefined {
  return worker.employments.find((spell) => spell.joinedOn <= onDate && (spell.leftOn === undefined || onDate < spell.leftOn));
}

export function isWorkerInPost(worker: WorkerState, onDate: string): boolean {
  return employmentOn(worker, onDate) !== undefined;
}

/** Team, role, FTE and agency on a date, or undefined when the worker was not in post. */
export function workerDetailsOn(worker: WorkerState, onDate: string): WorkerDetailsFrom | undefined {
  const details = employmentOn(worker, onDate)?.details ?? [];
  let found: WorkerDetailsFrom | undefined;
  for (const change of details) if (change.from <= onDate) found = change;
  return found;
}

/** Whether any SocialWorkerJoined was recorded: a worker with none is "not yet heard of". */
export function isKnownWorker(worker: WorkerState | undefined): worker is WorkerState {
  return worker !== undefined && worker.employments.length > 0;
}
