// given(...events).when(event).then('ok' | code): a decider test that reads top to bottom. Each `given` event must
// itself be accepted (a test built on a history the domain would refuse proves nothing), unless givenUnchecked.
import { isCaseEventType, type CaseEvent, type ChildEvent } from '@csc/contracts';
import {
  decideChildEvent,
  decideWorkerEvent,
  evolveChildCase,
  evolveWorker,
  initialChildCaseState,
  initialWorkerState,
  workersNamedBy,
  type ChildCaseState,
  type DomainDecision,
  type DomainErrorCode,
  type WorkerState,
} from '../src';

export const DEFAULT_TODAY = '2027-01-01';

export interface Recorded {
  readonly child: ChildCaseState;
  readonly workers: ReadonlyMap<string, WorkerState>;
}

export class Scenario {
  private todayDate = DEFAULT_TODAY;
  private child = initialChildCaseState;
  private readonly workers = new Map<string, WorkerState>();

  constructor(events: readonly CaseEvent[], checked: boolean) {
    events.forEach((event, index) => {
      const decision = checked ? this.decide(event) : { ok: true as const };
      if (!decision.ok) {
        throw new Error(`given event #${index + 1} (${event.type} of ${event.occurredAt}) was refused: ${decision.error.code}: ${decision.error.message}`);
      }
      this.record(event);
    });
  }

  today(date: string): this {
    this.todayDate = date;
    return this;
  }

  when(event: CaseEvent): Outcome {
    return new Outcome(event, this.decide(event), { child: this.child, workers: this.workers });
  }

  /** The state after the given events, for tests that ask the queries. */
  recorded(): Recorded {
    return { child: this.child, workers: this.workers };
  }

  private decide(event: CaseEvent): DomainDecision {
    if (!isChildEvent(event)) return decideWorkerEvent(this.workers.get(event.workerId) ?? initialWorkerState, event, { today: this.todayDate });
    const named = new Map<string, WorkerState>();
    for (const workerId of workersNamedBy(event)) {
      const worker = this.workers.get(workerId);
      if (worker !== undefined) named.set(workerId, worker);
    }
    return decideChildEvent(this.child, event, { today: this.todayDate, workers: named });
  }

  private record(event: CaseEvent): void {
    if (isChildEvent(event)) this.child = evolveChildCase(this.child, event);
    else this.workers.set(event.workerId, evolveWorker(this.workers.get(event.workerId) ?? initialWorkerState, event));
  }
}

export class Outcome {
  constructor(
    readonly event: CaseEvent,
    readonly decision: DomainDecision,
    readonly before: Recorded,
  ) {}

  /** Throws, saying what happened instead, unless the decision is the expected one (and, if given, on that field). */
  then(expected: 'ok' | DomainErrorCode, field?: string): DomainDecision {
    const { decision } = this;
    const actual = decision.ok ? 'ok' : decision.error.code;
    const fieldMatches = field === undefined || (!decision.ok && decision.error.field === field);
    if (actual !== expected || !fieldMatches) {
      const got = decision.ok ? 'it was accepted' : `got ${decision.error.code} on ${decision.error.field}: ${decision.error.message}`;
      throw new Error(`${this.event.type} of ${this.event.occurredAt}: expected ${expected}${field === undefined ? '' : ` on ${field}`}, but ${got}`);
    }
    return decision;
  }
}

export function given(...events: CaseEvent[]): Scenario {
  return new Scenario(events, true);
}

/** A history recorded without the domain's checks (an imported stream), to test how decisions treat it. */
export function givenUnchecked(...events: CaseEvent[]): Scenario {
  return new Scenario(events, false);
}

export function isChildEvent(event: CaseEvent): event is ChildEvent {
  return isCaseEventType(event.type);
}
