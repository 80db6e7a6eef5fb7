// One child's SSDA903 rows (Episodes, Missing) to the facts they prove (pure). Columns and code lists are the DfE's:
// ../shared/data/liia-tools/liiatools/spec/s903/SSDA903_schema_2024.yml (RNE, LS, PLACE, REC, REASON_PLACE_CHANGE,
// MISSING) and the validator's rules in ../shared/data/csc-validator-be-903/output_data/903_2024_25_rule_info.csv.
import {
  LEGAL_STATUSES,
  PLACEMENT_TYPES,
  REASONS_CEASED,
  REASONS_NEW_EPISODE,
  REASONS_PLACE_CHANGE,
  type LegalStatus,
  type PlacementType,
  type ReasonCeasedToBeLookedAfter,
  type ReasonNewEpisode,
  type ReasonPlaceChange,
} from '@csc/contracts';
import type { CaseFacts } from '@csc/domain';
import { importFactKey, type ImportedFact, type ImportedRow, type MappedEnvelope } from '../import-facts';
import type { ImportProblem } from '../import-report';
import { codeOf, dateOf, refused, RowRefused } from './ssda903-import-fields';
import { socialWorkerFacts, type SwOutcome } from './ssda903-import-sw-mapping';

export const SSDA903_FORMAT = 'ssda903';

/** One row of a 903 table as read: its file, line, the return's year and its values by column. */
export interface Ssda903Row {
  readonly table: 'Episodes' | 'Missing' | 'SWEpisodes';
  readonly file: string;
  readonly line: number;
  /** The XML element's path, for a row read from the 903 XML. */
  readonly path?: string;
  /** The collection year the file belongs to (its name says it: 2021-episodes.csv), for source.system. */
  readonly year: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface Ssda903Return {
  readonly authority: string;
  /** The team every SWEpisodes allocation is recorded in: the 903 names the worker, never the team. */
  readonly team?: string;
}

/** PLACE codes of long-term fostering (SSDA903 PLACE U1 and U4: "long term fostering"), intended to last to 18. */
const LONG_TERM_PLACEMENTS: ReadonlySet<string> = new Set(['U1', 'U4']);
/** RNE codes that change the placement, and those that change the legal status (SSDA903 RNE). */
const PLACEMENT_CHANGES: ReadonlySet<string> = new Set(['P', 'T', 'B', 'U']);
const LEGAL_STATUS_CHANGES: ReadonlySet<string> = new Set(['L', 'B', 'U']);
/** REC X1: "episode ceases, and new episode begins on same day": the period of care goes on. */
const CONTINUES = 'X1';

interface Episode {
  readonly row: Ssda903Row;
  readonly decom: string;
  readonly rne: ReasonNewEpisode;
  readonly ls: LegalStatus;
  readonly place: PlacementType;
  readonly dec?: string;
  readonly rec?: string;
  readonly reasonPlaceChange?: ReasonPlaceChange;
}

function episodeOf(row: Ssda903Row): Episode {
  const decom = dateOf(row, 'DECOM', true)!;
  const dec = dateOf(row, 'DEC', false);
  const rec = codeOf(row, 'REC', [...REASONS_CEASED, CONTINUES], false);
  if (dec !== undefined && rec === undefined) throw refused('MISSING_FIELD', 'REC is empty, but DEC says the episode ended: give the reason it ceased.', 'REC');
  if (dec !== undefined && dec < decom) throw refused('DATE_OUT_OF_SEQUENCE', `DEC ${row.values.DEC} is before DECOM ${row.values.DECOM}.`, 'DEC');
  return {
    row,
    decom,
    rne: codeOf(row, 'RNE', REASONS_NEW_EPISODE, true)!,
    ls: codeOf(row, 'LS', LEGAL_STATUSES, true)!,
    place: codeOf(row, 'PLACE', PLACEMENT_TYPES, true)!,
    dec,
    rec: dec === undefined ? undefined : rec,
    reasonPlaceChange: codeOf(row, 'REASON_PLACE_CHANGE', REASONS_PLACE_CHANGE, false),
  };
}

/**
 * The child's rows, each with its facts. Episodes of several years' returns are one chain, one episode per DECOM
 * (the latest return's row stands); each period of care is named by the DECOM of the episode that starts it. An
 * episode that starts no period and follows none in the chain continues the period the store holds open on that day,
 * or else starts the history part-way: the child is looked after from that day, the start being in an earlier return.
 */
export function mapSsda903Child(childId: string, tableRows: readonly Ssda903Row[], census: Ssda903Return, held?: CaseFacts): ImportedRow[] {
  const key = (kind: string, ...parts: string[]): string => importFactKey(SSDA903_FORMAT, census.authority, childId, kind, ...parts);
  const latestFirst = [...tableRows].sort((a, b) => b.year.localeCompare(a.year) || a.line - b.line);
  const rows: ImportedRow[] = [];
  const episodes = new Map<string, Episode>();
  const problems = new Map<Ssda903Row, ImportProblem>();
  for (const row of latestFirst.filter((r) => r.table === 'Episodes')) {
    try {
      const episode = episodeOf(row);
      if (!episodes.has(episode.decom)) episodes.set(episode.decom, episode);
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      problems.set(row, error.problem);
    }
  }
  const factsByDecom = chainFacts(
    childId,
    [...episodes.values()].sort((a, b) => a.decom.localeCompare(b.decom)),
    key,
    held,
  );

  const swRows = latestFirst.filter((r) => r.table === 'SWEpisodes');
  const allocations =
    swRows.length > 0 && census.team !== undefined
      ? socialWorkerFacts(swRows, census.team, key, (row, fields) => envelope(childId, row.year, fields), held)
      : new Map<Ssda903Row, SwOutcome>();

  for (const row of latestFirst) {
    const location = { table: row.table, file: row.file, line: row.line, ...(row.path ? { path: row.path } : {}) };
    if (row.table === 'SWEpisodes') {
      const naturalKey = `${childId} social worker ${row.values.SW_DECOM ?? ''}`;
      const mapped = allocations.get(row) ?? {
        facts: [],
        problem: { code: 'MISSING_TEAM', message: 'The 903 names no team for this allocation: give one with --team (HTTP: ?team=).', field: 'SW_ID' },
      };
      rows.push({ ...location, naturalKey, facts: mapped.facts, ...(mapped.problem ? { problem: mapped.problem } : {}) });
      continue;
    }
    if (row.table === 'Episodes') {
      const decom = row.values.DECOM ?? '';
      const naturalKey = `${childId} episode ${decom}`;
      const mapped = factsByDecom.get(dateOrText(row));
      const problem = problems.get(row) ?? mapped?.problem;
      rows.push({ ...location, naturalKey, facts: problem ? [] : (mapped?.facts ?? []), ...(problem ? { problem } : {}) });
      continue;
    }
    const naturalKey = `${childId} missing ${row.values.MIS_START ?? ''}`;
    try {
      rows.push({ ...location, naturalKey, facts: missingFacts(childId, row, key) });
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      rows.push({ ...location, naturalKey, facts: [], problem: error.problem });
    }
  }
  return rows;
}

function dateOrText(row: Ssda903Row): string {
  try {
    return dateOf(row, 'DECOM', true)!;
  } catch {
    return row.values.DECOM ?? '';
  }
}

type Key = (kind: string, ...parts: string[]) => string;

function envelope(childId: string, year: string, fields: Omit<MappedEnvelope, 'schemaVersion' | 'childId' | 'source'>): MappedEnvelope {
  return { ...fields, schemaVersion: 1, childId, source: { system: `${SSDA903_FORMAT}-${year}` } } as MappedEnvelope;
}

function chainFacts(childId: string, chain: readonly Episode[], key: Key, held?: CaseFacts): Map<string, { facts: ImportedFact[]; problem?: ImportProblem }> {
  const out = new Map<string, { facts: ImportedFact[]; problem?: ImportProblem }>();
  let periodId: string | undefined;
  for (const [at, episode] of chain.entries()) {
    const previous = chain[at - 1];
    const continues = previous !== undefined && periodId !== undefined && previous.rec === CONTINUES && previous.dec === episode.decom;
    const { decom, row } = episode;
    const at903 = (fields: Omit<MappedEnvelope, 'schemaVersion' | 'childId' | 'source'>): MappedEnvelope => envelope(childId, row.year, fields);
    const facts: ImportedFact[] = [];
    const placement = { placementId: `903-pl-${decom}`, placementType: episode.place, longTerm: LONG_TERM_PLACEMENTS.has(episode.place) };
    const heldPeriod = continues || episode.rne === 'S' ? undefined : periodHeldOn(held, decom);
    if (episode.rne === 'S' || (!continues && heldPeriod === undefined)) {
      // RNE S starts a period; any other RNE here starts the history part-way, and says so in reasonNewEpisode.
      periodId = `903-lac-${decom}`;
      facts.push({
        key: key('episode', decom),
        envelope: at903({
          type: 'BecameLookedAfter',
          occurredAt: decom,
          data: { periodId, ...placement, legalStatus: episode.ls, reasonNewEpisode: episode.rne },
        }),
      });
    } else {
      periodId = continues ? periodId! : heldPeriod!;
      if (LEGAL_STATUS_CHANGES.has(episode.rne)) {
        facts.push({
          key: key('episode-ls', decom),
          envelope: at903({ type: 'LegalStatusChanged', occurredAt: decom, data: { periodId, legalStatus: episode.ls } }),
        });
      }
      if (PLACEMENT_CHANGES.has(episode.rne)) {
        // The 903 records why a placement changed on the episode that ended (REC X1), not on the one that begins:
        // the DfE's rule 225 asks for REASON_PLACE_CHANGE on an X1 episode whose next episode is RNE P, B, T or U
        // (../shared/data/csc-validator-be-903/output_data/903_2024_25_rule_info.csv, 225 and 226).
        const reason = continues ? previous.reasonPlaceChange : undefined;
        facts.push({
          key: key('episode-placement', decom),
          envelope: at903({
            type: 'PlacementChanged',
            occurredAt: decom,
            data: { periodId, ...placement, ...(reason ? { reason } : {}) },
          }),
        });
      }
    }
    if (episode.dec !== undefined && episode.rec !== CONTINUES) {
      facts.push({
        key: key('ceased', decom),
        envelope: at903({ type: 'CeasedToBeLookedAfter', occurredAt: episode.dec, data: { periodId, reason: episode.rec as ReasonCeasedToBeLookedAfter } }),
      });
      periodId = undefined;
    }
    out.set(decom, { facts });
  }
  return out;
}

/**
 * The period of care the store holds open on that day, begun before it (a period begun that very day is the one this
 * episode itself starts, met again on a re-import).
 */
function periodHeldOn(held: CaseFacts | undefined, day: string): string | undefined {
  if (held === undefined) return undefined;
  for (const period of held.periodsOfCare.values()) if (period.on < day && (period.end === undefined || period.end.on >= day)) return period.periodId;
  return undefined;
}

/** SSDA903 Missing: MISSING M (missing) or A (away from placement without authorisation), MIS_START, MIS_END. */
function missingFacts(childId: string, row: Ssda903Row, key: Key): ImportedFact[] {
  codeOf(row, 'MISSING', ['M', 'A'], true);
  const start = dateOf(row, 'MIS_START', true)!;
  const end = dateOf(row, 'MIS_END', false);
  if (end !== undefined && end < start)
    throw refused('DATE_OUT_OF_SEQUENCE', `MIS_END ${row.values.MIS_END} is before MIS_START ${row.values.MIS_START}.`, 'MIS_END');
  const missingEpisodeId = `903-mis-${start}`;
  const facts = [
    { key: key('missing', start), envelope: envelope(childId, row.year, { type: 'MissingEpisodeStarted', occurredAt: start, data: { missingEpisodeId } }) },
  ];
  if (end !== undefined) {
    facts.push({
      key: key('missing-end', start),
      envelope: envelope(childId, row.year, { type: 'MissingEpisodeEnded', occurredAt: end, data: { missingEpisodeId } }),
    });
  }
  return facts;
}
