import type { CaseReadModel } from '../../engine/case-read-model';
import { childFold, factsOf } from '../../engine/subject-folds';

export const CONTINUITY_SCHEMA = 'rm_continuity';

const ALLOCATION_EVENTS = ['ReferralReceived', 'CaseAllocated', 'SocialWorkerChanged', 'CaseUnallocated', 'CaseClosed'];

/**
 * Continuity of social worker: every period a worker held a child's case (from the day it was
 * allocated to the day it ended, by a change, an unallocation or closure), with why it started and
 * ended, and the case's open episodes, so days unallocated can be counted for any window.
 */
export const continuityReadModel: CaseReadModel = {
  name: 'continuity',
  schema: CONTINUITY_SCHEMA,
  categories: ['child'],
  eventTypes: ALLOCATION_EVENTS,
  tables: [
    {
      name: 'allocation_periods',
      subject: 'child',
      subjectColumn: 'child_id',
      columns: [
        'child_id',
        'seq',
        'worker_id',
        'team_id',
        'from_on',
        'ended_on',
        'started_by',
        'change_reason',
        'ended_by',
        'unallocation_reason',
        'start_event_id',
        'end_event_id',
      ],
    },
    { name: 'episodes', subject: 'child', subjectColumn: 'child_id', columns: ['child_id', 'episode', 'opened_on', 'closed_on', 'opened_by_event_id'] },
  ],
  migrations: [
    {
      version: 1,
      name: 'allocation periods and episodes',
      sql: (schema) => `
        CREATE TABLE ${schema}.allocation_periods (
          child_id text NOT NULL, seq int NOT NULL, worker_id text NOT NULL, team_id text NOT NULL,
          from_on date NOT NULL, ended_on date, started_by text NOT NULL, change_reason text,
          ended_by text, unallocation_reason text, start_event_id text NOT NULL, end_event_id text,
          PRIMARY KEY (child_id, seq));
        COMMENT ON COLUMN ${schema}.allocation_periods.ended_on IS 'The day the period ended; the worker held the case at the end of every day from from_on up to the day before.';
        CREATE INDEX ON ${schema}.allocation_periods (worker_id, from_on);
        CREATE INDEX ON ${schema}.allocation_periods (from_on);
        CREATE TABLE ${schema}.episodes (child_id text NOT NULL, episode int NOT NULL, opened_on date NOT NULL, closed_on date, opened_by_event_id text NOT NULL, PRIMARY KEY (child_id, episode));`,
    },
    {
      version: 2,
      name: 'indexes of allocations and episodes by end',
      // Who is waiting for a worker on a date: the episodes open then and the allocations in force then,
      // found by their end (none, or after the date) rather than by reading them all.
      sql: (schema) => `
        CREATE INDEX ON ${schema}.allocation_periods (ended_on, from_on);
        CREATE INDEX ON ${schema}.episodes (closed_on, opened_on);`,
    },
  ],
  derive(subject, folded) {
    const facts = factsOf(childFold(folded));
    return {
      allocation_periods: facts.allocations.map((allocation, seq) => ({
        child_id: subject.id,
        seq,
        worker_id: allocation.workerId,
        team_id: allocation.teamId,
        from_on: allocation.on,
        ended_on: allocation.end?.on ?? null,
        started_by: allocation.startedBy,
        change_reason: allocation.changeReason ?? null,
        ended_by: allocation.end
          ? allocation.end.eventType === 'CaseUnallocated'
            ? 'unallocated'
            : allocation.end.by === 'case-closed'
              ? 'case-closed'
              : allocation.end.eventType === 'SocialWorkerChanged'
                ? 'changed'
                : allocation.end.by
          : null,
        unallocation_reason: allocation.end?.unallocationReason ?? null,
        start_event_id: allocation.eventId,
        end_event_id: allocation.end?.eventId ?? null,
      })),
      episodes: facts.episodes.map((episode) => ({
        child_id: subject.id,
        episode: episode.index,
        opened_on: episode.openedOn,
        closed_on: episode.closure?.on ?? null,
        opened_by_event_id: facts.referrals.get(episode.openedByReferralId)?.eventId ?? '',
      })),
    };
  },
};
