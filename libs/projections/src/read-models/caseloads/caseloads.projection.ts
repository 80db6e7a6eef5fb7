import type { CaseReadModel, DerivedRows } from '../../engine/case-read-model';
import { childFold, factsOf } from '../../engine/subject-folds';

export const CASELOADS_SCHEMA = 'rm_caseloads';

/**
 * Caseloads: the cases each worker held over time (from children's allocations), and each worker's
 * spells in post with their team, role, FTE and contract over time (from the worker's own events).
 * A worker the service has never heard of still holds cases; their FTE and role are unknown.
 */
export const caseloadsReadModel: CaseReadModel = {
  name: 'caseloads',
  schema: CASELOADS_SCHEMA,
  categories: ['child', 'worker'],
  eventTypes: [
    'ReferralReceived',
    'CaseAllocated',
    'SocialWorkerChanged',
    'CaseUnallocated',
    'CaseClosed',
    'SocialWorkerJoined',
    'SocialWorkerDetailsChanged',
    'SocialWorkerLeft',
  ],
  tables: [
    {
      name: 'holdings',
      subject: 'child',
      subjectColumn: 'child_id',
      columns: ['child_id', 'seq', 'worker_id', 'team_id', 'from_on', 'ended_on', 'start_event_id'],
    },
    {
      name: 'worker_details',
      subject: 'worker',
      subjectColumn: 'worker_id',
      columns: ['worker_id', 'from_on', 'to_on', 'team_id', 'role', 'fte', 'agency', 'event_id'],
    },
  ],
  migrations: [
    {
      version: 1,
      name: 'holdings and worker details',
      sql: (schema) => `
        CREATE TABLE ${schema}.holdings (
          child_id text NOT NULL, seq int NOT NULL, worker_id text NOT NULL, team_id text NOT NULL,
          from_on date NOT NULL, ended_on date, start_event_id text NOT NULL, PRIMARY KEY (child_id, seq));
        CREATE INDEX ON ${schema}.holdings (worker_id, from_on);
        CREATE INDEX ON ${schema}.holdings (from_on, ended_on);
        CREATE TABLE ${schema}.worker_details (
          worker_id text NOT NULL, from_on date NOT NULL, to_on date, team_id text NOT NULL, role text NOT NULL,
          fte numeric(3, 2) NOT NULL, agency boolean NOT NULL, event_id text NOT NULL);
        CREATE INDEX ON ${schema}.worker_details (worker_id, from_on);
        COMMENT ON COLUMN ${schema}.worker_details.to_on IS 'The day these details stopped applying (a change, or leaving); null while they apply.';`,
    },
    {
      version: 2,
      name: 'index of holdings by end',
      // The cases held on a date: the holdings in force then, found by their end (none, or after the date).
      sql: (schema) => `CREATE INDEX ON ${schema}.holdings (ended_on, from_on);`,
    },
  ],
  derive(subject, folded): DerivedRows {
    if (folded.kind === 'worker') {
      const state = folded.state;
      return {
        worker_details: state.employments.flatMap((employment) =>
          employment.details.map((details, index) => ({
            worker_id: subject.id,
            from_on: details.from,
            to_on: employment.details[index + 1]?.from ?? employment.leftOn ?? null,
            team_id: details.teamId,
            role: details.role,
            fte: details.fte,
            agency: details.agency,
            event_id: details.eventId,
          })),
        ),
      };
    }
    const facts = factsOf(childFold(folded));
    return {
      holdings: facts.allocations.map((allocation, seq) => ({
        child_id: subject.id,
        seq,
        worker_id: allocation.workerId,
        team_id: allocation.teamId,
        from_on: allocation.on,
        ended_on: allocation.end?.on ?? null,
        start_event_id: allocation.eventId,
      })),
    };
  },
};
