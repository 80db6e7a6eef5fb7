// A child's SWEpisodes rows (SW_ID, SW_DECOM, SW_DEC, SW_REASON; ../shared/data/csc-validator-be-903/
// config_column_names.json) to its allocations (pure). The first episode allocates the case (CaseAllocated), each one
// that starts the day the last ended changes the worker (SocialWorkerChanged, reason SW_REASON), a gap leaves the case
// unallocated (CaseUnallocated) until the next, and an episode that ends with none after it unallocates the case.
// The 903 names no team, and our allocations need one: the caller gives it (Ssda903Return.team), else the table is
// not imported (the reader says so). Rules: the DfE validator's SW03, SW10, SW108, SW13, SW15
// (../shared/data/csc-validator-be-903/output_data/903_2024_25_rule_info.csv).
import { SOCIAL_WORKER_CHANGE_REASONS, type SocialWorkerChangeReason } from '@csc/contracts';
import type { CaseFacts } from '@csc/domain';
import type { ImportedFact, MappedEnvelope } from '../import-facts';
import type { ImportProblem } from '../import-report';
import { codeOf, dateOf, refused, RowRefused } from './ssda903-import-fields';
import type { Ssda903Row } from './ssda903-import-mapping';

export const SW_ERROR_CODES = {
  /** SW10/SW108: an episode starts before the last one ended, or while it is still open. */
  SW_EPISODES_OVERLAP: 'SW_EPISODES_OVERLAP',
  /** The store holds no open case on the day (no referral): an allocation needs one (the domain's CASE_NOT_OPEN). */
  CASE_NOT_OPEN: 'CASE_NOT_OPEN',
} as const;

interface SwEpisode {
  readonly row: Ssda903Row;
  readonly workerId: string;
  readonly decom: string;
  readonly dec?: string;
  readonly reason?: SocialWorkerChangeReason;
}

type Key = (kind: string, ...parts: string[]) => string;
type Envelope = (row: Ssda903Row, fields: Omit<MappedEnvelope, 'schemaVersion' | 'childId' | 'source'>) => MappedEnvelope;
export type SwOutcome = { facts: ImportedFact[]; problem?: ImportProblem };

function swEpisodeOf(row: Ssda903Row): SwEpisode {
  const workerId = (row.values.SW_ID ?? '').trim();
  if (workerId === '') throw refused('MISSING_FIELD', 'SW_ID is empty; every social worker episode names its worker (DfE SW03).', 'SW_ID');
  const decom = dateOf(row, 'SW_DECOM', true)!;
  const dec = dateOf(row, 'SW_DEC', false);
  if (dec !== undefined && dec < decom)
    throw refused('DATE_OUT_OF_SEQUENCE', `SW_DEC ${row.values.SW_DEC} is before SW_DECOM ${row.values.SW_DECOM}.`, 'SW_DEC');
  return { row, workerId, decom, dec, reason: codeOf(row, 'SW_REASON', SOCIAL_WORKER_CHANGE_REASONS, false) };
}

/** Each SWEpisodes row's facts, or why it is refused. `latestFirst` rows: the latest return's row of an SW_DECOM stands. */
export function socialWorkerFacts(
  latestFirst: readonly Ssda903Row[],
  team: string,
  key: Key,
  envelope: Envelope,
  held?: CaseFacts,
): Map<Ssda903Row, SwOutcome> {
  const out = new Map<Ssda903Row, SwOutcome>();
  const byDecom = new Map<string, SwEpisode>();
  for (const row of latestFirst) {
    try {
      const episode = swEpisodeOf(row);
      if (!byDecom.has(episode.decom)) byDecom.set(episode.decom, episode);
      else out.set(row, { facts: [] }); // the same episode in an older return: the latest one's row says it
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      out.set(row, { facts: [], problem: error.problem });
    }
  }
  const chain = [...byDecom.values()].sort((a, b) => a.decom.localeCompare(b.decom));
  let current: { workerId: string; since: string } | undefined;
  for (const [at, episode] of chain.entries()) {
    const previous = chain[at - 1];
    try {
      out.set(episode.row, { facts: factsOf(episode, previous, chain[at + 1], current ?? heldAllocationOn(held, episode.decom), team, key, envelope, held) });
      current = { workerId: episode.workerId, since: episode.decom };
      if (episode.dec !== undefined && chain[at + 1]?.decom !== episode.dec) current = undefined;
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      out.set(episode.row, { facts: [], problem: error.problem });
      current = undefined;
    }
  }
  return out;
}

function factsOf(
  episode: SwEpisode,
  previous: SwEpisode | undefined,
  next: SwEpisode | undefined,
  current: { workerId: string; since: string } | undefined,
  team: string,
  key: Key,
  envelope: Envelope,
  held?: CaseFacts,
): ImportedFact[] {
  const { row, decom, workerId } = episode;
  if (previous !== undefined && (previous.dec === undefined || previous.dec > decom)) {
    throw refused(
      SW_ERROR_CODES.SW_EPISODES_OVERLAP,
      `This social worker episode starts on ${row.values.SW_DECOM}, but the one before (${previous.workerId}, from ${previous.row.values.SW_DECOM}) ` +
        `${previous.dec === undefined ? 'has no SW_DEC' : `ends later, on ${previous.row.values.SW_DEC}`} (DfE SW10, SW108): give that episode its end.`,
      'SW_DECOM',
    );
  }
  if (held !== undefined && !caseOpenOn(held, decom)) {
    throw refused(
      SW_ERROR_CODES.CASE_NOT_OPEN,
      `No case is open for this child on ${row.values.SW_DECOM}: an allocation needs the referral, which the 903 does not hold. ` +
        'Import the CIN census (or send the ReferralReceived) first, or leave the SWEpisodes file out.',
      'SW_DECOM',
    );
  }
  const facts: ImportedFact[] = [];
  if (current === undefined) {
    facts.push({ key: key('sw', decom), envelope: envelope(row, { type: 'CaseAllocated', occurredAt: decom, data: { workerId, teamId: team } }) });
  } else if (current.workerId !== workerId) {
    if (episode.reason === undefined) {
      throw refused('MISSING_FIELD', `SW_REASON is empty; the worker changed from ${current.workerId} to ${workerId}, so give why (DfE SW15).`, 'SW_REASON');
    }
    facts.push({
      key: key('sw', decom),
      envelope: envelope(row, {
        type: 'SocialWorkerChanged',
        occurredAt: decom,
        data: { fromWorkerId: current.workerId, toWorkerId: workerId, teamId: team, reason: episode.reason },
      }),
    });
  }
  // The episode ended with no other starting that day: the case was left without a worker (the 903 does not say why).
  if (episode.dec !== undefined && next?.decom !== episode.dec) {
    facts.push({
      key: key('sw-end', decom),
      envelope: envelope(row, { type: 'CaseUnallocated', occurredAt: episode.dec, data: { workerId, reason: 'other' } }),
    });
  }
  return facts;
}

/** The allocation the store holds on that day, begun before it (this import's own allocation that day is met again). */
function heldAllocationOn(held: CaseFacts | undefined, day: string): { workerId: string; since: string } | undefined {
  const open = held?.allocations.find((allocation) => allocation.on < day && (allocation.end === undefined || allocation.end.on >= day));
  return open && { workerId: open.workerId, since: open.on };
}

function caseOpenOn(held: CaseFacts, day: string): boolean {
  return held.episodes.some((episode) => episode.openedOn <= day && (episode.closure === undefined || episode.closure.on >= day));
}
