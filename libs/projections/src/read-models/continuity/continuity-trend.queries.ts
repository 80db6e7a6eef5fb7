import { CHILD_TRACKER_SCHEMA } from '../child-tracker/child-tracker.projection';
import { isoDate, rowsOf, withoutJit, type ReadModelReader } from '../read-model-reader';
import { CONTINUITY_SCHEMA } from './continuity.projection';
import { COHORTS, cohortPredicateOn, continuityFiguresOf, windowStartOf, type Cohort, type ContinuityFigures } from './continuity.queries';

const C = CONTINUITY_SCHEMA;

/** Each date asked ($1, an array) with the first day of its window. */
const DATES = `SELECT u.as_of, ${windowStartOf('u.as_of')} AS window_start FROM unnest($1::date[]) AS u(as_of)`;

/** The cohort of each date: continuityFigures' cohort, with the date of the row (d.as_of) in place of $1. */
const COHORTS_ON_DATES = `SELECT DISTINCT d.as_of, d.window_start, s.child_id
       FROM (${DATES}) d JOIN ${CHILD_TRACKER_SCHEMA}.status_periods s ON ${cohortPredicateOn('d.as_of')}`;

type ChildRow = { as_of: unknown; child_id: string; workers: string[] | null; days_unallocated: number; window_start: unknown };
type ChangeRow = { as_of: unknown; window_start: unknown; reason: string | null; changes: number | null };

/**
 * continuityFigures for many dates (a trend of month ends) in two statements rather than two per date: the same
 * cohort, window, workers, days unallocated and changes for each date, as `continuityFigures` gives them one date
 * at a time (the board pack and the continuity page ask twelve month ends). `explainOn` names the one date whose
 * children are listed.
 */
export async function continuityTrend(
  reader: ReadModelReader,
  query: { asOfs: readonly string[]; months: number; cohort: Cohort; explainOn?: string },
): Promise<ContinuityFigures[]> {
  const dates = [...new Set(query.asOfs)];
  if (dates.length === 0) return [];
  const parameters = [dates, query.months, COHORTS[query.cohort]];
  // Set-based rather than a lookup per (date, child): the allocations and episodes are joined to the cohorts of every
  // date at once and grouped. Such a plan looks costly enough to the planner to be JIT-compiled, which takes far longer
  // than running it (most of a second for a county's trend): JIT is off for these two statements.
  const [rows, changeRows] = await withoutJit(reader, (inside) =>
    Promise.all([
      rowsOf<ChildRow>(
        inside,
        `WITH cohort AS MATERIALIZED (${COHORTS_ON_DATES}),
         held AS (
           SELECT c.as_of, c.window_start, c.child_id,
             array_agg(DISTINCT a.worker_id ORDER BY a.worker_id) FILTER (WHERE a.child_id IS NOT NULL) AS workers,
             range_agg(daterange(a.from_on, a.ended_on, '[)')) FILTER (WHERE a.child_id IS NOT NULL) AS held
           FROM cohort c LEFT JOIN ${C}.allocation_periods a
             ON a.child_id = c.child_id AND a.from_on <= c.as_of AND (a.ended_on IS NULL OR a.ended_on >= c.window_start)
           GROUP BY c.as_of, c.window_start, c.child_id),
         open AS (
           SELECT e.child_id, range_agg(daterange(e.opened_on, e.closed_on, '[)')) AS open FROM ${C}.episodes e
           WHERE e.child_id IN (SELECT child_id FROM cohort) GROUP BY e.child_id)
         SELECT h.as_of, h.child_id, h.workers, h.window_start,
           coalesce((SELECT sum(upper(r) - lower(r))
                     FROM unnest(o.open * datemultirange(daterange(h.window_start, h.as_of, '[]')) - coalesce(h.held, '{}'::datemultirange)) AS r), 0)::int
             AS days_unallocated
         FROM held h LEFT JOIN open o ON o.child_id = h.child_id
         ORDER BY h.as_of, h.child_id`,
        parameters,
      ),
      rowsOf<ChangeRow>(
        inside,
        `WITH cohort AS MATERIALIZED (${COHORTS_ON_DATES})
         SELECT d.as_of, d.window_start, ch.reason, ch.changes
         FROM (${DATES}) d
         LEFT JOIN (
           SELECT c.as_of, a.change_reason AS reason, count(*)::int AS changes
           FROM cohort c
           CROSS JOIN LATERAL (SELECT a.change_reason, a.from_on FROM ${C}.allocation_periods a
             WHERE a.child_id = c.child_id AND a.started_by = 'SocialWorkerChanged' OFFSET 0) a
           WHERE a.from_on BETWEEN c.window_start AND c.as_of
           GROUP BY c.as_of, a.change_reason) ch ON ch.as_of = d.as_of
         ORDER BY d.as_of, ch.reason`,
        parameters,
      ),
    ]),
  );
  const byDate = <Row extends { as_of: unknown }>(all: readonly Row[]) => {
    const grouped = new Map<string, Row[]>(dates.map((date) => [date, []]));
    for (const row of all) grouped.get(isoDate(row.as_of)!)!.push(row);
    return grouped;
  };
  const childrenOn = byDate(rows);
  const changesOn = byDate(changeRows);
  return query.asOfs.map((asOf) =>
    continuityFiguresOf({ asOf, cohort: query.cohort, explain: asOf === query.explainOn }, childrenOn.get(asOf)!, changesOn.get(asOf)!),
  );
}
