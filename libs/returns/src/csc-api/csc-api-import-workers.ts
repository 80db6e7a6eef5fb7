// An episode's care_worker_details (worker_id, start_date, end_date) to our allocation events (pure). In date order:
// the first worker, or one after a gap, is CaseAllocated; a worker who starts the day the previous one ends (or
// while they still hold the case) is SocialWorkerChanged from them; an end that no one follows, before the episode
// closes, is CaseUnallocated (closure itself ends the last allocation). The API gives neither a team nor the 903
// SW_REASON: the team is the worker's own on the start date, from their stream; the reason is OTHERS.
import type { CaseFacts } from '@csc/domain';
import type { ImportedFact } from '../import-facts';
import type { CscApiObject } from './csc-api-import-fields';
import { refuse } from './csc-api-import-fields';
import type { FactBuilder, RowBuilder } from './csc-api-import-mapping';

/** The team an allocation names when the store knows no team of the worker on its date (README: csc-api import). */
export const CSC_API_UNKNOWN_TEAM = 'csc-api-no-team';

export interface CareWorkersContext {
  readonly referralId: string;
  /** The episode's closure_date: an allocation ending then ends with the case. */
  readonly closedOn: string | undefined;
  readonly held: CaseFacts;
  teamOf(workerId: string, on: string): string | undefined;
  readonly row: RowBuilder;
  readonly fact: FactBuilder;
}

interface Allocation {
  readonly item: CscApiObject;
  readonly workerId: string;
  readonly start: string;
  readonly end: string | undefined;
}

export function mapCareWorkers(items: readonly CscApiObject[], context: CareWorkersContext): void {
  const { referralId, row, fact } = context;
  // Read every item first: whether an allocation is a change of worker depends on the ones around it.
  const read = items.map((item): Allocation | { item: CscApiObject; error: unknown } => {
    try {
      const workerId = item.id('worker_id', 12, 'it names the social worker (their Social Work England number).');
      const start = item.requiredDate('start_date', 'the allocation needs the date the worker started working with the child.');
      const end = item.date('end_date');
      if (end !== undefined && end < start)
        throw refuse('DATE_OUT_OF_SEQUENCE', item.at('end_date'), `${item.at('end_date')} ${end} is before the start_date ${start}.`);
      return { item, workerId, start, end };
    } catch (error) {
      return { item, error };
    }
  });
  const ordered = read.filter((entry): entry is Allocation => !('error' in entry)).sort((a, b) => a.start.localeCompare(b.start));
  const factsOf = new Map<Allocation, ImportedFact[]>();
  ordered.forEach((allocation, at) => {
    const previous = ordered[at - 1];
    const next = ordered[at + 1];
    const facts = [startOf(allocation, previous, context)];
    const endsAlone = allocation.end !== undefined && (next === undefined || next.start > allocation.end) && allocation.end !== context.closedOn;
    if (endsAlone) {
      facts.push(
        fact('unallocation', [referralId, allocation.workerId, allocation.start], {
          type: 'CaseUnallocated',
          occurredAt: allocation.end!,
          data: { workerId: allocation.workerId, reason: 'other' },
        }),
      );
    }
    factsOf.set(allocation, facts);
  });
  for (const entry of read) {
    const naturalKey = `episode ${referralId} worker ${String(entry.item.value.worker_id ?? '')} ${String(entry.item.value.start_date ?? '')}`.trim();
    row('care_worker_details', entry.item.path, naturalKey, () => {
      if ('error' in entry) throw entry.error;
      return factsOf.get(entry)!;
    });
  }
}

function startOf(allocation: Allocation, previous: Allocation | undefined, context: CareWorkersContext): ImportedFact {
  const { referralId, fact, held } = context;
  const teamId = context.teamOf(allocation.workerId, allocation.start) ?? CSC_API_UNKNOWN_TEAM;
  const key = [referralId, allocation.workerId, allocation.start];
  const follows = previous !== undefined && (previous.end === undefined || previous.end >= allocation.start);
  // A store that already holds the previous worker's unallocation on that day (an earlier file said so) is allocated afresh.
  const unallocatedHeld =
    previous !== undefined &&
    held.allocations.some((a) => a.workerId === previous.workerId && a.end?.eventType === 'CaseUnallocated' && a.end.on === allocation.start);
  if (follows && !unallocatedHeld) {
    return fact('allocation', key, {
      type: 'SocialWorkerChanged',
      occurredAt: allocation.start,
      data: { fromWorkerId: previous.workerId, toWorkerId: allocation.workerId, teamId, reason: 'OTHERS' },
    });
  }
  return fact('allocation', key, { type: 'CaseAllocated', occurredAt: allocation.start, data: { workerId: allocation.workerId, teamId } });
}
