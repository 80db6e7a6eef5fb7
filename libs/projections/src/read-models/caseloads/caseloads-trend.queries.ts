import { isoDate, rowsOf, type ReadModelReader } from '../read-model-reader';
import { CASELOADS_SCHEMA } from './caseloads.projection';
import { caseloadFiguresOf, type CaseloadFigures, type CaseloadTargets } from './caseloads.queries';

const K = CASELOADS_SCHEMA;

/**
 * caseloadFigures for many dates (a trend of month ends) in one statement rather than one per date: each date's
 * holdings and worker details joined to it and grouped by date and worker, as `caseloadFigures` groups one date's
 * by worker. `explainOn` names the one date whose children are listed (and the only one whose children are gathered).
 */
export async function caseloadTrend(
  reader: ReadModelReader,
  query: { asOfs: readonly string[]; teamId?: string; targets: CaseloadTargets; explainOn?: string },
): Promise<CaseloadFigures[]> {
  const dates = [...new Set(query.asOfs)];
  if (dates.length === 0) return [];
  const rows = await rowsOf<Record<string, unknown>>(
    reader,
    `WITH d AS (SELECT u.as_of FROM unnest($1::date[]) AS u(as_of)),
     held AS (
       SELECT d.as_of, h.worker_id, count(DISTINCT h.child_id)::int AS cases, array_agg(DISTINCT h.child_id ORDER BY h.child_id) FILTER (WHERE d.as_of = $3::date) AS children,
              mode() WITHIN GROUP (ORDER BY h.team_id) AS holding_team
       FROM d JOIN ${K}.holdings h ON h.from_on <= d.as_of AND (h.ended_on IS NULL OR h.ended_on > d.as_of) GROUP BY d.as_of, h.worker_id),
     details AS (
       SELECT DISTINCT ON (d.as_of, w.worker_id) d.as_of, w.worker_id, w.team_id, w.role, w.fte, w.agency
       FROM d JOIN ${K}.worker_details w ON w.from_on <= d.as_of AND (w.to_on IS NULL OR w.to_on > d.as_of)
       ORDER BY d.as_of, w.worker_id, w.from_on DESC)
     SELECT coalesce(h.as_of, w.as_of) AS as_of, coalesce(h.worker_id, w.worker_id) AS worker_id, coalesce(h.cases, 0) AS cases, h.children,
            coalesce(w.team_id, h.holding_team) AS team_id, w.role, w.fte, w.agency
     FROM held h FULL JOIN details w ON w.as_of = h.as_of AND w.worker_id = h.worker_id
     WHERE $2::text IS NULL OR coalesce(w.team_id, h.holding_team) = $2
     ORDER BY 1, 2`,
    [dates, query.teamId ?? null, query.explainOn ?? null],
  );
  const rowsOn = new Map<string, Array<Record<string, unknown>>>(dates.map((date) => [date, []]));
  for (const row of rows) rowsOn.get(isoDate(row.as_of)!)!.push(row);
  return query.asOfs.map((asOf) => caseloadFiguresOf({ asOf, targets: query.targets, explain: asOf === query.explainOn }, rowsOn.get(asOf)!));
}
