import { toTrackedClock, type TrackedClock } from '../child-tracker/child-tracker.queries';
import { rowsOf, type ReadModelReader } from '../read-model-reader';
import { TIMELINESS_SCHEMA } from './timeliness.projection';

export interface DueSoonClock extends TrackedClock {
  childId: string;
  /** Calendar days from the date asked about to the due date (0: due that day). */
  daysLeft: number;
}

/**
 * Clocks open and due soon at the end of a date (on or after their stored due-soon date, not yet past
 * due, not stopped by then), soonest first: the same state as clockStateSql's 'due-soon'.
 */
export async function dueSoonClocks(reader: ReadModelReader, filter: { asOf: string; teamIds?: readonly string[]; limit: number }): Promise<DueSoonClock[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    reader,
    `SELECT c.*, 'due-soon' AS state, (c.due_on - $1::date) AS days_left FROM ${TIMELINESS_SCHEMA}.clocks c
     WHERE c.due_on >= $1::date AND c.due_soon_from <= $1::date AND c.started_on <= $1::date
       AND (c.stopped_on IS NULL OR c.stopped_on > $1::date) AND ($2::text[] IS NULL OR c.team_id = ANY($2::text[]))
     ORDER BY c.due_on, c.child_id, c.clock_key LIMIT $3`,
    [filter.asOf, filter.teamIds ? [...filter.teamIds] : null, filter.limit],
  );
  return rows.map((row) => ({ ...toTrackedClock(row), childId: row.child_id as string, daysLeft: Number(row.days_left) }));
}
