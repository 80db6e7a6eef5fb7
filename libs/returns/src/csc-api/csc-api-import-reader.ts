// Streams CSC API JSON files child by child (NDJSON of request bodies as our export writes them, one JSON array of
// children, or one child), resolves each worker's team from their stream, and carries out a child's own purge flag
// through record retention (its record destroyed), which is no event of the child's stream.
import { childStreamId, fromStoredEvent, workerStreamId, type WorkerEvent } from '@csc/contracts';
import { evolveWorker, initialWorkerState, workerDetailsOn, type WorkerState } from '@csc/domain';
import type { EventStore } from '@csc/event-store';
import type { RecordRetention } from '@csc/retention';
import type { ImportedChild } from '../import-facts';
import { readJsonRecords } from '../import-json';
import type { ImportReportBuilder } from '../import-report';
import type { ImportFile } from '../import-run';
import { isJsonObject } from './csc-api-import-fields';
import { CSC_API_NOT_IMPORTED, mapCscApiRecord, type CscApiImportContext } from './csc-api-import-mapping';

/** What a purge needs of record retention (the service's, or the CLI's on the same store). */
export type RecordPurger = Pick<RecordRetention, 'destroyRecord'>;

export interface CscApiReadOptions {
  readonly store: EventStore;
  readonly authority: string;
  readonly today: string;
  readonly recordedBy?: string;
  /** Absent where the import runs without the children's keys: a child's purge is then refused, never ignored. */
  readonly retention?: RecordPurger;
}

export const CSC_API_PURGE_CODES = {
  PURGE_NOT_AVAILABLE: 'PURGE_NOT_AVAILABLE',
  RECORD_HELD: 'RECORD_HELD',
} as const;

export async function* readCscApiChildren(
  files: readonly ImportFile[],
  options: CscApiReadOptions,
  report: ImportReportBuilder,
): AsyncGenerator<ImportedChild> {
  const workers = new WorkerTeams(options.store);
  for (const file of files) {
    const notImported = new Map<string, number>();
    const context: CscApiImportContext = { file: file.name, authority: options.authority, today: options.today, teamOf: (id, on) => workers.teamOf(id, on) };
    for await (const record of readJsonRecords(file.open(), file.name)) {
      const mapped = mapCscApiRecord(record, context);
      if (mapped.kind === 'purge') {
        await purgeChild(mapped.childId, { file: file.name, line: mapped.line, path: `${mapped.path}.purge` }, options, report);
        continue;
      }
      for (const [table, rows] of Object.entries(mapped.notImported)) notImported.set(table, (notImported.get(table) ?? 0) + rows);
      await workers.load(workerIdsOf(record.value));
      yield mapped.child;
    }
    for (const [table, rows] of notImported) report.report.skipped.push({ file: file.name, table, rows, reason: CSC_API_NOT_IMPORTED[table] });
  }
}

/** components.schemas.CSC: "A purge flag set here will completely remove all data for the child". */
async function purgeChild(
  childId: string,
  location: { file: string; line: number; path: string },
  options: CscApiReadOptions,
  report: ImportReportBuilder,
): Promise<void> {
  const row = { table: 'purge', ...location, naturalKey: `${childId} purge` };
  const refuse = (code: string, message: string): void => {
    report.refuse({ ...row, code, message, field: 'purge' });
    report.purged({ ...row, outcome: 'refused' });
    report.child('refused');
  };
  if (options.retention === undefined) {
    return refuse(
      CSC_API_PURGE_CODES.PURGE_NOT_AVAILABLE,
      `Child ${childId} is flagged purge, and this import runs without record retention (the children's keys), so it cannot destroy the record; nothing was done for this child. Import the file through the service (POST /v1/imports?format=csc-api) or with csc import on the service's own store.`,
    );
  }
  if ((await options.store.readStream(childStreamId(childId))).length === 0) {
    report.row('purge', 'known');
    report.purged({ ...row, outcome: 'already-destroyed' });
    report.child('known');
    return;
  }
  const outcome = await options.retention.destroyRecord(
    childId,
    { reason: 'purge-requested', requestedBy: 'csc-api', asOf: options.today },
    options.recordedBy ?? 'csc-api',
  );
  if (outcome.status === 'held') {
    return refuse(
      CSC_API_PURGE_CODES.RECORD_HELD,
      `Child ${childId} is flagged purge, but the record is under a legal hold (${outcome.hold.reason}, placed by ${outcome.hold.placedBy}); it was kept. Release the hold first if the purge stands.`,
    );
  }
  const destroyed = outcome.status === 'destroyed';
  report.row('purge', destroyed ? 'recorded' : 'known');
  report.purged({ ...row, outcome: destroyed ? 'destroyed' : 'already-destroyed' });
  report.child(destroyed ? 'recorded' : 'known');
}

function workerIdsOf(value: unknown): string[] {
  if (!isJsonObject(value) || !Array.isArray(value.social_care_episodes)) return [];
  const ids = new Set<string>();
  for (const episode of value.social_care_episodes) {
    if (!isJsonObject(episode) || !Array.isArray(episode.care_worker_details)) continue;
    for (const worker of episode.care_worker_details) if (isJsonObject(worker) && typeof worker.worker_id === 'string') ids.add(worker.worker_id);
  }
  return [...ids];
}

/**
 * The API names no team: an allocation takes the worker's team on its start date from their stream, else the first
 * team the store knows for them, else CSC_API_UNKNOWN_TEAM. Each worker's stream is read once per import.
 */
class WorkerTeams {
  private readonly known = new Map<string, WorkerState>();

  constructor(private readonly store: EventStore) {}

  async load(workerIds: readonly string[]): Promise<void> {
    for (const workerId of workerIds) {
      if (this.known.has(workerId) || !/^[A-Za-z0-9_-]{1,12}$/.test(workerId)) continue;
      const events = (await this.store.readStream(workerStreamId(workerId))).map((event) => fromStoredEvent(event) as WorkerEvent);
      this.known.set(workerId, events.reduce(evolveWorker, initialWorkerState));
    }
  }

  teamOf(workerId: string, on: string): string | undefined {
    const worker = this.known.get(workerId);
    if (worker === undefined) return undefined;
    return workerDetailsOn(worker, on)?.teamId ?? worker.employments[0]?.details[0]?.teamId;
  }
}
