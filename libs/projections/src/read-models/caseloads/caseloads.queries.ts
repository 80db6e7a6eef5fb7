import { isoDate, rowsOf, type ReadModelReader } from '../read-model-reader';
import { CASELOADS_SCHEMA } from './caseloads.projection';

/** Cases per FTE a worker of each role should hold at most; a county improvement plan's 18 and 10 are the defaults. */
export type CaseloadTargets = Readonly<Record<string, number>>;
export const DEFAULT_CASELOAD_TARGETS: CaseloadTargets = {
  'newly-qualified': 10,
  'social-worker': 18,
  'senior-practitioner': 18,
  'practice-supervisor': 18,
  'team-manager': 18,
};

export interface WorkerCaseload {
  workerId: string;
  teamId: string | null;
  role: string | null;
  /** null when the service has never heard of the worker (no SocialWorkerJoined). */
  fte: number | null;
  agency: boolean | null;
  cases: number;
  casesPerFte: number | null;
  target: number | null;
  overTarget: boolean | null;
  children?: string[];
}

export interface CaseloadTotals {
  cases: number;
  /** FTE of the workers holding at least one case (the DfE's denominator). */
  caseHoldingFte: number;
  /** Cases held by workers whose FTE is unknown (never heard of): not in caseloadPerFte. */
  casesWithUnknownFte: number;
  caseloadPerFte: number | null;
}

export interface CaseloadFigures {
  asOf: string;
  workers: WorkerCaseload[];
  teams: Array<{ teamId: string } & CaseloadTotals>;
  overall: CaseloadTotals;
  series?: Array<{ date: string } & CaseloadTotals>;
}

const K = CASELOADS_SCHEMA;

/** Every worker's cases on a date (holding workers, and workers in post with none), by team and overall. */
export async function caseloadFigures(
  reader: ReadModelReader,
  query: { asOf: string; teamId?: string; targets: CaseloadTargets; explain?: boolean; from?: string; to?: string },
): Promise<CaseloadFigures> {
  const rows = await rowsOf<Record<string, unknown>>(
    reader,
    `WITH held AS (
       SELECT worker_id, count(DISTINCT child_id)::int AS cases, array_agg(DISTINCT child_id ORDER BY child_id) AS children,
              mode() WITHIN GROUP (ORDER BY team_id) AS holding_team
       FROM ${K}.holdings WHERE from_on <= $1::date AND (ended_on IS NULL OR ended_on > $1::date) GROUP BY worker_id),
     details AS (
       SELECT DISTINCT ON (worker_id) worker_id, team_id, role, fte, agency FROM ${K}.worker_details
       WHERE from_on <= $1::date AND (to_on IS NULL OR to_on > $1::date) ORDER BY worker_id, from_on DESC)
     SELECT coalesce(h.worker_id, d.worker_id) AS worker_id, coalesce(h.cases, 0) AS cases, h.children,
            coalesce(d.team_id, h.holding_team) AS team_id, d.role, d.fte, d.agency
     FROM held h FULL JOIN details d ON d.worker_id = h.worker_id
     WHERE $2::text IS NULL OR coalesce(d.team_id, h.holding_team) = $2
     ORDER BY worker_id`,
    [query.asOf, query.teamId ?? null],
  );
  const figures = caseloadFiguresOf(query, rows);
  if (query.from && query.to) figures.series = await dailySeries(reader, query.from, query.to, query.teamId);
  return figures;
}

/** The figures of one date from its workers' rows (held cases and details on that date). */
export function caseloadFiguresOf(
  query: { asOf: string; targets: CaseloadTargets; explain?: boolean },
  rows: ReadonlyArray<Record<string, unknown>>,
): CaseloadFigures {
  const workers = rows.map((row): WorkerCaseload => {
    const fte = row.fte === null || row.fte === undefined ? null : Number(row.fte);
    const cases = Number(row.cases);
    const target = row.role ? (query.targets[row.role as string] ?? null) : null;
    const casesPerFte = fte ? Math.round((cases / fte) * 10) / 10 : null;
    return {
      workerId: row.worker_id as string,
      teamId: (row.team_id as string) ?? null,
      role: (row.role as string) ?? null,
      fte,
      agency: row.agency === null || row.agency === undefined ? null : Boolean(row.agency),
      cases,
      casesPerFte,
      target,
      overTarget: casesPerFte === null || target === null ? null : casesPerFte > target,
      ...(query.explain ? { children: (row.children as string[]) ?? [] } : {}),
    };
  });
  const teams = [...new Set(workers.map((worker) => worker.teamId ?? 'unknown'))].sort();
  return {
    asOf: query.asOf,
    workers,
    teams: teams.map((teamId) => ({ teamId, ...totals(workers.filter((worker) => (worker.teamId ?? 'unknown') === teamId)) })),
    overall: totals(workers),
  };
}

function totals(workers: readonly Pick<WorkerCaseload, 'cases' | 'fte'>[]): CaseloadTotals {
  const holding = workers.filter((worker) => worker.cases > 0);
  const known = holding.filter((worker) => worker.fte !== null);
  const caseHoldingFte = Math.round(known.reduce((sum, worker) => sum + worker.fte!, 0) * 100) / 100;
  const knownCases = known.reduce((sum, worker) => sum + worker.cases, 0);
  return {
    cases: holding.reduce((sum, worker) => sum + worker.cases, 0),
    caseHoldingFte,
    casesWithUnknownFte: holding.filter((worker) => worker.fte === null).reduce((sum, worker) => sum + worker.cases, 0),
    caseloadPerFte: caseHoldingFte > 0 ? Math.round((knownCases / caseHoldingFte) * 10) / 10 : null,
  };
}

/** The overall figures for every day of a range: a sweep over the holdings and details that overlap it. */
async function dailySeries(reader: ReadModelReader, from: string, to: string, teamId?: string): Promise<Array<{ date: string } & CaseloadTotals>> {
  const holdings = await rowsOf<{ worker_id: string; child_id: string; from_on: unknown; ended_on: unknown; team_id: string }>(
    reader,
    `SELECT worker_id, child_id, from_on, ended_on, team_id FROM ${K}.holdings WHERE from_on <= $2::date AND (ended_on IS NULL OR ended_on > $1::date)`,
    [from, to],
  );
  const details = await rowsOf<{ worker_id: string; from_on: unknown; to_on: unknown; fte: unknown; team_id: string }>(
    reader,
    `SELECT worker_id, from_on, to_on, fte, team_id FROM ${K}.worker_details WHERE from_on <= $2::date AND (to_on IS NULL OR to_on > $1::date)`,
    [from, to],
  );
  const series: Array<{ date: string } & CaseloadTotals> = [];
  for (let date = from; date <= to; date = nextDay(date)) {
    const byWorker = new Map<string, { cases: Set<string>; fte: number | null; team: string | null }>();
    for (const holding of holdings) {
      if (isoDate(holding.from_on)! > date || (holding.ended_on !== null && isoDate(holding.ended_on)! <= date)) continue;
      const entry = byWorker.get(holding.worker_id) ?? { cases: new Set<string>(), fte: null, team: holding.team_id };
      entry.cases.add(holding.child_id);
      byWorker.set(holding.worker_id, entry);
    }
    for (const detail of details) {
      const entry = byWorker.get(detail.worker_id);
      if (!entry || isoDate(detail.from_on)! > date || (detail.to_on !== null && isoDate(detail.to_on)! <= date)) continue;
      entry.fte = Number(detail.fte);
      entry.team = detail.team_id;
    }
    const workers = [...byWorker.values()].filter((entry) => !teamId || entry.team === teamId).map((entry) => ({ cases: entry.cases.size, fte: entry.fte }));
    series.push({ date, ...totals(workers) });
  }
  return series;
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
