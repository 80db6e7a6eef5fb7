import { CONTINUITY_SCHEMA } from '../continuity/continuity.projection';
import { isoDate, rowsOf, type ReadModelReader } from '../read-model-reader';
import { clockStateSql } from '../timeliness/clock-state.sql';
import { TIMELINESS_SCHEMA } from '../timeliness/timeliness.projection';
import { CHILD_TRACKER_SCHEMA } from './child-tracker.projection';
import { toTrackedClock, type ChildTracker, type TrackedClock } from './child-tracker.queries';

const T = CHILD_TRACKER_SCHEMA;

/**
 * The trackers of many children as at the end of one date, in three statements whatever the number of children:
 * what `childTracker` answers for each of them (the same definitions, row for row), for a return that needs every
 * child's tracker (Annex A asked `childTracker` once per child: four round trips each, about 20 s for a county).
 * A child nothing is known of by then has no entry.
 */
export async function childTrackersAsAt(reader: ReadModelReader, childIds: readonly string[], asOf: string): Promise<Map<string, ChildTracker>> {
  const ids = [...new Set(childIds)];
  if (ids.length === 0) return new Map();
  // Each figure is looked up through the child's index (child_id, date) as childTracker looks it up for one child.
  const summaries = await rowsOf<Record<string, unknown>>(
    reader,
    `SELECT k.child_id,
       (SELECT status FROM ${T}.status_periods WHERE child_id = k.child_id AND from_on <= $2::date AND (to_on IS NULL OR to_on > $2::date) ORDER BY from_on DESC LIMIT 1) AS status,
       (SELECT max(visited_on) FROM ${T}.visits WHERE child_id = k.child_id AND seen AND visited_on <= $2::date) AS last_seen,
       (SELECT max(visited_on) FROM ${T}.visits WHERE child_id = k.child_id AND seen_alone AND visited_on <= $2::date) AS last_seen_alone,
       (SELECT max(reviewed_on) FROM ${T}.reviews WHERE child_id = k.child_id AND reviewed_on <= $2::date) AS latest_review,
       (SELECT count(*)::int FROM ${T}.referrals WHERE child_id = k.child_id AND received_on <= $2::date AND received_on > ($2::date - interval '12 months')) AS referrals,
       (SELECT count(*)::int FROM ${T}.placements WHERE child_id = k.child_id AND started_on <= $2::date AND started_on > ($2::date - interval '12 months'))
         + (SELECT count(*)::int FROM (SELECT 1 FROM ${T}.status_periods WHERE child_id = k.child_id AND status = 'looked-after'
              AND from_on <= ($2::date - interval '12 months') AND (to_on IS NULL OR to_on > ($2::date - interval '12 months')) LIMIT 1) at_start) AS placements,
       (SELECT min(from_on) FROM ${T}.status_periods WHERE child_id = k.child_id) AS known_from,
       a.worker_id, a.team_id, a.from_on AS allocated_from
     FROM unnest($1::text[]) AS k(child_id)
     LEFT JOIN LATERAL (
       SELECT worker_id, team_id, from_on FROM ${CONTINUITY_SCHEMA}.allocation_periods
       WHERE child_id = k.child_id AND from_on <= $2::date AND (ended_on IS NULL OR ended_on > $2::date) ORDER BY from_on DESC LIMIT 1) a ON true`,
    [ids, asOf],
  );
  const clocks = await rowsOf<Record<string, unknown>>(
    reader,
    `SELECT c.*, ${clockStateSql('$2')} AS state FROM ${TIMELINESS_SCHEMA}.clocks c
     WHERE c.child_id = ANY($1::text[]) AND c.started_on <= $2::date ORDER BY c.child_id, c.started_on, c.rule, c.clock_key`,
    [ids, asOf],
  );
  const clocksOf = new Map<string, TrackedClock[]>();
  for (const row of clocks) {
    const childId = row.child_id as string;
    if (!clocksOf.has(childId)) clocksOf.set(childId, []);
    clocksOf.get(childId)!.push(toTrackedClock(row));
  }
  const trackers = new Map<string, ChildTracker>();
  for (const summary of summaries) {
    if (!summary.known_from || isoDate(summary.known_from)! > asOf) continue;
    const childId = summary.child_id as string;
    const lastSeen = isoDate(summary.last_seen);
    trackers.set(childId, {
      childId,
      asOf,
      status: (summary.status as string) ?? 'not-known',
      allocation: summary.worker_id
        ? { workerId: summary.worker_id as string, teamId: summary.team_id as string, since: isoDate(summary.allocated_from)! }
        : null,
      lastSeen,
      lastSeenAlone: isoDate(summary.last_seen_alone),
      // The last statutory visit is the last visit in which the child was seen (childTracker's note on reg 28(5)).
      lastStatutoryVisit: lastSeen,
      latestReview: isoDate(summary.latest_review),
      referralsInLast12Months: Number(summary.referrals),
      placementsInLast12Months: Number(summary.placements),
      clocks: clocksOf.get(childId) ?? [],
    });
  }
  return trackers;
}
