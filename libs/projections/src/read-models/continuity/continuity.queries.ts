import { CHILD_TRACKER_SCHEMA } from '../child-tracker/child-tracker.projection';
import { isoDate, rowsOf, type ReadModelReader } from '../read-model-reader';
import { CONTINUITY_SCHEMA } from './continuity.projection';

export const COHORTS = { all: null, cin: 'child-in-need', cp: 'child-protection', cla: 'looked-after' } as const;
export type Cohort = keyof typeof COHORTS;

export interface ContinuityFigures {
  asOf: string;
  windowStart: string;
  cohort: Cohort;
  children: number;
  noWorker: number;
  oneWorker: number;
  twoWorkers: number;
  threeOrMore: number;
  percentThreeOrMore: number | null;
  /** Changes of worker (SocialWorkerChanged) in the window, by SW_REASON code. */
  changesByReason: Record<string, number>;
  /** Days, summed over the cohort, that a child's open case had no social worker in the window. */
  daysUnallocated: number;
  /** With explain: each child of the cohort and the workers counted. */
  explain?: Array<{ childId: string; workers: string[]; daysUnallocated: number }>;
}

const C = CONTINUITY_SCHEMA;

/** The first day of the window of $2 months ending on the date `on` (an SQL date expression). */
export const windowStartOf = (on: string) => `((${on} - make_interval(months => $2))::date + 1)`;
const WINDOW_START = windowStartOf('$1::date');

/**
 * The children in the cohort ($3: a status, or null for every open case) at the end of $1. The looked-after
 * cohort leaves out children looked after under a series of short breaks (legal status V3 or V4 on $1), as the
 * DfE's looked-after statistics and its social worker continuity measure do ("Children looked after in
 * England", methodology: children looked after under an agreed series of short-term placements are excluded).
 */
export const cohortPredicateOn = (on: string) => `s.from_on <= ${on} AND (s.to_on IS NULL OR s.to_on > ${on})
         AND s.status NOT IN ('closed', 'not-known') AND ($3::text IS NULL OR s.status = $3)
         AND ($3::text IS DISTINCT FROM 'looked-after' OR NOT EXISTS (
           SELECT 1 FROM ${CHILD_TRACKER_SCHEMA}.legal_statuses l
           WHERE l.child_id = s.child_id AND l.legal_status IN ('V3', 'V4') AND l.from_on <= ${on} AND (l.to_on IS NULL OR l.to_on > ${on})))`;
const COHORT_ON_AS_OF = `SELECT DISTINCT s.child_id FROM ${CHILD_TRACKER_SCHEMA}.status_periods s
       WHERE ${cohortPredicateOn('$1::date')}`;

/**
 * How many different social workers each child in the cohort had in the window ending on asOf,
 * counted the DfE way (each worker once per child: A, then B, then A again is two workers).
 * The cohort is the children in that group on asOf: 'all' means every child whose case is open.
 */
export async function continuityFigures(
  reader: ReadModelReader,
  query: { asOf: string; months: number; cohort: Cohort; explain?: boolean },
): Promise<ContinuityFigures> {
  const status = COHORTS[query.cohort];
  // Two independent queries, run side by side. First, per child of the cohort: the workers who held the
  // case in the window, and the days its open case had none (the days of the window in an open episode,
  // less those some allocation covered). Only the allocations that overlap the window matter for either,
  // since the open days lie inside the window. The cohort is materialized and read through DISTINCT so
  // that the planner reckons on a few hundred children: its estimate of an open cohort is several times
  // too high, and a plan that looks that costly gets JIT-compiled, which takes far longer than running it.
  const [rows, changeRows] = await Promise.all([
    rowsOf<{ child_id: string; workers: string[] | null; days_unallocated: number; window_start: unknown }>(
      reader,
      `WITH cohort AS MATERIALIZED (${COHORT_ON_AS_OF})
     SELECT c.child_id, held.workers, ${WINDOW_START} AS window_start,
       coalesce((SELECT sum(upper(r) - lower(r))
                 FROM unnest((SELECT range_agg(daterange(e.opened_on, e.closed_on, '[)')) FROM ${C}.episodes e WHERE e.child_id = c.child_id)
                             * datemultirange(daterange(${WINDOW_START}, $1::date, '[]'))
                             - coalesce(held.held, '{}'::datemultirange)) AS r), 0)::int AS days_unallocated
     FROM (SELECT DISTINCT child_id FROM cohort) c
     -- Each child's allocations through its key, the window applied after (OFFSET 0): without statistics the
     -- planner otherwise ANDs the key with the index of every allocation started by $1, read once per child.
     CROSS JOIN LATERAL (
       SELECT array_agg(DISTINCT a.worker_id ORDER BY a.worker_id) AS workers, range_agg(daterange(a.from_on, a.ended_on, '[)')) AS held
       FROM (SELECT a.worker_id, a.from_on, a.ended_on FROM ${C}.allocation_periods a WHERE a.child_id = c.child_id OFFSET 0) a
       WHERE a.from_on <= $1::date AND (a.ended_on IS NULL OR a.ended_on >= ${WINDOW_START})) held
     ORDER BY c.child_id`,
      [query.asOf, query.months, status],
    ),
    // The window's first day comes with the changes, so that it is known even when the cohort is empty.
    rowsOf<{ window_start: unknown; reason: string | null; changes: number | null }>(
      reader,
      `SELECT w.start_on AS window_start, ch.reason, ch.changes
     FROM (SELECT ${WINDOW_START} AS start_on) w
     LEFT JOIN LATERAL (
       SELECT a.change_reason AS reason, count(*)::int AS changes
       FROM (${COHORT_ON_AS_OF}) c
       -- Each child's changes through its key, the window applied after (OFFSET 0 keeps the lookup per child): left to
       -- itself, a planner without statistics yet (a read model just rebuilt) compared every change in the window
       -- with every child of the cohort, or read the whole window's index once per child.
       CROSS JOIN LATERAL (SELECT a.change_reason, a.from_on FROM ${C}.allocation_periods a
         WHERE a.child_id = c.child_id AND a.started_by = 'SocialWorkerChanged' OFFSET 0) a
       WHERE a.from_on BETWEEN ${WINDOW_START} AND $1::date
       GROUP BY a.change_reason) ch ON true
     ORDER BY ch.reason`,
      [query.asOf, query.months, status],
    ),
  ]);
  return continuityFiguresOf(query, rows, changeRows);
}

/** The figures of one date from its cohort's rows and its changes (the first row of which carries the window's start). */
export function continuityFiguresOf(
  query: { asOf: string; cohort: Cohort; explain?: boolean },
  rows: ReadonlyArray<{ child_id: string; workers: string[] | null; days_unallocated: number; window_start: unknown }>,
  changeRows: ReadonlyArray<{ window_start: unknown; reason: string | null; changes: number | null }>,
): ContinuityFigures {
  const window_start = changeRows[0].window_start;
  const changes = changeRows.filter((change) => change.changes !== null) as Array<{ reason: string | null; changes: number }>;
  const counted = rows.map((row) => row.workers?.length ?? 0);
  const children = rows.length;
  const threeOrMore = counted.filter((count) => count >= 3).length;
  return {
    asOf: query.asOf,
    windowStart: isoDate(rows[0]?.window_start ?? window_start)!,
    cohort: query.cohort,
    children,
    noWorker: counted.filter((count) => count === 0).length,
    oneWorker: counted.filter((count) => count === 1).length,
    twoWorkers: counted.filter((count) => count === 2).length,
    threeOrMore,
    percentThreeOrMore: children === 0 ? null : Math.round((threeOrMore / children) * 1000) / 10,
    changesByReason: Object.fromEntries(changes.map((change) => [change.reason ?? 'UNKNOWN', change.changes])),
    daysUnallocated: rows.reduce((sum, row) => sum + Number(row.days_unallocated), 0),
    ...(query.explain
      ? { explain: rows.map((row) => ({ childId: row.child_id, workers: row.workers ?? [], daysUnallocated: Number(row.days_unallocated) })) }
      : {}),
  };
}

export interface AllocationPeriod {
  workerId: string;
  teamId: string;
  from: string;
  /** The day it ended (the next worker's first day, the day it was unallocated, or the closure); null if it goes on. */
  to: string | null;
  /** Why it started: the SW_REASON of a change, or 'allocated' for a first allocation. */
  reason: string;
  endedBy: string | null;
}

/** A child's allocation periods that overlap a range of dates. */
export async function childWorkerPeriods(reader: ReadModelReader, childId: string, from: string, to: string): Promise<AllocationPeriod[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    reader,
    `SELECT * FROM ${C}.allocation_periods WHERE child_id = $1 AND from_on <= $3::date AND (ended_on IS NULL OR ended_on >= $2::date) ORDER BY seq`,
    [childId, from, to],
  );
  return rows.map((row) => ({
    workerId: row.worker_id as string,
    teamId: row.team_id as string,
    from: isoDate(row.from_on)!,
    to: isoDate(row.ended_on),
    reason: row.started_by === 'SocialWorkerChanged' ? ((row.change_reason as string) ?? 'OTHERS') : 'allocated',
    endedBy: (row.ended_by as string) ?? null,
  }));
}
