// The import as a producer: each child's facts go through the contract, the domain's decider and the store's
// multi-stream appends, as the events a case management system sends do. Ids come from the facts' keys, so a
// fact already held is known, a changed one is corrected (retraction, then the new version), and a child whose
// file says something the rules refuse is recorded not at all.
import { childStreamId, fromStoredEvent, ID_MAX_LENGTH, ID_PATTERN, toStoredEvent, validateEnvelope, type ChildEvent, type EventOfType } from '@csc/contracts';
import { caseFactsOf, decideChildEvent, evolveChildCase, initialChildCaseState, type ChildCaseState } from '@csc/domain';
import { canonicalJson, StreamRevisionConflict, type EventStore, type EventToAppend, type JsonValue, type RecordedEvent } from '@csc/event-store';
import { importEventId, importRetractionId, type ImportedChild, type ImportedFact, type ImportedRow } from './import-facts';
import { ImportReportBuilder, type ImportProblem, type ImportReport, type RowOutcome } from './import-report';

export interface ImportOptions {
  readonly store: EventStore;
  readonly format: string;
  /** Today's date in Europe/London, from the caller's clock: facts dated later are refused, retractions are dated today. */
  readonly today: string;
  /** Who ran the import (the token's subject over HTTP), kept in each event's metadata. */
  readonly recordedBy?: string;
  /** Children decided and appended together (one multi-stream append). */
  readonly childrenPerAppend?: number;
  /** Called after each append with the rows settled so far. */
  readonly onProgress?: (rowsSettled: number) => void;
}

/** Codes the import adds to the contract's and the domain's. */
export const IMPORT_ERROR_CODES = {
  /** Another row of the same child was refused: the child is recorded whole or not at all. */
  CHILD_NOT_IMPORTED: 'CHILD_NOT_IMPORTED',
  CONCURRENT_MODIFICATION: 'CONCURRENT_MODIFICATION',
} as const;

const CHILDREN_PER_APPEND = 200;
const MAX_ATTEMPTS = 5;

/** Imports children as they stream in; the report accounts for every row read. */
export async function importChildren(
  children: AsyncIterable<ImportedChild>,
  options: ImportOptions,
  report = new ImportReportBuilder(options.format),
): Promise<ImportReport> {
  let batch: ImportedChild[] = [];
  let settled = 0;
  const flush = async (): Promise<void> => {
    settled += await recordChildren(batch, options, report);
    batch = [];
    options.onProgress?.(settled);
  };
  try {
    for await (const child of children) {
      batch.push(child);
      if (batch.length >= (options.childrenPerAppend ?? CHILDREN_PER_APPEND)) await flush();
    }
  } catch (unreadable) {
    // The file cannot be read on from here: the children read whole before the fault are recorded, none after it.
    if (batch.length > 0) await flush();
    throw unreadable;
  }
  if (batch.length > 0) await flush();
  return report.report;
}

/** What deciding one child produced: the events to append and each row's outcome, or the refusal. */
interface ChildPlan {
  readonly child: ImportedChild;
  /** The child's rows as mapped with what the store holds of the child (see ImportedChild.withHistory). */
  readonly rows: readonly ImportedRow[];
  readonly streamId: string;
  readonly head: number;
  readonly toAppend: ChildEvent[];
  readonly rowOutcomes: RowOutcome[];
  readonly known: number;
  readonly corrections: { row: ImportedRow; type: string; retractedEventId: string; eventId: string }[];
  readonly refusal?: { rowIndex: number; problem: ImportProblem };
}

async function recordChildren(children: readonly ImportedChild[], options: ImportOptions, report: ImportReportBuilder): Promise<number> {
  let settled = 0;
  for (const round of distinctRounds(mergeByChild(children))) settled += await recordRound(round, options, report);
  return settled;
}

/** Rounds in which each child appears once (one append per stream), in the order the file gave them. */
function distinctRounds(children: readonly ImportedChild[]): ImportedChild[][] {
  const rounds: ImportedChild[][] = [];
  const seen = new Map<string, number>();
  for (const child of children) {
    const round = seen.get(child.childId) ?? 0;
    seen.set(child.childId, round + 1);
    (rounds[round] ??= []).push(child);
  }
  return rounds;
}

async function recordRound(merged: readonly ImportedChild[], options: ImportOptions, report: ImportReportBuilder): Promise<number> {
  let pending = merged;
  let rowsSettled = 0;
  for (let attempt = 1; pending.length > 0; attempt++) {
    // A child id the contract refuses names no stream: nothing is read, and its facts are refused on that field.
    const recorded = await Promise.all(pending.map((child) => (isContractId(child.childId) ? options.store.readStream(childStreamId(child.childId)) : [])));
    const plans = pending.map((child, at) => planChild(child, recorded[at], options));
    const appending = plans.filter((plan) => plan.refusal === undefined && plan.toAppend.length > 0);
    const outcomes = await options.store.appendToStreams(
      appending.map((plan) => ({
        streamId: plan.streamId,
        events: plan.toAppend.map((event) => toStoredEvent(event, { channel: 'import', recordedBy: options.recordedBy }) as EventToAppend),
        expectedRevision: plan.head < 0 ? ('no-stream' as const) : plan.head,
      })),
    );
    const again = new Set<ImportedChild>();
    appending.forEach((plan, at) => {
      const outcome = outcomes[at];
      if (outcome.ok) return;
      if (!(outcome.error instanceof StreamRevisionConflict)) throw outcome.error;
      again.add(plan.child);
    });
    for (const plan of plans) {
      if (again.has(plan.child) && attempt < MAX_ATTEMPTS) continue;
      settle(again.has(plan.child) ? concurrentlyModified(plan) : plan, report);
      rowsSettled += plan.rows.length;
    }
    pending = attempt < MAX_ATTEMPTS ? pending.filter((child) => again.has(child)) : [];
  }
  return rowsSettled;
}

const CONTRACT_ID = new RegExp(ID_PATTERN);
const isContractId = (id: string): boolean => id.length <= ID_MAX_LENGTH && CONTRACT_ID.test(id);

/** One file may name a child twice (two Child elements, rows of many CSV files): its facts are decided together. */
function mergeByChild(children: readonly ImportedChild[]): ImportedChild[] {
  const byId = new Map<string, ImportedRow[]>();
  // A child mapped against its history is kept as it came, even twice in one batch: the second is decided after
  // the first is stored (its append conflicts, and it is tried again).
  const withHistory: ImportedChild[] = [];
  for (const child of children) {
    if (child.withHistory) withHistory.push(child);
    else byId.set(child.childId, [...(byId.get(child.childId) ?? []), ...child.rows]);
  }
  return [...[...byId].map(([childId, rows]) => ({ childId, rows })), ...withHistory];
}

function planChild(child: ImportedChild, recorded: readonly RecordedEvent[], options: ImportOptions): ChildPlan {
  const streamId = childStreamId(child.childId);
  const head = recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision;
  const stored = recorded.map((event) => fromStoredEvent(event) as ChildEvent);
  const storedState: ChildCaseState = stored.reduce(evolveChildCase, initialChildCaseState);
  const rows = child.withHistory ? child.withHistory(caseFactsOf(storedState)) : child.rows;
  const base = { child, rows, streamId, head, known: 0, corrections: [] };
  const unreadable = rows.findIndex((row) => row.problem !== undefined);
  if (unreadable >= 0) return { ...base, toAppend: [], rowOutcomes: [], refusal: { rowIndex: unreadable, problem: rows[unreadable].problem! } };

  const byId = new Map(stored.map((event) => [event.eventId.toLowerCase(), event]));
  const retracted = new Set(stored.filter(isRetraction).map((event) => event.data.retractedEventId.toLowerCase()));
  const seenKeys = new Set<string>();
  const rowOutcomes: RowOutcome[] = rows.map(() => 'known');
  const retractions: { rowIndex: number; event: ChildEvent; withdrawn: ChildEvent }[] = [];
  const additions: { rowIndex: number; event: ChildEvent }[] = [];
  const corrections: ChildPlan['corrections'] = [];
  let known = 0;

  rows.forEach((row, rowIndex) => {
    for (const fact of row.facts) {
      if (seenKeys.has(fact.key)) continue; // the same fact stated twice in one file (an ICPC in CINdetails and Section47)
      seenKeys.add(fact.key);
      const held = latestVersion(fact.key, byId, retracted);
      if (held.live && sameFact(held.live, fact)) {
        known += 1;
        continue;
      }
      if (!held.live && held.versions > 0) {
        known += 1; // every version was retracted in the store: the import does not bring back what someone withdrew
        continue;
      }
      if (held.live && fact.envelope.source.system < held.live.source.system) {
        known += 1; // an older return than the one that stated the fact last: the later return's version stands
        continue;
      }
      const event = { ...fact.envelope, eventId: importEventId(fact.key, held.versions) } as ChildEvent;
      if (held.live) {
        const retraction = retractionOf(held.live, fact, held.versions - 1, options);
        retractions.push({ rowIndex, event: retraction, withdrawn: held.live });
        corrections.push({ row, type: event.type, retractedEventId: held.live.eventId, eventId: event.eventId });
      }
      additions.push({ rowIndex, event });
      rowOutcomes[rowIndex] = 'recorded';
    }
  });

  // Withdrawn facts first, the latest first (so nothing still names what is withdrawn), then the new ones in the
  // order they happened, so each is judged as the case stood then.
  const latestFirst = retractions.sort((a, b) => -byDateThenKind({ event: a.withdrawn }, { event: b.withdrawn }));
  const ordered = [...latestFirst, ...additions.sort(byDateThenKind)];
  let state = storedState;
  for (const { rowIndex, event } of ordered) {
    const validated = validateEnvelope(event);
    if (!validated.ok) {
      const [first] = validated.errors;
      return {
        ...base,
        toAppend: [],
        rowOutcomes,
        refusal: { rowIndex, problem: { code: first.code, message: `${event.type}: ${first.message}`, field: first.field } },
      };
    }
    const decision = decideChildEvent(state, event, { today: options.today, workers: new Map() });
    if (!decision.ok) {
      const { code, message, field } = decision.error;
      return {
        ...base,
        toAppend: [],
        rowOutcomes,
        refusal: { rowIndex, problem: { code, message: `${event.type} of ${event.occurredAt}: ${message}`, field } },
      };
    }
    state = evolveChildCase(state, event);
  }
  return { ...base, toAppend: ordered.map(({ event }) => event), rowOutcomes, known, corrections };
}

/** The fact's newest version still standing, and how many versions the store has seen. */
function latestVersion(key: string, byId: ReadonlyMap<string, ChildEvent>, retracted: ReadonlySet<string>): { live?: ChildEvent; versions: number } {
  let live: ChildEvent | undefined;
  let versions = 0;
  for (let event = byId.get(importEventId(key)); event !== undefined; event = byId.get(importEventId(key, versions))) {
    live = retracted.has(event.eventId.toLowerCase()) ? undefined : event;
    versions += 1;
  }
  return { live, versions };
}

/** The same fact: its type, its payload and (where the source dates it) its date; which return said it does not matter. */
function sameFact(held: ChildEvent, fact: ImportedFact): boolean {
  const sameDate = fact.dateFromSource === false || held.occurredAt === fact.envelope.occurredAt;
  return (
    sameDate &&
    held.type === fact.envelope.type &&
    canonicalJson(held.data as unknown as JsonValue) === canonicalJson(fact.envelope.data as unknown as JsonValue)
  );
}

function retractionOf(held: ChildEvent, fact: ImportedFact, version: number, options: ImportOptions): ChildEvent {
  return {
    eventId: importRetractionId(fact.key, version),
    type: 'EventRetracted',
    schemaVersion: 1,
    childId: held.childId,
    occurredAt: options.today,
    source: fact.envelope.source,
    data: {
      retractedEventId: held.eventId,
      reason: `Corrected by the ${fact.envelope.source.system} return: it states this ${held.type} differently.`,
    },
  };
}

function isRetraction(event: ChildEvent): event is EventOfType<'EventRetracted'> {
  return event.type === 'EventRetracted';
}

/** Within a day, the order a case's work happens in: a referral before its decision, a plan's start before its end, closure last. */
const KIND_ORDER: readonly string[] = [
  'ChildDetailsRecorded',
  'ContactReceived',
  'ReferralReceived',
  'ReferralDecisionMade',
  'StrategyDiscussionHeld',
  'AssessmentStarted',
  'Section47EnquiryCompleted',
  'AssessmentAuthorised',
  'InitialChildProtectionConferenceHeld',
  'BecameLookedAfter',
  'LegalStatusChanged',
  'PlacementChanged',
  'PlanStarted',
  'PlanReviewed',
  'CaseAllocated',
  'SocialWorkerChanged',
  'StatutoryVisitMade',
  'HealthAssessmentCompleted',
  'MissingEpisodeStarted',
  'MissingEpisodeEnded',
  'ReturnHomeInterviewCompleted',
  'PlanEnded',
  'CaseUnallocated',
  'CeasedToBeLookedAfter',
  'CaseClosed',
];

function byDateThenKind(a: { event: ChildEvent }, b: { event: ChildEvent }): number {
  const date = a.event.occurredAt.localeCompare(b.event.occurredAt);
  return date !== 0 ? date : KIND_ORDER.indexOf(a.event.type) - KIND_ORDER.indexOf(b.event.type);
}

function concurrentlyModified(plan: ChildPlan): ChildPlan {
  const problem = {
    code: IMPORT_ERROR_CODES.CONCURRENT_MODIFICATION,
    message: `Other writers kept changing ${plan.streamId} during the import; nothing was recorded for this child. Import the file again.`,
  };
  return { ...plan, toAppend: [], refusal: { rowIndex: 0, problem } };
}

function settle(plan: ChildPlan, report: ImportReportBuilder): void {
  const { rows: childRows, refusal } = plan;
  if (refusal !== undefined) {
    const cause = childRows[refusal.rowIndex];
    // The row at fault is listed first, then the rest of the child that it kept out.
    const rows = [cause, ...childRows.filter((_, at) => at !== refusal.rowIndex)];
    rows.forEach((row, listed) => {
      const at = listed === 0 ? refusal.rowIndex : -1;
      const problem =
        at === refusal.rowIndex
          ? refusal.problem
          : {
              code: IMPORT_ERROR_CODES.CHILD_NOT_IMPORTED,
              message: `Not recorded: ${cause.table} at line ${cause.line} of this child was refused (${refusal.problem.code}), and a child is recorded whole or not at all. Fix that row and import again.`,
            };
      report.refuse({ table: row.table, file: row.file, line: row.line, path: row.path, naturalKey: row.naturalKey, ...problem });
    });
    for (const row of childRows.filter((candidate) => candidate.purge))
      report.purged({ table: row.table, file: row.file, line: row.line, path: row.path, naturalKey: row.naturalKey, outcome: 'refused' });
    report.report.events.rejected += childRows.reduce((facts, row) => facts + row.facts.length, 0);
    report.child('refused');
    return;
  }
  childRows.forEach((row, at) => {
    report.row(row.table, plan.rowOutcomes[at]);
    if (row.purge) {
      const outcome = plan.rowOutcomes[at] === 'recorded' ? 'retracted' : 'nothing-held';
      report.purged({ table: row.table, file: row.file, line: row.line, path: row.path, naturalKey: row.naturalKey, outcome, events: row.facts.length });
    }
  });
  report.report.events.recorded += plan.toAppend.length;
  report.report.events.duplicate += plan.known;
  for (const { row, type, retractedEventId, eventId } of plan.corrections) {
    report.report.corrections.push({
      table: row.table,
      file: row.file,
      line: row.line,
      path: row.path,
      naturalKey: row.naturalKey,
      type,
      retractedEventId,
      eventId,
    });
  }
  report.child(plan.toAppend.length > 0 ? 'recorded' : 'known');
}
