import { isoDate, rowsOf, type ReadModelReader } from '../read-model-reader';
import { CONTINUITY_SCHEMA } from '../continuity/continuity.projection';
import { WAITING_TIMES_SCHEMA } from './waiting-times.projection';

/** Each stage: the date it starts from and the date that completes it, both columns of the referrals table. */
export const WAITING_STAGES = {
  'referral-to-decision': ['received_on', 'decided_on'],
  'referral-to-allocation': ['received_on', 'allocated_on'],
  'referral-to-assessment-start': ['received_on', 'assessment_started_on'],
  'referral-to-assessment-authorised': ['received_on', 'assessment_authorised_on'],
  'decision-to-allocation': ['decided_on', 'allocated_on'],
} as const;
export type WaitingStage = keyof typeof WAITING_STAGES;

export interface StageFigures {
  stage: WaitingStage;
  /** Stages completed in the period (by the completing date). */
  count: number;
  medianDays: number | null;
  p90Days: number | null;
  maxDays: number | null;
  explain?: Array<{ childId: string; referralId: string; from: string; to: string; days: number }>;
}

export interface Waiting {
  childId: string;
  /** The referral awaiting assessment; null in the allocation queue, which is about the case. */
  referralId: string | null;
  since: string;
  daysWaited: number;
}

export interface WaitingFigures {
  from: string;
  to: string;
  stages: StageFigures[];
  queue: {
    asOf: string;
    awaitingAllocation: Waiting[];
    awaitingAssessment: Waiting[];
    longestWaitDays: { allocation: number | null; assessment: number | null };
  };
}

const W = WAITING_TIMES_SCHEMA;

/** Waiting times (calendar days) for stages completed in the period, and who is waiting at its end. */
export async function waitingFigures(
  reader: ReadModelReader,
  query: { from: string; to: string; teamId?: string; explain?: boolean },
): Promise<WaitingFigures> {
  // The stages and the two queues are independent queries: they run side by side.
  const [stages, awaitingAllocation, awaitingAssessment] = await Promise.all([
    query.explain ? stagesWithWaits(reader, query) : stageFigures(reader, query),
    // Every child whose open case has no worker: never allocated since the referral, or waiting for a new
    // worker after the last one left or was moved; waiting since the episode opened or the last allocation ended.
    waiting(
      reader,
      `SELECT e.child_id, NULL AS referral_id,
              greatest(e.opened_on, coalesce((SELECT max(a.ended_on) FROM ${CONTINUITY_SCHEMA}.allocation_periods a
                                              WHERE a.child_id = e.child_id AND a.ended_on <= $1::date), e.opened_on)) AS since
       FROM ${CONTINUITY_SCHEMA}.episodes e
       WHERE e.opened_on <= $1::date AND (e.closed_on IS NULL OR e.closed_on > $1::date)
         AND NOT EXISTS (SELECT 1 FROM ${CONTINUITY_SCHEMA}.allocation_periods a
                         WHERE a.child_id = e.child_id AND a.from_on <= $1::date AND (a.ended_on IS NULL OR a.ended_on > $1::date))`,
      query.to,
    ),
    waiting(
      reader,
      `SELECT DISTINCT ON (child_id) child_id, referral_id, decided_on AS since FROM ${W}.referrals
       WHERE decision = 'assessment' AND decided_on <= $1::date AND (closed_on IS NULL OR closed_on > $1::date)
         AND (assessment_started_on IS NULL OR assessment_started_on > $1::date)
       ORDER BY child_id, decided_on`,
      query.to,
    ),
  ]);
  return {
    from: query.from,
    to: query.to,
    stages,
    queue: {
      asOf: query.to,
      awaitingAllocation,
      awaitingAssessment,
      longestWaitDays: { allocation: awaitingAllocation[0]?.daysWaited ?? null, assessment: awaitingAssessment[0]?.daysWaited ?? null },
    },
  };
}

/**
 * The SQL of each stage's count, median, p90 and longest wait for stages completed between two dates (SQL date
 * expressions), and the condition that a referral completed some stage between them.
 */
export function stageFiguresSql(fromOn: string, toOn: string): { figures: string; anyCompleted: string } {
  const entries = Object.entries(WAITING_STAGES) as Array<[WaitingStage, readonly [string, string]]>;
  const completed = ([start, end]: readonly [string, string]) => `${end} BETWEEN ${fromOn} AND ${toOn} AND ${start} IS NOT NULL AND ${end} >= ${start}`;
  // percentile_disc is the nearest-rank percentile of percentile() below: the value at position ceil(share × count).
  const figures = entries.map(([, [start, end]], index) => {
    const filter = `FILTER (WHERE ${completed([start, end])})`;
    const days = `(${end} - ${start})`;
    return `count(*) ${filter}::int AS count_${index}, percentile_disc(0.5) WITHIN GROUP (ORDER BY ${days}) ${filter} AS median_${index},
            percentile_disc(0.9) WITHIN GROUP (ORDER BY ${days}) ${filter} AS p90_${index}, max${days} ${filter} AS max_${index}`;
  });
  return { figures: figures.join(',\n            '), anyCompleted: entries.map(([, stage]) => `(${completed(stage)})`).join(' OR ') };
}

/** The stages' figures from a row of stageFiguresSql's columns. */
export function stageFiguresOf(row: Record<string, unknown>): StageFigures[] {
  const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return (Object.keys(WAITING_STAGES) as WaitingStage[]).map((stage, index) => ({
    stage,
    count: Number(row[`count_${index}`]),
    medianDays: numberOrNull(row[`median_${index}`]),
    p90Days: numberOrNull(row[`p90_${index}`]),
    maxDays: numberOrNull(row[`max_${index}`]),
  }));
}

/** The stages' figures, worked out in the database: one pass over the referrals for every stage. */
async function stageFigures(reader: ReadModelReader, query: { from: string; to: string; teamId?: string }): Promise<StageFigures[]> {
  const { figures, anyCompleted } = stageFiguresSql('$1::date', '$2::date');
  const [row] = await rowsOf<Record<string, unknown>>(
    reader,
    `SELECT ${figures}
     FROM ${W}.referrals
     WHERE (${anyCompleted}) AND ($3::text IS NULL OR team_id = $3)`,
    [query.from, query.to, query.teamId ?? null],
  );
  return stageFiguresOf(row);
}

/** The stages' figures with every wait behind them (explain). */
async function stagesWithWaits(reader: ReadModelReader, query: { from: string; to: string; teamId?: string }): Promise<StageFigures[]> {
  const stages: StageFigures[] = [];
  for (const [stage, [start, end]] of Object.entries(WAITING_STAGES) as Array<[WaitingStage, readonly [string, string]]>) {
    const rows = await rowsOf<{ child_id: string; referral_id: string; start_on: unknown; end_on: unknown; days: number }>(
      reader,
      `SELECT child_id, referral_id, ${start} AS start_on, ${end} AS end_on, (${end} - ${start}) AS days FROM ${W}.referrals
       WHERE ${end} BETWEEN $1::date AND $2::date AND ${start} IS NOT NULL AND ${end} >= ${start} AND ($3::text IS NULL OR team_id = $3)
       ORDER BY days, child_id`,
      [query.from, query.to, query.teamId ?? null],
    );
    const days = rows.map((row) => Number(row.days));
    stages.push({
      stage,
      count: days.length,
      medianDays: percentile(days, 0.5),
      p90Days: percentile(days, 0.9),
      maxDays: days.length === 0 ? null : days[days.length - 1],
      explain: rows.map((row) => ({
        childId: row.child_id,
        referralId: row.referral_id,
        from: isoDate(row.start_on)!,
        to: isoDate(row.end_on)!,
        days: Number(row.days),
      })),
    });
  }
  return stages;
}

async function waiting(reader: ReadModelReader, sql: string, asOf: string): Promise<Waiting[]> {
  const rows = await rowsOf<{ child_id: string; referral_id: string | null; since: unknown }>(reader, sql, [asOf]);
  return rows
    .map((row) => {
      const since = isoDate(row.since)!;
      return { childId: row.child_id, referralId: row.referral_id, since, daysWaited: daysBetween(since, asOf) };
    })
    .sort((a, b) => b.daysWaited - a.daysWaited || a.childId.localeCompare(b.childId));
}

/** The nearest-rank percentile of sorted values (the value at or above that share of them). */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
