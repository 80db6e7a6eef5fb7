import type { EntityManager } from 'typeorm';
import { fromStoredEvent, isPersonalDataDestroyed, type CaseEvent } from '@csc/contracts';
import type { JsonObject, Queryable, RecordedEvent } from '@csc/event-store';

/** A subject's events in revision order. */
export interface StreamHistory {
  events: CaseEvent[];
  lastRevision: number;
  /** Its personal data reads as destroyed: the child's record was destroyed (its key with it). */
  destroyed?: boolean;
}

/**
 * Where the engine reads a subject's whole history when it must refold it: the event store's own table when
 * the store is PostgreSQL or PGlite in this database (no copy of the log), or a copy the engine keeps in the
 * read model's schema when the store is elsewhere (EventStoreDB).
 */
export interface HistorySource {
  /** Called with every batch before histories are read (the copy stores the batch's events). */
  record(manager: EntityManager, schema: string, batch: readonly RecordedEvent[]): Promise<void>;
  read(manager: EntityManager, schema: string, streamIds: readonly string[]): Promise<Map<string, StreamHistory>>;
}

/** An event as the store's table holds it. */
export interface StoredEventRow {
  eventId: string;
  streamId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/**
 * Turns events read from the store's table into what the store answers through its port (children's personal
 * fields decrypted, or marked destroyed), looking up anything it needs through `client`: the batch's
 * transaction, since with PGlite's one connection a query through any other would wait on it for ever.
 */
export type OpenStoredEvents = (client: Queryable, events: readonly StoredEventRow[]) => Promise<StoredEventRow[]>;

/**
 * The store's table, read in the batch's transaction (with PGlite's one connection, any other would wait on it).
 * The events are opened with `open` (decrypted, as the store answers them to the subscription) when the table
 * holds them encrypted; without it they are folded as stored.
 */
export function eventStoreTable(open?: OpenStoredEvents): HistorySource {
  return {
    async record() {},
    async read(manager, _schema, streamIds) {
      const rows = (await manager.query(
        `SELECT stream_id, revision::int AS revision, event_id::text AS event_id, event_type, data, metadata
           FROM event_store.events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, revision`,
        [streamIds],
      )) as Array<{ stream_id: string; revision: number; event_id: string; event_type: string; data: JsonObject; metadata: JsonObject }>;
      const stored = rows.map((row) => ({ eventId: row.event_id, streamId: row.stream_id, type: row.event_type, data: row.data, metadata: row.metadata }));
      const opened = open ? await open(transactionQueryable(manager), stored) : stored;
      return group(
        opened.map((event, at) => ({
          streamId: event.streamId,
          revision: rows[at].revision,
          destroyed: isPersonalDataDestroyed(event.metadata),
          event: fromStoredEvent(event),
        })),
      );
    },
  };
}

/** The store's table, its events folded as stored (a store that does not encrypt). */
export const EVENT_STORE_TABLE: HistorySource = eventStoreTable();

/** The batch's transaction as the SQL adapters query. */
function transactionQueryable(manager: EntityManager): Queryable {
  return {
    async query<Row>(text: string, values?: readonly unknown[]) {
      const rows = (await manager.query(text, values ? [...values] : undefined)) as Row[];
      return { rows, rowCount: rows.length };
    },
  };
}

/** A copy of each stream's events in the read model's `subject_events`, for a store outside this database. */
export const SUBJECT_EVENTS_COPY: HistorySource = {
  async record(manager, schema, batch) {
    if (batch.length === 0) return;
    // One JSON document for the whole batch: a jsonb[] parameter would escape every character of every event.
    const rows = batch.map((event) => ({ stream_id: event.streamId, position: event.position, revision: event.revision, event: fromStoredEvent(event) }));
    await manager.query(
      `INSERT INTO ${schema}.subject_events (stream_id, position, event)
       SELECT e.stream_id, e.position, e.event || jsonb_build_object('revision', e.revision)
         FROM jsonb_to_recordset($1::jsonb) AS e(stream_id text, position bigint, revision int, event jsonb)
       ON CONFLICT (stream_id, position) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  },
  async read(manager, schema, streamIds) {
    const rows = (await manager.query(`SELECT stream_id, event FROM ${schema}.subject_events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, position`, [
      streamIds,
    ])) as Array<{ stream_id: string; event: CaseEvent & { revision: number } }>;
    return group(
      rows.map((row) => {
        const { revision, ...event } = row.event;
        return { streamId: row.stream_id, revision, event: event as CaseEvent };
      }),
    );
  },
};

function group(rows: ReadonlyArray<{ streamId: string; revision: number; event: CaseEvent; destroyed?: boolean }>): Map<string, StreamHistory> {
  const byStream = new Map<string, StreamHistory>();
  for (const row of rows) {
    const history = byStream.get(row.streamId);
    if (history) {
      history.events.push(row.event);
      history.lastRevision = row.revision;
      if (row.destroyed) history.destroyed = true;
    } else byStream.set(row.streamId, { events: [row.event], lastRevision: row.revision, ...(row.destroyed ? { destroyed: true } : {}) });
  }
  return byStream;
}
