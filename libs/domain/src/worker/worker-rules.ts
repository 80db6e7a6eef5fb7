// The rules of a worker's stream: one spell in post at a time; details change and leaving happen while in post.
import type { WorkerEvent } from '@csc/contracts';
import { refusal, type DomainError } from '../domain-error';
import { ignoreUnknownType, type DatedEntry } from '../timeline/dated-timeline';
import type { EmploymentBuilder } from './worker-state';

export interface WorkerRuleInput {
  readonly employments: EmploymentBuilder;
  readonly entry: DatedEntry<WorkerEvent>;
  /** 'recorded': a later event judged again; a join then bounds an earlier spell whose leaving is still to come. */
  readonly mode: 'new' | 'recorded';
  /** The first SocialWorkerJoined after this event on the timeline, if any. */
  readonly nextJoin: () => DatedEntry<WorkerEvent> | undefined;
}

export function workerRules(input: WorkerRuleInput): DomainError | undefined {
  const { event } = input.entry;
  switch (event.type) {
    case 'SocialWorkerJoined':
      return alreadyActive(input);
    case 'SocialWorkerDetailsChanged':
      return notActive(input, 'change the details of');
    case 'SocialWorkerLeft':
      return notActive(input, 'record the leaving of');
    default:
      return ignoreUnknownType(event);
  }
}

function alreadyActive({ employments, entry, mode }: WorkerRuleInput): DomainError | undefined {
  const current = employments.current();
  if (current === undefined || mode === 'recorded') return undefined;
  const team = current.details[current.details.length - 1]?.teamId;
  return refusal(
    'WORKER_ALREADY_ACTIVE',
    `Worker ${entry.event.workerId} is in post on ${entry.on} (joined ${current.joinedOn}, team ${team}). ` +
      `A change of team, role, FTE or contract is SocialWorkerDetailsChanged; a return after leaving needs SocialWorkerLeft first.`,
    'type',
  );
}

function notActive({ employments, entry, nextJoin }: WorkerRuleInput, doing: string): DomainError | undefined {
  if (employments.current() !== undefined) return undefined;
  const last = employments.employments[employments.employments.length - 1];
  const join = nextJoin();
  if (last === undefined && join !== undefined) {
    return refusal(
      'DATE_OUT_OF_SEQUENCE',
      `${entry.event.type} is dated ${entry.on}, before the worker joined on ${join.on}; a worker's dates run forwards. Correct occurredAt.`,
      'occurredAt',
    );
  }
  const why = last === undefined ? 'no SocialWorkerJoined is recorded on or before that date' : `they left on ${last.leftOn}`;
  return refusal(
    'WORKER_NOT_ACTIVE',
    `Cannot ${doing} worker ${entry.event.workerId} on ${entry.on}: ${why}. Send SocialWorkerJoined first if they joined or rejoined.`,
    'occurredAt',
  );
}
