import { CONTINUITY_SCHEMA } from '../continuity/continuity.projection';
import { isoDate, rowsOf, type ReadModelReader } from '../read-model-reader';
import { clockStateSql } from '../timeliness/clock-state.sql';
import { TIMELINESS_SCHEMA } from '../timeliness/timeliness.projection';
import { CHILD_TRACKER_SCHEMA } from './child-tracker.projection';

export interface TrackedClock {
  rule: string;
  anchor: string | null;
  subjectId: string;
  sequence: number | null;
  startedOn: string;
  dueOn: string;
  dueAt: string | null;
  stoppedOn: string | null;
  state: string;
  teamId: string | null;
  ruleVersion: string;
  calendarVersion: string;
  standardsVersion: string;
  convention: string;
}

export interface ChildTracker {
  childId: string;
  asOf: string;
  status: string;
  allocation: { workerId: string; teamId: string; since: string } | null;
  lastSeen: string | null;
  lastSeenAlone: string | null;
  lastStatutoryVisit: string | null;
  latestReview: string | null;
  referralsInLast12Months: number;
  placementsInLast12Months: number;
  clocks: TrackedClock[];
}

const T = CHILD_TRACKER_SCHEMA;

/** A child's tracker as at the end of a date; undefined when nothing is known of the child by then. */
export async function childTracker(reader: ReadModelReader, childId: string, asOf: string): Promise<ChildTracker | undefined> {
  const [summary] = await rowsOf<Record<string, unknown>>(
    reader,
    `SELECT
       (SELECT status FROM ${T}.status_periods WHERE child_id = $1 AND from_on <= $2::date AND (to_on IS NULL OR to_on > $2::date) ORDER BY from_on DESC LIMIT 1) AS status,
       (SELECT max(visited_on) FROM ${T}.visits WHERE child_id = $1 AND seen AND visited_on <= $2::date) AS last_seen,
       (SELECT max(visited_on) FROM ${T}.visits WHERE child_id = $1 AND seen_alone AND visited_on <= $2::date) AS last_seen_alone,
       -- A visit in which the child was not seen is kept, but it is not a statutory visit (Ofsted Annex A,
       -- "date of the last statutory visit"; Care Planning Regulations 2010 reg 28(5): the child must be seen).
       (SELECT max(visited_on) FROM ${T}.visits WHERE child_id = $1 AND seen AND visited_on <= $2::date) AS last_visit,
       (SELECT max(reviewed_on) FROM ${T}.reviews WHERE child_id = $1 AND reviewed_on <= $2::date) AS latest_review,
       (SELECT count(*)::int FROM ${T}.referrals WHERE child_id = $1 AND received_on <= $2::date AND received_on > ($2::date - interval '12 months')) AS referrals,
       -- Placements in the last 12 months count the one the child was already in when they began (Ofsted Annex A
       -- List 8, "number of placements in the last 12 months"; DfE 903 stability measure): looked after at the start.
       (SELECT count(*)::int FROM ${T}.placements WHERE child_id = $1 AND started_on <= $2::date AND started_on > ($2::date - interval '12 months'))
         + (SELECT count(*)::int FROM (SELECT 1 FROM ${T}.status_periods WHERE child_id = $1 AND status = 'looked-after'
              AND from_on <= ($2::date - interval '12 months') AND (to_on IS NULL OR to_on > ($2::date - interval '12 months')) LIMIT 1) at_start) AS placements,
       (SELECT min(from_on) FROM ${T}.status_periods WHERE child_id = $1) AS known_from`,
    [childId, asOf],
  );
  if (!summary.known_from || isoDate(summary.known_from)! > asOf) return undefined;
  const [allocation] = await rowsOf<{ worker_id: string; team_id: string; from_on: unknown }>(
    reader,
    `SELECT worker_id, team_id, from_on FROM ${CONTINUITY_SCHEMA}.allocation_periods
     WHERE child_id = $1 AND from_on <= $2::date AND (ended_on IS NULL OR ended_on > $2::date) ORDER BY from_on DESC LIMIT 1`,
    [childId, asOf],
  );
  const clocks = await rowsOf<Record<string, unknown>>(
    reader,
    `SELECT c.*, ${clockStateSql('$2')} AS state FROM ${TIMELINESS_SCHEMA}.clocks c
     WHERE c.child_id = $1 AND c.started_on <= $2::date ORDER BY c.started_on, c.rule, c.clock_key`,
    [childId, asOf],
  );
  return {
    childId,
    asOf,
    status: (summary.status as string) ?? 'not-known',
    allocation: allocation ? { workerId: allocation.worker_id, teamId: allocation.team_id, since: isoDate(allocation.from_on)! } : null,
    lastSeen: isoDate(summary.last_seen),
    lastSeenAlone: isoDate(summary.last_seen_alone),
    lastStatutoryVisit: isoDate(summary.last_visit),
    latestReview: isoDate(summary.latest_review),
    referralsInLast12Months: Number(summary.referrals),
    placementsInLast12Months: Number(summary.placements),
    clocks: clocks.map(toTrackedClock),
  };
}

export function toTrackedClock(row: Record<string, unknown>): TrackedClock {
  return {
    rule: row.rule as string,
    anchor: (row.anchor as string) ?? null,
    subjectId: row.subject_id as string,
    sequence: row.sequence === null ? null : Number(row.sequence),
    startedOn: isoDate(row.started_on)!,
    dueOn: isoDate(row.due_on)!,
    dueAt: row.due_at ? new Date(row.due_at as string).toISOString() : null,
    stoppedOn: isoDate(row.stopped_on),
    state: row.state as string,
    teamId: (row.team_id as string) ?? null,
    ruleVersion: row.rule_version as string,
    calendarVersion: row.calendar_version as string,
    standardsVersion: row.standards_version as string,
    convention: row.convention as string,
  };
}

export interface OverdueClock extends TrackedClock {
  childId: string;
  daysOverdue: number;
}

/** Clocks open and past due at the end of a date, most overdue first. */
/**
 * The team that holds the clock's child on the date asked ($1): the team of the child's allocation period
 * that began last on or before it, as TeamScope judges a practitioner's right to see the child. A child
 * moved to another team is listed under the new team, not under the team its clock started in.
 */
const HOLDING_TEAM_ON_AS_OF = `SELECT a.team_id FROM ${CONTINUITY_SCHEMA}.allocation_periods a
  WHERE a.child_id = c.child_id AND a.from_on <= $1::date ORDER BY a.from_on DESC, a.seq DESC LIMIT 1`;

export async function overdueClocks(
  reader: ReadModelReader,
  filter: { asOf: string; teamIds?: readonly string[]; rule?: string; limit: number },
): Promise<OverdueClock[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    reader,
    // Every overdue clock is found first (through the index on stopped_on, few are open on a recent date),
    // then the most overdue kept: left to itself, the planner walks the due dates from the oldest in the
    // hope of finding enough soon, and reads nearly every clock when there are fewer than the limit.
    `WITH overdue AS MATERIALIZED (
       SELECT c.*, 'overdue' AS state, ($1::date - c.due_on) AS days_overdue FROM ${TIMELINESS_SCHEMA}.clocks c
       WHERE c.started_on <= $1::date AND c.due_on < $1::date AND (c.stopped_on IS NULL OR c.stopped_on > $1::date)
         AND ($2::text[] IS NULL OR (${HOLDING_TEAM_ON_AS_OF}) = ANY($2::text[])) AND ($3::text IS NULL OR c.rule = $3))
     SELECT * FROM overdue ORDER BY due_on, child_id, clock_key LIMIT $4`,
    [filter.asOf, filter.teamIds ? [...filter.teamIds] : null, filter.rule ?? null, filter.limit],
  );
  return rows.map((row) => ({ ...toTrackedClock(row), childId: row.child_id as string, daysOverdue: Number(row.days_overdue) }));
}
