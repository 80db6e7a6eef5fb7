import { rowsOf, type ReadModelReader } from '../read-model-reader';
import { stageFiguresOf, stageFiguresSql, type StageFigures } from './waiting-times.queries';
import { WAITING_TIMES_SCHEMA } from './waiting-times.projection';

/**
 * The stage figures of `waitingFigures` for many periods (a trend of months) in one statement rather than three per
 * period: the referrals that completed a stage in each period, grouped by period, with the same counts and
 * nearest-rank percentiles. The queues at each period's end are not asked for (the board pack shows only stages).
 */
export async function waitingStagesTrend(
  reader: ReadModelReader,
  query: { periods: ReadonlyArray<{ from: string; to: string }>; teamId?: string },
): Promise<StageFigures[][]> {
  if (query.periods.length === 0) return [];
  const { figures, anyCompleted } = stageFiguresSql('p.from_on', 'p.to_on');
  const rows = await rowsOf<Record<string, unknown>>(
    reader,
    `SELECT p.ord, ${figures}
     FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS p(from_on, to_on, ord)
     LEFT JOIN ${WAITING_TIMES_SCHEMA}.referrals ON (${anyCompleted}) AND ($3::text IS NULL OR team_id = $3)
     GROUP BY p.ord
     ORDER BY p.ord`,
    [query.periods.map((period) => period.from), query.periods.map((period) => period.to), query.teamId ?? null],
  );
  return rows.map(stageFiguresOf);
}
