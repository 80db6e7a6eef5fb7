// Allocation: one worker (and team) at a time, in an open case, never a worker who had left or not yet joined.
import type { ChildEvent, EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';
import { employmentOn, isKnownWorker, type WorkerState } from '../../worker/worker-state';
import { caseNotOpen } from './case-episode-rules';
import type { RuleInput } from './rule-input';

export function caseAllocatedRules(input: RuleInput<EventOfType<'CaseAllocated'>>): DomainError | undefined {
  const closed = caseNotOpen(input, 'an allocation');
  if (closed !== undefined) return closed;
  const current = input.facts.currentAllocation();
  if (current === undefined || input.mode === 'recorded') return undefined;
  return refusal(
    'CASE_ALREADY_ALLOCATED',
    `On ${input.on} the case is already allocated to ${current.workerId} (team ${current.teamId}, since ${current.on}). ` +
      `To move it to ${input.event.data.workerId}, send SocialWorkerChanged with fromWorkerId ${current.workerId}.`,
    'type',
  );
}

export function socialWorkerChangedRules(input: RuleInput<EventOfType<'SocialWorkerChanged'>>): DomainError | undefined {
  const closed = caseNotOpen(input, 'a change of social worker');
  if (closed !== undefined) return closed;
  const { fromWorkerId, toWorkerId } = input.event.data;
  const current = input.facts.currentAllocation();
  if (current === undefined) {
    return refusal(
      'CASE_NOT_ALLOCATED',
      `On ${input.on} the case has no allocated worker, so it cannot move from ${fromWorkerId}. Send CaseAllocated to ${toWorkerId} instead.`,
      'type',
    );
  }
  return notCurrentWorker(input, current.workerId, current.on, fromWorkerId, 'data.fromWorkerId');
}

export function caseUnallocatedRules(input: RuleInput<EventOfType<'CaseUnallocated'>>): DomainError | undefined {
  const { workerId } = input.event.data;
  const current = input.facts.currentAllocation();
  if (current === undefined) {
    const last = input.facts.allocations[input.facts.allocations.length - 1];
    const since = last?.end === undefined ? '' : ` (the allocation to ${last.workerId} ended on ${last.end.on} by ${last.end.eventType})`;
    return refusal('CASE_NOT_ALLOCATED', `On ${input.on} the case has no allocated worker${since}; there is nothing to unallocate.`, 'type');
  }
  return notCurrentWorker(input, current.workerId, current.on, workerId, 'data.workerId');
}

function notCurrentWorker(input: RuleInput, currentWorkerId: string, since: string, named: string, field: string): DomainError | undefined {
  if (named === currentWorkerId) return undefined;
  return refusal(
    'NOT_CURRENT_WORKER',
    `On ${input.on} the case is allocated to ${currentWorkerId} (since ${since}), not to ${named}. Name ${currentWorkerId} in ${field}.`,
    field,
  );
}

/** The worker an event gives the case to, and where the envelope names them. */
export function workerTakingTheCase(event: ChildEvent): { workerId: string; field: string } | undefined {
  if (event.type === 'CaseAllocated') return { workerId: event.data.workerId, field: 'data.workerId' };
  if (event.type === 'SocialWorkerChanged') return { workerId: event.data.toWorkerId, field: 'data.toWorkerId' };
  return undefined;
}

/**
 * The worker taking the case must be in post on its date. A worker never heard of (no SocialWorkerJoined yet) is
 * accepted: HR feeds lag behind case recording, and refusing would lose the case fact.
 */
export function workerNotInPost(event: ChildEvent, on: string, workers: ReadonlyMap<string, WorkerState>): DomainError | undefined {
  const taking = workerTakingTheCase(event);
  if (taking === undefined) return undefined;
  const worker = workers.get(taking.workerId);
  if (!isKnownWorker(worker) || employmentOn(worker, on) !== undefined) return undefined;
  const { workerId, field } = taking;
  const first = worker.employments[0];
  if (on < first.joinedOn) {
    return refusal(
      'WORKER_NOT_YET_JOINED',
      `Worker ${workerId} joined on ${first.joinedOn}, after this allocation on ${on}. Check the worker id or the allocation date.`,
      field,
    );
  }
  const left = worker.employments.filter((spell) => spell.joinedOn <= on).pop()!;
  const rejoined = worker.employments.find((spell) => spell.joinedOn > on);
  return refusal(
    'WORKER_HAS_LEFT',
    `Worker ${workerId} left on ${left.leftOn}${rejoined === undefined ? '' : ` (and rejoined only on ${rejoined.joinedOn})`}, ` +
      `so the case cannot be given to them on ${on}. Allocate it to a worker in post on that date.`,
    field,
  );
}
