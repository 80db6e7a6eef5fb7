// Appends the stream straight to the configured store, opened as the service opens it (the same environment
// variables): each stream's events in order, batched per stream, with the expected revision tracked per stream, many
// streams to an append (one commit each on PostgreSQL and PGlite).
// The deliberate duplicates are skipped (the service would answer them `duplicate`); worker streams are written before
// the children's events of each batch, so the log names a worker before any case is given to them.
import { streamIdFor, toStoredEvent } from '@csc/contracts';
import { DataDirectoryInUse, StreamRevisionConflict, type EventStore, type EventToAppend, type JsonObject } from '@csc/event-store';
import { loadConfiguration } from '@csc/runtime';
import { openStorage, type Storage } from '@csc/runtime';
import { createLogger } from '@csc/runtime';
import type { Emission } from '../simulation/arrival-order';

export interface StoreSinkOptions {
  /** The environment the service would read (DATABASE_URL, CSC_DATA_DIR, EVENT_STORE ...). */
  readonly env: NodeJS.ProcessEnv;
  /** Events buffered before they are appended (grouped by stream, many streams to an append). */
  readonly bufferEvents?: number;
}

export interface StoreSinkReport {
  appended: number;
  appends: number;
  streams: number;
  skippedDuplicates: number;
  readonly store: string;
}

export class StoreSinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreSinkError';
  }
}

export async function appendToStore(emissions: Iterable<Emission>, options: StoreSinkOptions): Promise<StoreSinkReport> {
  const { storage, parallel } = await open(options.env);
  const store = storage.eventStore;
  const report: StoreSinkReport = { appended: 0, appends: 0, streams: 0, skippedDuplicates: 0, store: store.kind };
  const revisions = new Map<string, number>();
  let buffer = new Map<string, EventToAppend[]>();
  let buffered = 0;
  try {
    for (const { event, resent } of emissions) {
      if (resent) {
        report.skippedDuplicates += 1;
        continue;
      }
      const streamId = streamIdFor(event);
      const stored = toStoredEvent(event, { channel: 'import' });
      const pending = buffer.get(streamId);
      if (pending === undefined) buffer.set(streamId, [{ ...stored, data: stored.data as JsonObject, metadata: stored.metadata as JsonObject }]);
      else pending.push({ ...stored, data: stored.data as JsonObject, metadata: stored.metadata as JsonObject });
      // A long buffer gives each stream a longer append: one transaction for many of a child's events.
      if (++buffered < (options.bufferEvents ?? 100_000)) continue;
      await flush(store, buffer, revisions, report, parallel);
      [buffer, buffered] = [new Map(), 0];
    }
    await flush(store, buffer, revisions, report, parallel);
  } finally {
    await store.close().catch(() => undefined);
    await storage.database.close().catch(() => undefined);
  }
  report.streams = revisions.size;
  return report;
}

/** The storage, and how many appends to run at once: one for the embedded PGlite (a single session), else the pool's size. */
async function open(env: NodeJS.ProcessEnv): Promise<{ storage: Storage; parallel: number }> {
  const config = loadConfiguration(env);
  // The CLI's stdout may carry data: the store's own log lines go to stderr, and only warnings unless LOG_LEVEL says otherwise.
  const logger = createLogger(env.LOG_LEVEL ? config.logLevel : 'warn', process.stderr);
  try {
    const storage = await openStorage(config, logger);
    return { storage, parallel: config.database.kind === 'postgres' ? Math.max(1, config.database.poolSize - 1) : 1 };
  } catch (error) {
    if (error instanceof DataDirectoryInUse) {
      throw new StoreSinkError(`${error.message}. Stop the process that holds it (the service?), or send the events to it with --to http://host:port.`);
    }
    throw error;
  }
}

/** Streams per multi-stream append: a few hundred streams make one commit of a few thousand events. */
const STREAMS_PER_APPEND = 200;

async function flush(
  store: EventStore,
  buffer: Map<string, EventToAppend[]>,
  revisions: Map<string, number>,
  report: StoreSinkReport,
  parallel: number,
): Promise<void> {
  const streams = [...buffer];
  for (const workers of [true, false]) {
    const ofKind = streams.filter(([streamId]) => streamId.startsWith('worker-') === workers);
    const groups: [string, EventToAppend[]][][] = [];
    for (let from = 0; from < ofKind.length; from += STREAMS_PER_APPEND) groups.push(ofKind.slice(from, from + STREAMS_PER_APPEND));
    await inParallel(groups, parallel, (group) => append(store, group, revisions, report));
  }
}

async function append(store: EventStore, group: [string, EventToAppend[]][], revisions: Map<string, number>, report: StoreSinkReport): Promise<void> {
  const outcomes = await store.appendToStreams(
    group.map(([streamId, events]) => ({ streamId, events, expectedRevision: revisions.get(streamId) ?? ('no-stream' as const) })),
  );
  outcomes.forEach((outcome, at) => {
    const [streamId, events] = group[at];
    if (outcome.ok) {
      revisions.set(streamId, outcome.result.nextExpectedRevision);
      report.appended += events.length;
      report.appends += 1;
      return;
    }
    if (!(outcome.error instanceof StreamRevisionConflict)) throw outcome.error;
    throw new StoreSinkError(
      `Stream ${streamId} already holds other events (revision ${String(outcome.error.actual)}): --to-store writes a county into an empty store. ` +
        'Point DATABASE_URL or CSC_DATA_DIR at an empty store (the same seed again into the same store is fine: it is recognised and skipped).',
    );
  });
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(runners);
}
