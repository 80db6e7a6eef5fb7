import { Inject, Injectable } from '@nestjs/common';
import { fromStoredEvent, workerStreamId, type CaseEvent, type ChildEvent, type WorkerEvent } from '@csc/contracts';
import {
  decideChildEvent,
  decideWorkerEvent,
  evolveChildCase,
  evolveWorker,
  initialChildCaseState,
  initialWorkerState,
  workersNamedBy,
  type DomainDecision,
  type WorkerState,
} from '@csc/domain';
import { EVENT_STORE, type EventStore } from '@csc/event-store';

/** The rules of one stream, folded from what it holds, deciding new events one after another. */
export interface RulesSession {
  decide(event: CaseEvent): DomainDecision;
  /** Folds an accepted event in, so the next decision sees it. */
  accept(event: CaseEvent): void;
}

/**
 * Binds the domain's deciders to the store: a child's events are judged with the state of the
 * workers they name, read from those workers' streams now.
 */
@Injectable()
export class CaseRules {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async open(kind: 'child' | 'worker', recorded: readonly CaseEvent[], incoming: readonly CaseEvent[], today: string): Promise<RulesSession> {
    if (kind === 'worker') {
      let state = recorded.reduce((folded, event) => evolveWorker(folded, event as WorkerEvent), initialWorkerState);
      return {
        decide: (event) => decideWorkerEvent(state, event as WorkerEvent, { today }),
        accept: (event) => (state = evolveWorker(state, event as WorkerEvent)),
      };
    }
    let state = recorded.reduce((folded, event) => evolveChildCase(folded, event as ChildEvent), initialChildCaseState);
    const workers = await this.loadWorkers(incoming as readonly ChildEvent[]);
    return {
      decide: (event) => decideChildEvent(state, event as ChildEvent, { today, workers }),
      accept: (event) => (state = evolveChildCase(state, event as ChildEvent)),
    };
  }

  private async loadWorkers(events: readonly ChildEvent[]): Promise<ReadonlyMap<string, WorkerState>> {
    const ids = [...new Set(events.flatMap((event) => workersNamedBy(event)))];
    const entries = await Promise.all(
      ids.map(async (workerId) => {
        const stored = await this.store.readStream(workerStreamId(workerId));
        if (stored.length === 0) return undefined;
        const state = stored.map(fromStoredEvent).reduce((folded, event) => evolveWorker(folded, event as WorkerEvent), initialWorkerState);
        return [workerId, state] as const;
      }),
    );
    return new Map(entries.filter((entry): entry is readonly [string, WorkerState] => entry !== undefined));
  }
}
