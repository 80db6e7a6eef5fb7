import type { EntityManager } from 'typeorm';
import { fromStoredEvent, type CaseEvent } from '@csc/contracts';
import type { RecordedEvent } from '@csc/event-store';
import type { Projection, ReadModelMigration } from '../projection';
import { recordParking, type Parking } from '../runner/parked-subjects';

/** Whose events a stream holds: a child's case, or a worker's employment. */
export interface Subject {
  kind: 'child' | 'worker';
  id: string;
  streamId: string;
}

/** A table a read model derives: every row belongs to one subject (a child or a worker), found by `subjectColumn`. */
export interface DerivedTable {
  name: string;
  subject: Subject['kind'];
  subjectColumn: string;
  /** Column names in insertion order; each row is an object with these keys. */
  columns: readonly string[];
}

export type DerivedRows = Record<string, ReadonlyArray<Record<string, unknown>>>;

export interface RecomputingProjectionDefinition {
  name: string;
  schema: string;
  /** The read model's own tables (besides `subject_events`, which the framework owns). */
  migrations: readonly ReadModelMigration[];
  tables: readonly DerivedTable[];
  /** The event types it reads; EventRetracted is always added, since every read model honours it. */
  eventTypes: readonly string[];
  /** Whose streams it reads. */
  categories: readonly ('child' | 'worker')[];
  /**
   * Every row of every table for one subject, from all of its events so far (in arrival order;
   * retractions included). Pure: the same events always give the same rows.
   */
  derive(subject: Subject, events: readonly CaseEvent[]): DerivedRows;
}

const SUBJECT_EVENTS_MIGRATION = (schema: string): string => `
  CREATE TABLE ${schema}.subject_events (
    stream_id text   NOT NULL,
    position  bigint NOT NULL,
    event     jsonb  NOT NULL,
    PRIMARY KEY (stream_id, position)
  );
  COMMENT ON TABLE ${schema}.subject_events IS 'The events this read model reads, per stream, from which its tables are recomputed.';`;

/**
 * A read model whose rows are recomputed, whole, for every child (or worker) a batch touches: late
 * events, out-of-order arrivals and retractions then need no special handling, because the rows
 * always equal derive(all events so far). Applying the same batch twice changes nothing.
 * A subject whose rows cannot be derived or stored is parked (its rows stay as they were) and every
 * other subject carries on; its next events derive it again, so a retraction or a rebuild after a fix
 * releases it.
 */
export function defineRecomputingProjection(definition: RecomputingProjectionDefinition): Projection {
  const eventTypes = [...new Set([...definition.eventTypes, 'EventRetracted'])];
  return {
    name: definition.name,
    schema: definition.schema,
    filter: { categories: definition.categories, eventTypes },
    migrations: [
      { version: 1, name: 'subject events', sql: SUBJECT_EVENTS_MIGRATION },
      ...definition.migrations.map((migration) => ({ ...migration, version: migration.version + 1 })),
    ],
    async apply(batch, { manager, schema, checkpoint }) {
      const touched = new Map<string, Subject>();
      for (const event of batch) touched.set(event.streamId, subjectOf(event.streamId));
      await storeEvents(manager, schema, batch);
      const byStream = await loadEvents(manager, schema, [...touched.keys()]);
      const derived = new Map<string, DerivedRows>();
      const parked: Parking[] = [];
      for (const [streamId, subject] of touched) {
        try {
          derived.set(streamId, definition.derive(subject, byStream.get(streamId) ?? []));
        } catch (error) {
          parked.push(parkingFor(batch, streamId, `deriving ${streamId} failed: ${(error as Error).message}`));
        }
      }
      parked.push(...(await writeRows(manager, schema, definition.tables, touched, derived, batch)));
      const parkedIds = new Set(parked.map((parking) => parking.streamId));
      await recordParking(
        manager,
        checkpoint,
        parked,
        [...touched.keys()].filter((streamId) => !parkedIds.has(streamId)),
      );
    },
  };
}

/** The subject's latest event in the batch: the one it is parked at. */
function parkingFor(batch: readonly RecordedEvent[], streamId: string, reason: string): Parking {
  const culprit = [...batch].reverse().find((event) => event.streamId === streamId)!;
  return { streamId, eventId: culprit.eventId, position: culprit.position, reason };
}

/**
 * Writes every derived subject's rows at once; if the database refuses them (a value it cannot store),
 * writes them subject by subject, each under a savepoint, and parks the subjects it refuses. A parked
 * subject's rows stay as they were.
 */
async function writeRows(
  manager: EntityManager,
  schema: string,
  tables: readonly DerivedTable[],
  touched: ReadonlyMap<string, Subject>,
  derived: ReadonlyMap<string, DerivedRows>,
  batch: readonly RecordedEvent[],
): Promise<Parking[]> {
  const write = async (streamIds: readonly string[]): Promise<void> => {
    for (const table of tables) {
      const subjects = streamIds.map((streamId) => touched.get(streamId)!).filter((subject) => subject.kind === table.subject);
      if (subjects.length === 0) continue;
      const rows = subjects.flatMap((subject) => derived.get(subject.streamId)?.[table.name] ?? []);
      await replaceRows(
        manager,
        schema,
        table,
        subjects.map((subject) => subject.id),
        rows,
      );
    }
  };
  const all = [...derived.keys()];
  if (all.length === 0) return [];
  try {
    await underSavepoint(manager, 'derived_rows', () => write(all));
    return [];
  } catch (error) {
    if (isConnectionLoss(error)) throw error;
  }
  const parked: Parking[] = [];
  for (const streamId of all) {
    try {
      await underSavepoint(manager, 'subject_rows', () => write([streamId]));
    } catch (error) {
      if (isConnectionLoss(error)) throw error;
      parked.push(parkingFor(batch, streamId, `writing the rows of ${streamId} failed: ${(error as Error).message}`));
    }
  }
  return parked;
}

async function underSavepoint(manager: EntityManager, name: string, work: () => Promise<void>): Promise<void> {
  await manager.query(`SAVEPOINT ${name}`);
  try {
    await work();
  } catch (error) {
    if (!isConnectionLoss(error)) await manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
  await manager.query(`RELEASE SAVEPOINT ${name}`);
}

/** A lost connection is the database's fault, not the subject's: the runner retries the batch. */
function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003'].includes(code) ||
    /Connection terminated/.test((error as Error)?.message ?? '')
  );
}

export function subjectOf(streamId: string): Subject {
  const dash = streamId.indexOf('-');
  const category = streamId.slice(0, dash);
  if (category !== 'child' && category !== 'worker') throw new Error(`Stream ${streamId} is neither a child's nor a worker's`);
  return { kind: category, id: streamId.slice(dash + 1), streamId };
}

/** Inserts the batch's events; one already stored (a batch applied twice) is left as it is. */
async function storeEvents(manager: EntityManager, schema: string, batch: readonly RecordedEvent[]): Promise<void> {
  if (batch.length === 0) return;
  // One JSON document for the whole batch: a jsonb[] parameter would escape every character of every event.
  const rows = batch.map((event) => ({ stream_id: event.streamId, position: event.position, event: fromStoredEvent(event) }));
  await manager.query(
    `INSERT INTO ${schema}.subject_events (stream_id, position, event)
     SELECT e.stream_id, e.position, e.event FROM jsonb_to_recordset($1::jsonb) AS e(stream_id text, position bigint, event jsonb)
     ON CONFLICT (stream_id, position) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

async function loadEvents(manager: EntityManager, schema: string, streamIds: readonly string[]): Promise<Map<string, CaseEvent[]>> {
  const rows = (await manager.query(`SELECT stream_id, event FROM ${schema}.subject_events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, position`, [
    streamIds,
  ])) as Array<{
    stream_id: string;
    event: CaseEvent;
  }>;
  const byStream = new Map<string, CaseEvent[]>();
  for (const row of rows) {
    const events = byStream.get(row.stream_id);
    if (events) events.push(row.event);
    else byStream.set(row.stream_id, [row.event]);
  }
  return byStream;
}

/** Replaces every row of the given subjects in one DELETE and one INSERT. */
async function replaceRows(
  manager: EntityManager,
  schema: string,
  table: DerivedTable,
  subjects: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  await manager.query(`DELETE FROM ${schema}.${table.name} WHERE ${table.subjectColumn} = ANY($1::text[])`, [subjects]);
  if (rows.length === 0) return;
  const columns = table.columns.join(', ');
  await manager.query(
    `INSERT INTO ${schema}.${table.name} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${schema}.${table.name}, $1::json)`,
    [JSON.stringify(rows)],
  );
}
