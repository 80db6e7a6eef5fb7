import type { EntityManager } from 'typeorm';
import { CHILD_RECORD_DESTROYED, RETENTION_STREAM_CATEGORY, childStreamId, fromStoredEvent, isPersonalDataDestroyed, type CaseEvent } from '@csc/contracts';
import type { RecordedEvent } from '@csc/event-store';
import { ProjectionError, type Projection, type ReadModelMigration } from '../projection';

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
 */
export function defineRecomputingProjection(definition: RecomputingProjectionDefinition): Projection {
  // A child's destroyed record leaves every read model of children: told by ChildRecordDestroyed (retention-{childId}).
  const readsChildren = definition.categories.includes('child');
  const eventTypes = [...new Set([...definition.eventTypes, 'EventRetracted', ...(readsChildren ? [CHILD_RECORD_DESTROYED] : [])])];
  const categories = readsChildren ? [...definition.categories, RETENTION_STREAM_CATEGORY] : definition.categories;
  return {
    name: definition.name,
    schema: definition.schema,
    filter: { categories, eventTypes },
    migrations: [
      { version: 1, name: 'subject events', sql: SUBJECT_EVENTS_MIGRATION },
      ...definition.migrations.map((migration) => ({ ...migration, version: migration.version + 1 })),
    ],
    async apply(everything, { manager, schema }) {
      const { batch, destroyed } = withoutDestroyedRecords(everything);
      if (destroyed.size > 0) await forgetChildren(manager, schema, definition.tables, [...destroyed]);
      const touched = new Map<string, Subject>();
      for (const event of batch) touched.set(event.streamId, subjectOf(event.streamId));
      await storeEvents(manager, schema, batch);
      const byStream = await loadEvents(manager, schema, [...touched.keys()]);
      const rows = new Map<string, Array<Record<string, unknown>>>(definition.tables.map((table) => [table.name, []]));
      for (const [streamId, subject] of touched) {
        let derived: DerivedRows;
        try {
          derived = definition.derive(subject, byStream.get(streamId) ?? []);
        } catch (error) {
          const culprit = [...batch].reverse().find((event) => event.streamId === streamId)!;
          throw new ProjectionError(definition.name, culprit.eventId, culprit.position, `deriving ${streamId} failed: ${(error as Error).message}`, {
            cause: error,
          });
        }
        for (const [table, tableRows] of Object.entries(derived)) rows.get(table)?.push(...tableRows);
      }
      for (const table of definition.tables) {
        const subjects = [...touched.values()].filter((subject) => subject.kind === table.subject).map((subject) => subject.id);
        if (subjects.length > 0) await replaceRows(manager, schema, table, subjects, rows.get(table.name)!);
      }
    },
  };
}

export function subjectOf(streamId: string): Subject {
  const dash = streamId.indexOf('-');
  const category = streamId.slice(0, dash);
  if (category !== 'child' && category !== 'worker') throw new Error(`Stream ${streamId} is neither a child's nor a worker's`);
  return { kind: category, id: streamId.slice(dash + 1), streamId };
}

/**
 * The batch without the events of destroyed records, and the children whose record was destroyed: named by
 * ChildRecordDestroyed, or read with their personal data destroyed (a rebuild after the destruction). Their
 * earlier events in the same batch go too, so a rebuild and a live read model end the same.
 */
function withoutDestroyedRecords(batch: readonly RecordedEvent[]): { batch: RecordedEvent[]; destroyed: Set<string> } {
  const destroyed = new Set<string>();
  for (const event of batch) {
    if (event.type === CHILD_RECORD_DESTROYED && event.streamId.startsWith(`${RETENTION_STREAM_CATEGORY}-`)) {
      destroyed.add(childStreamId(event.streamId.slice(RETENTION_STREAM_CATEGORY.length + 1)));
    } else if (isPersonalDataDestroyed(event.metadata)) {
      destroyed.add(event.streamId);
    }
  }
  return { batch: batch.filter((event) => !destroyed.has(event.streamId) && !event.streamId.startsWith(`${RETENTION_STREAM_CATEGORY}-`)), destroyed };
}

/** Removes every row of these children's streams: their copied events and every derived row. */
async function forgetChildren(manager: EntityManager, schema: string, tables: readonly DerivedTable[], streamIds: readonly string[]): Promise<void> {
  await manager.query(`DELETE FROM ${schema}.subject_events WHERE stream_id = ANY($1::text[])`, [streamIds]);
  const childIds = streamIds.map((streamId) => subjectOf(streamId).id);
  for (const table of tables.filter((candidate) => candidate.subject === 'child')) {
    await manager.query(`DELETE FROM ${schema}.${table.name} WHERE ${table.subjectColumn} = ANY($1::text[])`, [childIds]);
  }
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
