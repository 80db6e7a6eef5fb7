import { CHILD_TRACKER_SCHEMA } from '../child-tracker/child-tracker.projection';
import { rowsOf, withoutJit, type ReadModelReader } from '../read-model-reader';
import { CONTINUITY_SCHEMA } from './continuity.projection';
import { COHORTS, cohortPredicateOn, continuityFiguresOf, windowStartOf, type Cohort, type ContinuityFigures } from './continuity.queries';

const C = CONTINUITY_SCHEMA;

/** Each date asked ($1, an array) with the first day of its window. */
const DATES = `SELECT u.as_of, ${windowStartOf('u.as_of')} AS window_start FROM unnest($1::date[]) AS u(as_of)`;

/** The cohort of each date: continuityFigures' cohort, with the date of the row (d.as_of) in place of $1. */
const COHORTS_ON_DATES = `SELECT DISTINCT d.as_of, d.window_start, s.child_id
       FROM (${DATES}) d JOIN ${CHILD_TRACKER_SCHEMA}.status_periods s ON ${cohortPredicateOn('d.as_of')}`;

type ChildRow = { child_id: string; workers: string[] | null; days_unallocated: number; window_start: unknown };
type ChangeRow = { window_start: unknown; reason: string | null; changes: number | null };
/** A child of some date's cohort: those dates, and all its allocations (by worker) and episodes. */
type MemberRow = {
  child_id: string;
  dates: string[];
  allocations: Array<[worker: string, from: string, ended: string | null, startedBy: string, reason: string | null]> | null;
  episodes: Array<[opened: string, closed: string | null]> | null;
};

/**
 * continuityFigures for many dates (a trend of month ends) in one statement rather than two per date: the same
 * cohort, window, workers, days unallocated and changes for each date, as `continuityFigures` gives them one date
 * at a time (the board pack and the continuity page ask twelve month ends). `explainOn` names the one date whose
 * children are listed.
 *
 * The statement gives each child of any date's cohort once, with the dates it is in the cohort and its allocations
 * and episodes; each date's figures are then worked out here with the same day arithmetic as continuityFigures'
 * ranges (an allocation or episode holds from its first day up to the day before it ended). Grouping the
 * allocations by date and child in the database (tens of thousands of groups for a county's open cases over twelve
 * month ends) cost ten times as much as the reading.
 */
export async function continuityTrend(
  reader: ReadModelReader,
  query: { asOfs: readonly string[]; months: number; cohort: Cohort; explainOn?: string },
): Promise<ContinuityFigures[]> {
  const dates = [...new Set(query.asOfs)];
  if (dates.length === 0) return [];
  const parameters = [dates, query.months, COHORTS[query.cohort]];
  // Such a plan looks costly enough to the planner to be JIT-compiled, which takes far longer than running it: JIT is
  // off for these statements.
  const [windows, members] = await withoutJit(reader, async (inside) => [
    await rowsOf<{ as_of: string; window_start: string }>(inside, `SELECT d.as_of::text, d.window_start::text FROM (${DATES}) d`, parameters.slice(0, 2)),
    await rowsOf<MemberRow>(
      inside,
      `WITH cohort AS MATERIALIZED (${COHORTS_ON_DATES}),
       members AS (SELECT child_id, json_agg(as_of ORDER BY as_of) AS dates FROM cohort GROUP BY child_id),
       allocations AS (
         SELECT a.child_id, json_agg(json_build_array(a.worker_id, a.from_on, a.ended_on, a.started_by, a.change_reason) ORDER BY a.worker_id, a.seq)
           AS allocations
         FROM ${C}.allocation_periods a WHERE a.child_id IN (SELECT child_id FROM members) GROUP BY a.child_id),
       episodes AS (
         SELECT e.child_id, json_agg(json_build_array(e.opened_on, e.closed_on)) AS episodes
         FROM ${C}.episodes e WHERE e.child_id IN (SELECT child_id FROM members) GROUP BY e.child_id)
       SELECT m.child_id, m.dates, a.allocations, e.episodes
       FROM members m LEFT JOIN allocations a ON a.child_id = m.child_id LEFT JOIN episodes e ON e.child_id = m.child_id
       ORDER BY m.child_id`,
      parameters,
    ),
  ]);
  const windowStartOn = new Map(windows.map((row) => [row.as_of, row.window_start]));
  const windowOn = new Map(windows.map((row) => [row.as_of, { start: row.window_start, days: [dayOf(row.window_start), dayOf(row.as_of) + 1] as Range }]));
  const childrenOn = new Map<string, ChildRow[]>(dates.map((date) => [date, []]));
  const changesOn = new Map<string, Map<string | null, number>>(dates.map((date) => [date, new Map()]));
  for (const member of members) {
    const child = inDays(member);
    for (const asOf of member.dates) {
      const window = windowOn.get(asOf)!;
      childrenOn.get(asOf)!.push(childOn(child, window.start, window.days));
      const counted = changesOn.get(asOf)!;
      for (const change of child.changes) {
        if (change.from >= window.days[0] && change.from < window.days[1]) counted.set(change.reason, (counted.get(change.reason) ?? 0) + 1);
      }
    }
  }
  return query.asOfs.map((asOf) => {
    const windowStart = windowStartOn.get(asOf)!;
    const reasons = [...changesOn.get(asOf)!].sort(([a], [b]) => byReason(a, b));
    const changeRows: ChangeRow[] =
      reasons.length === 0
        ? [{ window_start: windowStart, reason: null, changes: null }]
        : reasons.map(([reason, changes]) => ({ window_start: windowStart, reason, changes }));
    return continuityFiguresOf({ asOf, cohort: query.cohort, explain: asOf === query.explainOn }, childrenOn.get(asOf)!, changeRows);
  });
}

/** Days since 1970-01-01, half-open: [first day, the day after the last). */
type Range = [number, number];

/** A child of the cohorts with its allocations, episodes and changes of worker in days. */
function inDays(member: MemberRow) {
  const allocations = (member.allocations ?? []).map(([worker, from, ended, startedBy, reason]) => ({
    worker,
    days: [dayOf(from), ended === null ? Infinity : dayOf(ended)] as Range,
    startedBy,
    reason,
  }));
  return {
    childId: member.child_id,
    allocations,
    changes: allocations
      .filter((allocation) => allocation.startedBy === 'SocialWorkerChanged')
      .map((allocation) => ({ from: allocation.days[0], reason: allocation.reason })),
    episodes: (member.episodes ?? []).map(([opened, closed]): Range => [dayOf(opened), closed === null ? Infinity : dayOf(closed)]),
  };
}

/**
 * One child's row of a date's cohort, as continuityFigures' statement gives it: the workers of the allocations that
 * began by the date and had not ended before the window (each once, in order), and the days of the window (`window`,
 * from windowStart to the date) in its open episodes that none of those allocations covered.
 */
function childOn(child: ReturnType<typeof inDays>, windowStart: string, window: Range): ChildRow {
  let workers: string[] | null = null;
  let held: Range[] | null = null;
  for (const { worker, days } of child.allocations) {
    // Began by the date (before the day after it) and ended on or after the window's first day.
    if (days[0] >= window[1] || days[1] < window[0]) continue;
    if (workers === null) workers = [worker];
    else if (workers[workers.length - 1] !== worker) workers.push(worker);
    (held ??= []).push(days);
  }
  // The days of the window in an open episode, less those some allocation covered.
  let daysUnallocated = 0;
  const covered = held === null ? [] : unionOf(held);
  for (const [opened, closed] of unionOf(child.episodes)) {
    const from = Math.max(opened, window[0]);
    const to = Math.min(closed, window[1]);
    if (from >= to) continue;
    daysUnallocated += to - from;
    for (const [start, end] of covered) daysUnallocated -= Math.max(0, Math.min(to, end) - Math.max(from, start));
  }
  return { child_id: child.childId, workers, days_unallocated: daysUnallocated, window_start: windowStart };
}

/** Ranges merged into disjoint ones in order; empty ranges dropped. */
function unionOf(ranges: readonly Range[]): readonly Range[] {
  if (ranges.length === 1) return ranges[0][0] < ranges[0][1] ? ranges : [];
  const nonEmpty = ranges.filter(([from, to]) => from < to);
  const merged: Range[] = [];
  for (const [from, to] of nonEmpty.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

function dayOf(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;
}

/** SW_REASON codes in order, as the statement ordered them; a change without one last. */
function byReason(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
