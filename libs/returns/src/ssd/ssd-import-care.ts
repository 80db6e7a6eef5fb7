// Periods of care (ssd_cla_episodes with ssd_cla_placement and ssd_legal_status) and worker allocations
// (ssd_involvements, checked against ssd_professionals and ssd_department) of one child (pure). Codes are the
// SSDA903's, which these fields feed (the data model's code sets for clae_cla_episode_start_reason, _ceased_reason,
// clap_cla_placement_type, _change_reason and invo_worker_change_reason quote them).
import {
  LEGAL_STATUSES,
  PLACEMENT_TYPES,
  REASONS_CEASED,
  REASONS_NEW_EPISODE,
  REASONS_PLACE_CHANGE,
  SOCIAL_WORKER_CHANGE_REASONS,
  type LegalStatus,
  type UnallocationReason,
} from '@csc/contracts';
import type { ImportedFact } from '../import-facts';
import { codeOf, dateOf, idOf, refused, requiredText, RowRefused, textOf, type ChildContext, type SsdRow } from './ssd-import-values';

/** PLACE U1 and U4 are long-term fostering (SSDA903 PLACE; the data model's clap_cla_placement_type code set). */
const LONG_TERM_PLACEMENTS: ReadonlySet<string> = new Set(['U1', 'U4']);
/** Reasons for a new episode that change the legal status (clae_cla_episode_start_reason: L, B, U). */
const LEGAL_STATUS_CHANGES: ReadonlySet<string> = new Set(['L', 'B', 'U']);
/** X1: "episode ceases, and new episode begins on same day": the period of care goes on. */
const CONTINUES = 'X1';

type Mapped = { naturalKey: string; facts: () => ImportedFact[] };

export function careFacts(child: ChildContext): { of: (row: SsdRow, child: ChildContext) => Mapped } {
  return {
    of: (row) => {
      if (row.table === 'ssd_cla_episodes') return episode(row, child);
      if (row.table === 'ssd_cla_placement') return placement(row, child);
      if (row.table === 'ssd_involvements') return involvement(row, child);
      throw new Error(`no mapping for ${row.table}`);
    },
  };
}

const startOf = (row: SsdRow, column: string): string => {
  try {
    return dateOf(row, column, true);
  } catch {
    return '';
  }
};

/** The period's episodes in order; the period is named by clae_cla_id ("CLA ID"), which its placements and visits share. */
function episodesOf(child: ChildContext, claId: string): SsdRow[] {
  return child
    .rowsOf('ssd_cla_episodes')
    .filter((row) => textOf(row, 'clae_cla_id') === claId)
    .sort((a, b) => startOf(a, 'clae_cla_episode_start_date').localeCompare(startOf(b, 'clae_cla_episode_start_date')) || a.line - b.line);
}

function placementsOf(child: ChildContext, claId: string): SsdRow[] {
  return child
    .rowsOf('ssd_cla_placement')
    .filter((row) => textOf(row, 'clap_cla_id') === claId)
    .sort((a, b) => startOf(a, 'clap_cla_placement_start_date').localeCompare(startOf(b, 'clap_cla_placement_start_date')) || a.line - b.line);
}

/** The legal status in force on the day, from ssd_legal_status (the latest one started on or before it and not ended before it). */
function legalStatusOn(child: ChildContext, day: string): LegalStatus {
  let found: { start: string; status: LegalStatus } | undefined;
  for (const row of child.rowsOf('ssd_legal_status')) {
    try {
      const start = dateOf(row, 'lega_legal_status_start_date', true);
      const end = dateOf(row, 'lega_legal_status_end_date');
      if (start > day || (end !== undefined && end < day)) continue;
      const status = codeOf(row, 'lega_legal_status', LEGAL_STATUSES, 'SSDA903 legal status', true);
      if (found === undefined || start >= found.start) found = { start, status };
    } catch (error) {
      // The lookup row at fault is named: the episode that needs it is refused with its file and line.
      const { problem } = error as { problem?: { message: string } };
      if (problem === undefined) throw error;
      throw refused('INVALID_LEGAL_STATUS', `${row.file}:${row.line} (ssd_legal_status), which this episode needs: ${problem.message}`, 'lega_legal_status');
    }
  }
  if (found === undefined)
    throw refused(
      'MISSING_LEGAL_STATUS',
      `No ssd_legal_status row of this child is in force on ${day}; BecameLookedAfter and LegalStatusChanged need the legal status (C1, C2, V2 …). Include ssd_legal_status in the extract.`,
      'clae_cla_episode_start_date',
    );
  return found.status;
}

/** Reads another row this one needs; what is wrong there refuses this row too, naming that row's file and line. */
function neededFrom<T>(other: SsdRow, read: (row: SsdRow) => T): T {
  try {
    return read(other);
  } catch (error) {
    if (!(error instanceof RowRefused)) throw error;
    const { code, message, field } = error.problem;
    throw new RowRefused({ code, message: `${other.file}:${other.line} (${other.table}), which this row needs: ${message}`, field });
  }
}

function placementFields(row: SsdRow) {
  const placementType = codeOf(row, 'clap_cla_placement_type', PLACEMENT_TYPES, 'SSDA903 placement type', true);
  return { placementId: idOf('clap', requiredText(row, 'clap_cla_placement_id')), placementType, longTerm: LONG_TERM_PLACEMENTS.has(placementType) };
}

/**
 * The first episode of a period starts it (BecameLookedAfter, with its first placement and legal status); an episode
 * whose reason says the legal status changed records the new one; an episode that ceased for any reason but X1 ends
 * the period. A change of placement alone is the ssd_cla_placement row's to record.
 */
function episode(row: SsdRow, child: ChildContext): Mapped {
  const id = requiredText(row, 'clae_cla_episode_id');
  return {
    naturalKey: `cla-episode ${id}`,
    facts: () => {
      const claId = requiredText(row, 'clae_cla_id');
      const periodId = idOf('cla', claId);
      const start = dateOf(row, 'clae_cla_episode_start_date', true);
      const reasonNewEpisode = codeOf(row, 'clae_cla_episode_start_reason', REASONS_NEW_EPISODE, 'SSDA903 reason for new episode', true);
      const ceased = dateOf(row, 'clae_cla_episode_ceased_date');
      const reasonCeased = codeOf(row, 'clae_cla_episode_ceased_reason', [...REASONS_CEASED, CONTINUES], 'SSDA903 reason episode ceased');
      if (ceased !== undefined && ceased < start)
        throw refused(
          'DATE_OUT_OF_SEQUENCE',
          `clae_cla_episode_ceased_date ${ceased} is before clae_cla_episode_start_date ${start}.`,
          'clae_cla_episode_ceased_date',
        );
      if (ceased !== undefined && reasonCeased === undefined)
        throw refused(
          'MISSING_FIELD',
          'clae_cla_episode_ceased_reason is empty, but clae_cla_episode_ceased_date says the episode ended.',
          'clae_cla_episode_ceased_reason',
        );
      const facts: ImportedFact[] = [];
      const first = episodesOf(child, claId)[0] === row;
      if (first) {
        const placements = placementsOf(child, claId);
        const named = textOf(row, 'clae_cla_placement_id');
        const firstPlacement = placements.find((p) => named !== undefined && textOf(p, 'clap_cla_placement_id') === named) ?? placements[0];
        if (firstPlacement === undefined)
          throw refused(
            'MISSING_PLACEMENT',
            `No ssd_cla_placement row of this child has clap_cla_id ${claId}; BecameLookedAfter needs the placement the period starts in.`,
            'clae_cla_placement_id',
          );
        const data = { periodId, ...neededFrom(firstPlacement, placementFields), legalStatus: legalStatusOn(child, start), reasonNewEpisode };
        facts.push(child.fact('cla-period', claId, { type: 'BecameLookedAfter', occurredAt: start, data }));
      } else if (LEGAL_STATUS_CHANGES.has(reasonNewEpisode)) {
        facts.push(
          child.fact('cla-legal-status', id, { type: 'LegalStatusChanged', occurredAt: start, data: { periodId, legalStatus: legalStatusOn(child, start) } }),
        );
      }
      if (ceased !== undefined && reasonCeased !== undefined && reasonCeased !== CONTINUES) {
        facts.push(child.fact('cla-ceased', claId, { type: 'CeasedToBeLookedAfter', occurredAt: ceased, data: { periodId, reason: reasonCeased } }));
      }
      return facts;
    },
  };
}

/**
 * Every placement of a period after its first is a PlacementChanged. Its reason is the one recorded against the
 * placement that ended (clap_cla_placement_change_reason guidance: "recorded against the episode that is ceasing").
 */
function placement(row: SsdRow, child: ChildContext): Mapped {
  const id = requiredText(row, 'clap_cla_placement_id');
  return {
    naturalKey: `cla-placement ${id}`,
    facts: () => {
      const claId = requiredText(row, 'clap_cla_id');
      const start = dateOf(row, 'clap_cla_placement_start_date', true);
      const end = dateOf(row, 'clap_cla_placement_end_date');
      if (end !== undefined && end < start)
        throw refused(
          'DATE_OUT_OF_SEQUENCE',
          `clap_cla_placement_end_date ${end} is before clap_cla_placement_start_date ${start}.`,
          'clap_cla_placement_end_date',
        );
      const fields = placementFields(row);
      codeOf(row, 'clap_cla_placement_change_reason', REASONS_PLACE_CHANGE, 'SSDA903 reason for placement change');
      const episodes = episodesOf(child, claId);
      if (episodes.length === 0)
        throw refused(
          'PERIOD_NOT_FOUND',
          `No ssd_cla_episodes row of this child has clae_cla_id ${claId}: the placement belongs to no period of care.`,
          'clap_cla_id',
        );
      const placements = placementsOf(child, claId);
      const named = textOf(episodes[0], 'clae_cla_placement_id');
      const first = placements.find((p) => named !== undefined && textOf(p, 'clap_cla_placement_id') === named) ?? placements[0];
      if (first === row) return []; // recorded in BecameLookedAfter, by the period's first ssd_cla_episodes row
      const previous = placements[placements.indexOf(row) - 1];
      const reason =
        previous === undefined ? undefined : codeOf(previous, 'clap_cla_placement_change_reason', REASONS_PLACE_CHANGE, 'SSDA903 reason for placement change');
      const data = { periodId: idOf('cla', claId), ...fields, ...(reason ? { reason } : {}) };
      return [child.fact('cla-placement', id, { type: 'PlacementChanged', occurredAt: start, data })];
    },
  };
}

/** The involvements that are allocations of the case's social worker: invo_professional_role_id names the allocated worker. */
export function isAllocation(row: SsdRow): boolean {
  return /allocated/i.test(textOf(row, 'invo_professional_role_id') ?? '');
}

/** SSDA903 SW_REASON codes (invo_worker_change_reason) that say why a case was left without its worker. */
const UNALLOCATION_REASONS: Readonly<Record<string, UnallocationReason>> = { LEFTRL: 'worker-left', SWDIED: 'worker-left', ABSENC: 'worker-absent' };

/**
 * One allocation of the case's social worker. The child's allocations in date order are a chain: the first, or one
 * after a gap, is CaseAllocated; one that starts on or before the previous one's end is SocialWorkerChanged from that
 * worker, with this row's invo_worker_change_reason; an allocation that ends with no successor that day is
 * CaseUnallocated (closing the case ends an allocation by itself, so none is recorded on the day the case closes).
 */
function involvement(row: SsdRow, child: ChildContext): Mapped {
  const id = requiredText(row, 'invo_involvements_id');
  return {
    naturalKey: `involvement ${id}`,
    facts: () => {
      const start = dateOf(row, 'invo_involvement_start_date', true);
      const end = dateOf(row, 'invo_involvement_end_date');
      const reason = codeOf(row, 'invo_worker_change_reason', SOCIAL_WORKER_CHANGE_REASONS, 'SSDA903 social worker change reason');
      if (!isAllocation(row)) return []; // another professional's involvement: the contract records the allocated worker only
      const workerId = requiredText(row, 'invo_professional_id');
      const teamId = requiredText(row, 'invo_professional_team');
      const { workers, teams } = child.extract;
      if (workers !== undefined && !workers.has(workerId))
        throw refused('UNKNOWN_WORKER', `invo_professional_id ${workerId} is not in ssd_professionals (prof_professional_id).`, 'invo_professional_id');
      if (teams !== undefined && !teams.has(teamId))
        throw refused('UNKNOWN_TEAM', `invo_professional_team ${teamId} is not in ssd_department (dept_team_id).`, 'invo_professional_team');
      if (end !== undefined && end < start)
        throw refused('DATE_OUT_OF_SEQUENCE', `invo_involvement_end_date ${end} is before invo_involvement_start_date ${start}.`, 'invo_involvement_end_date');
      const chain = child
        .rowsOf('ssd_involvements')
        .filter(isAllocation)
        .sort((a, b) => startOf(a, 'invo_involvement_start_date').localeCompare(startOf(b, 'invo_involvement_start_date')) || a.line - b.line);
      const at = chain.indexOf(row);
      const previous = chain[at - 1];
      const next = chain[at + 1];
      const previousEnd = previous === undefined ? undefined : dateOf(previous, 'invo_involvement_end_date');
      const facts: ImportedFact[] = [];
      if (previous !== undefined && (previousEnd === undefined || previousEnd >= start)) {
        if (reason === undefined)
          throw refused(
            'MISSING_FIELD',
            'invo_worker_change_reason is empty; a change of social worker needs its reason (SSDA903 SW_REASON).',
            'invo_worker_change_reason',
          );
        const fromWorkerId = requiredText(previous, 'invo_professional_id');
        facts.push(
          child.fact('allocation', id, { type: 'SocialWorkerChanged', occurredAt: start, data: { fromWorkerId, toWorkerId: workerId, teamId, reason } }),
        );
      } else {
        facts.push(child.fact('allocation', id, { type: 'CaseAllocated', occurredAt: start, data: { workerId, teamId } }));
      }
      const handedOn = next !== undefined && end !== undefined && startOf(next, 'invo_involvement_start_date') <= end;
      if (end !== undefined && !handedOn && !closesOn(child, end)) {
        const nextReason = next === undefined ? undefined : textOf(next, 'invo_worker_change_reason')?.toUpperCase();
        const why = UNALLOCATION_REASONS[nextReason ?? ''] ?? 'other';
        facts.push(child.fact('unallocation', id, { type: 'CaseUnallocated', occurredAt: end, data: { workerId, reason: why } }));
      }
      return facts;
    },
  };
}

/** Whether one of the child's CIN episodes closes on the day. */
function closesOn(child: ChildContext, day: string): boolean {
  return child.rowsOf('ssd_cin_episodes').some((row) => textOf(row, 'cine_close_date')?.slice(0, 10) === day || startOf(row, 'cine_close_date') === day);
}
