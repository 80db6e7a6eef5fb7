import { isoDate, rowsOf, withPlannerSettings, type ReadModelReader } from '../read-model-reader';
import { clockStateSql } from './clock-state.sql';
import { TIMELINESS_SCHEMA } from './timeliness.projection';

export interface TimelinessCounts {
  total: number;
  met: number;
  late: number;
  /** Still open and past due at the end of the period. */
  overdue: number;
  /** Ended without the stopping event after falling due: a breach never put right. */
  lapsed: number;
  /** Stopped being due before falling due (not required, or its context ended). */
  cancelled: number;
  /** Due on the last day of the period and not yet stopped. */
  open: number;
  /**
   * met / (met + late + overdue + lapsed), as a percentage to one decimal place; null when none of those. For T2 and
   * T3 (counted at completion) met / (met + late): the share of those completed in the period.
   */
  percentMet: number | null;
}

export interface RuleTimeliness extends TimelinessCounts {
  rule: string;
  /** T2 and T3 are measured from two anchors; each anchor is its own line. */
  anchor: string | null;
  monthly: Array<{ month: string } & TimelinessCounts>;
  /** With explain: every clock behind the figures. */
  clocks?: Array<{ childId: string; subjectId: string; dueOn: string; stoppedOn: string | null; state: string; teamId: string | null }>;
}

export interface TimelinessFilter {
  from: string;
  to: string;
  teamId?: string;
  rule?: string;
  explain?: boolean;
}

/**
 * Rules counted, as the CIN census publishes them, in the period of their completion: an assessment (T2)
 * when it is authorised, an initial conference (T3) on the day it is held. The denominator is those
 * completed in the period ("Children in need" statistics, DfE, tables C3 and D4: assessments completed in
 * the year and the share within 45 working days; ICPCs in the year and the share within 15 working days of
 * the s47 start). Clocks still open past due at the end of the period are shown apart as overdue and are not
 * in percentMet. Every other rule is counted by the period in which its clock falls due.
 */
export const COUNTED_AT_COMPLETION: readonly string[] = ['T2', 'T3'];

/**
 * The clocks of the period with the date each is counted on ($1 from, $2 to, $3 team, $4 rule): clocks due in
 * it (started by its end); for T2 and T3, those completed in it, and those open and overdue at its end.
 * Each part is found through its own index (due_on; rule and stopped_on; stopped_on and due_on).
 */
const CLOCKS_IN_PERIOD = `(
     SELECT c.*, c.due_on AS counted_on FROM ${TIMELINESS_SCHEMA}.clocks c
     WHERE c.due_on BETWEEN $1::date AND $2::date AND c.started_on <= $2::date AND c.rule <> ALL('{${COUNTED_AT_COMPLETION.join(',')}}'::text[])
     UNION ALL
     SELECT c.*, c.stopped_on AS counted_on FROM ${TIMELINESS_SCHEMA}.clocks c
     WHERE c.rule = ANY('{${COUNTED_AT_COMPLETION.join(',')}}'::text[]) AND c.stopped_on BETWEEN $1::date AND $2::date AND c.final_state IN ('met', 'late')
     UNION ALL
     SELECT c.*, $2::date AS counted_on FROM ${TIMELINESS_SCHEMA}.clocks c
     WHERE c.rule = ANY('{${COUNTED_AT_COMPLETION.join(',')}}'::text[]) AND c.due_on < $2::date AND c.started_on <= $2::date
       AND (c.stopped_on IS NULL OR c.stopped_on > $2::date)
   ) c
   WHERE ($3::text IS NULL OR c.team_id = $3) AND ($4::text IS NULL OR c.rule = $4)`;

function parametersOf(filter: TimelinessFilter): unknown[] {
  return [filter.from, filter.to, filter.teamId ?? null, filter.rule ?? null];
}

/** For clocks due in the period (by rule and anchor): how many were met, late, overdue at its end, and a monthly series. */
export async function timelinessByRule(reader: ReadModelReader, filter: TimelinessFilter): Promise<RuleTimeliness[]> {
  if (filter.explain) return timelinessWithClocks(reader, filter);
  // Without explain only counts are needed: count the clocks by rule, anchor, month and state in the
  // database rather than sending every clock of the period to be counted here.
  // Grouped by hashing rather than sorting: without statistics the planner reckons on a handful of clocks and sorts the
  // period's (tens of thousands, for a county's year) to group them, twice the time of hashing them.
  const counts = await withPlannerSettings(reader, { enable_sort: 'off' }, (inside) =>
    rowsOf<{ rule: string; anchor: string | null; month: string; state: string; clocks: number }>(
      inside,
      // By due date first, then by month: the month's name is worked out once a day rather than once a clock.
      `SELECT rule, anchor, to_char(counted_on, 'YYYY-MM') AS month, state, sum(clocks)::int AS clocks
     FROM (SELECT c.rule, c.anchor, c.counted_on, ${clockStateSql('$2')} AS state, count(*) AS clocks
           FROM ${CLOCKS_IN_PERIOD}
           GROUP BY 1, 2, 3, 4) by_day
     GROUP BY 1, 2, 3, 4`,
      parametersOf(filter),
    ),
  );
  const byRule = new Map<string, { rule: string; anchor: string | null; counts: typeof counts }>();
  for (const row of counts) {
    const key = `${row.rule}|${row.anchor ?? ''}`;
    const group = byRule.get(key) ?? { rule: row.rule, anchor: row.anchor ?? null, counts: [] };
    group.counts.push(row);
    byRule.set(key, group);
  }
  return [...byRule.values()]
    .sort((a, b) => ruleOrder(a.rule) - ruleOrder(b.rule) || (a.anchor ?? '').localeCompare(b.anchor ?? ''))
    .map(({ rule, anchor, counts: ruleCounts }) => {
      const months = [...new Set(ruleCounts.map((row) => row.month))].sort();
      return {
        rule,
        anchor,
        ...countCountedStates(ruleCounts, rule),
        monthly: months.map((month) => ({
          month,
          ...countCountedStates(
            ruleCounts.filter((row) => row.month === month),
            rule,
          ),
        })),
      };
    });
}

/** The same figures with every clock behind them (explain). */
async function timelinessWithClocks(reader: ReadModelReader, filter: TimelinessFilter): Promise<RuleTimeliness[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    reader,
    `SELECT c.rule, c.anchor, to_char(c.counted_on, 'YYYY-MM') AS month, c.child_id, c.subject_id, c.due_on, c.stopped_on, c.team_id,
            ${clockStateSql('$2')} AS state
     FROM ${CLOCKS_IN_PERIOD}
     ORDER BY c.rule, c.anchor NULLS FIRST, c.counted_on, c.child_id, c.clock_key`,
    parametersOf(filter),
  );
  const byRule = new Map<string, { rule: string; anchor: string | null; rows: Array<Record<string, unknown>> }>();
  for (const row of rows) {
    const key = `${row.rule}|${row.anchor ?? ''}`;
    const group = byRule.get(key) ?? { rule: row.rule as string, anchor: (row.anchor as string) ?? null, rows: [] };
    group.rows.push(row);
    byRule.set(key, group);
  }
  return [...byRule.values()]
    .sort((a, b) => ruleOrder(a.rule) - ruleOrder(b.rule) || (a.anchor ?? '').localeCompare(b.anchor ?? ''))
    .map(({ rule, anchor, rows: ruleRows }) => {
      const months = [...new Set(ruleRows.map((row) => row.month as string))].sort();
      return {
        rule,
        anchor,
        ...countStates(
          ruleRows.map((row) => row.state as string),
          rule,
        ),
        monthly: months.map((month) => ({
          month,
          ...countStates(
            ruleRows.filter((row) => row.month === month).map((row) => row.state as string),
            rule,
          ),
        })),
        clocks: ruleRows.map((row) => ({
          childId: row.child_id as string,
          subjectId: row.subject_id as string,
          dueOn: isoDate(row.due_on)!,
          stoppedOn: isoDate(row.stopped_on),
          state: row.state as string,
          teamId: (row.team_id as string) ?? null,
        })),
      };
    });
}

export function countStates(states: readonly string[], rule?: string): TimelinessCounts {
  return countsOf((state) => states.filter((candidate) => candidate === state).length, states.length, rule);
}

/** countStates for clocks already counted by state. */
function countCountedStates(counted: ReadonlyArray<{ state: string; clocks: number }>, rule: string): TimelinessCounts {
  const sum = (rows: ReadonlyArray<{ clocks: number }>) => rows.reduce((total, row) => total + Number(row.clocks), 0);
  return countsOf((state) => sum(counted.filter((row) => row.state === state)), sum(counted), rule);
}

function countsOf(count: (state: string) => number, total: number, rule?: string): TimelinessCounts {
  const met = count('met');
  const late = count('late');
  const overdue = count('overdue');
  const lapsed = count('lapsed');
  // T2 and T3: the DfE's denominator, those completed in the period; open clocks are shown apart.
  const judged = rule !== undefined && COUNTED_AT_COMPLETION.includes(rule) ? met + late : met + late + overdue + lapsed;
  return {
    total,
    met,
    late,
    overdue,
    lapsed,
    cancelled: count('cancelled'),
    open: count('open') + count('due-soon'),
    percentMet: judged === 0 ? null : Math.round((met / judged) * 1000) / 10,
  };
}

function ruleOrder(rule: string): number {
  return Number(rule.slice(1));
}
