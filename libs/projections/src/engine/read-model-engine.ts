import type { EntityManager } from 'typeorm';
import { CHILD_RECORD_DESTROYED, RETENTION_STREAM_CATEGORY, childStreamId, fromStoredEvent, isPersonalDataDestroyed, type CaseEvent } from '@csc/contracts';
import type { RecordedEvent } from '@csc/event-store';
import type { Projection, ProjectionContext, ReadModelMigration } from '../projection';
import { recordParking, type Parking } from '../runner/parked-subjects';
import type { CaseReadModel, DerivedRows } from './case-read-model';
import { columnTypes, replaceRows, rowChange, rowJson, underSavepoint, isConnectionLoss, type ColumnTypes, type RowChange } from './row-writes';
import { canExtend, extendFold, foldSubject, subjectOf, type FoldedSubject, type Subject } from './subject-folds';
import { EVENT_STORE_TABLE, type HistorySource } from './subject-history';

export interface ReadModelEngineOptions {
  /** The checkpoint's name when live (one read model's own name when it runs alone, as in a rebuild). */
  name: string;
  models: readonly CaseReadModel[];
  /** Where a subject's whole history is read when it must be refolded. Default: the event store's own table. */
  history?: HistorySource;
  /** Most subjects whose fold and rows are kept in memory between batches. */
  snapshotLimit?: number;
}

/** A projection that feeds several read models from one fold per subject. */
export interface ReadModelEngine extends Projection {
  readonly models: readonly CaseReadModel[];
}

interface Snapshot {
  folded: FoldedSubject;
  /** Per read model, per table: the rows last written for the subject (each as JSON), so unchanged ones are not written again. */
  written: Map<string, Map<string, readonly string[]>>;
}

const SUBJECT_EVENTS_MIGRATION: ReadModelMigration = {
  version: 1,
  name: 'subject events',
  sql: (schema) => `
  CREATE TABLE ${schema}.subject_events (
    stream_id text   NOT NULL,
    position  bigint NOT NULL,
    event     jsonb  NOT NULL,
    PRIMARY KEY (stream_id, position)
  );
  COMMENT ON TABLE ${schema}.subject_events IS 'A copy of the events of the log, kept only when the event store is outside this database (EventStoreDB).';`,
};

/** A read model's migrations as the engine applies them: the engine's own table first. */
export function caseReadModelMigrations(model: CaseReadModel): ReadModelMigration[] {
  return [SUBJECT_EVENTS_MIGRATION, ...model.migrations.map((migration) => ({ ...migration, version: migration.version + 1 }))];
}

/**
 * The projection engine: reads each batch once, folds each child (or worker) it touches once, and hands the
 * same fold to every read model, which writes only the subject's tables whose rows changed; all in the
 * batch's one transaction, with one checkpoint. The fold of each subject is kept as a snapshot (its last
 * revision and latest event date): events that follow it in order are applied to it; a late event or a
 * retraction refolds the subject from its history. A subject a read model cannot derive or store is parked
 * for that read model alone.
 *
 * A child whose record is destroyed (told by ChildRecordDestroyed in `retention-{childId}`, or read with its
 * personal data destroyed, as a rebuild after the destruction reads it, live or in a refold's history) leaves
 * every read model: its rows, its copied events and its parking go, its snapshot is forgotten, and no event of
 * it is folded again; so a live read model and a rebuild end the same.
 */
export function readModelEngine(options: ReadModelEngineOptions): ReadModelEngine {
  const { models, name } = options;
  const history = options.history ?? EVENT_STORE_TABLE;
  const limit = options.snapshotLimit ?? 20_000;
  const snapshots = new Map<string, Snapshot>();
  let pending = new Map<string, Snapshot>();
  /** Children whose record was destroyed: destruction is final, so any later event of theirs is skipped. */
  const gone = new Set<string>();
  const alone = models.length === 1;
  /** Per schema, its tables' column types, read from the catalog at the schema's first write (again after forget). */
  const tableTypes = new Map<string, ColumnTypes>();
  const schemaOf = (model: CaseReadModel, context: ProjectionContext): string => (alone ? context.schema : model.schema);
  const parkingName = (model: CaseReadModel, context: ProjectionContext): string =>
    context.checkpoint.endsWith('@rebuild') ? `${model.name}@rebuild` : model.name;

  return {
    name,
    models,
    schema: alone ? models[0].schema : '',
    migrations: alone ? caseReadModelMigrations(models[0]) : [],
    // Every event of every child and worker (a snapshot extends only over a stream's consecutive revisions), and the destructions of records.
    filter: { categories: ['child', 'worker', RETENTION_STREAM_CATEGORY] },
    tables: (schema) => models.flatMap((model) => model.tables.map((table) => `${alone ? schema : model.schema}.${table.name}`)),
    async apply(everything, context) {
      pending = new Map();
      const { manager } = context;
      const { batch, destroyed } = withoutDestroyedRecords(everything, gone);
      const touched = groupBySubject(batch);
      const copySchema = schemaOf(models[0], context);
      await history.record(manager, copySchema, batch);

      // `continues`: the fold follows the snapshot's revision without a gap (extended, or refolded over a late event or a
      // retraction), so the rows last written for the subject are those its snapshot keeps, and only what differs is written.
      const folds = new Map<string, { folded: FoldedSubject; continues: boolean }>();
      const unfoldable = new Map<string, string>();
      const refold: string[] = [];
      for (const [streamId, { subject, events }] of touched) {
        const snapshot = snapshots.get(streamId);
        const known = snapshot ? snapshot.folded.events : [];
        if (followsWithoutGap(snapshot?.folded.revision ?? -1, events) && !canExtend(snapshot?.folded, events)) {
          // The snapshot's events and the batch's make the stream's whole history so far (for a subject seen for
          // the first time, as most are in a rebuild, the batch's alone): a late event or a retraction is folded
          // from them, without reading the same events back from the store.
          try {
            folds.set(streamId, {
              folded: foldSubject(subject, [...known, ...events.map(({ event }) => event)], events[events.length - 1].revision),
              continues: snapshot !== undefined,
            });
          } catch (error) {
            unfoldable.set(streamId, (error as Error).message);
          }
          continue;
        }
        if (!canExtend(snapshot?.folded, events)) {
          refold.push(streamId);
          continue;
        }
        try {
          folds.set(streamId, {
            folded: extendFold(
              snapshot.folded,
              events.map(({ event }) => event),
              events[events.length - 1].revision,
            ),
            continues: true,
          });
        } catch (error) {
          unfoldable.set(streamId, (error as Error).message);
        }
      }
      if (refold.length > 0) {
        const histories = await history.read(manager, copySchema, refold);
        for (const streamId of refold) {
          // Destroyed since the batch was read: the history says so.
          if (histories.get(streamId)?.destroyed) {
            destroyed.add(streamId);
            touched.delete(streamId);
            continue;
          }
          const { subject, events } = touched.get(streamId)!;
          // Up to the batch's last event of the stream: later ones (committed since) come in later batches, which then extend.
          const upTo = events[events.length - 1].revision;
          const found = histories.get(streamId)?.events.slice(0, upTo + 1) ?? events.map(({ event }) => event);
          try {
            folds.set(streamId, { folded: foldSubject(subject, found, upTo), continues: false });
          } catch (error) {
            unfoldable.set(streamId, (error as Error).message);
          }
        }
      }

      if (destroyed.size > 0) {
        const streamIds = [...destroyed];
        for (const streamId of streamIds) {
          gone.add(streamId);
          snapshots.delete(streamId);
        }
        for (const model of models) await forgetChildren(manager, schemaOf(model, context), parkingName(model, context), model, streamIds);
      }

      // Every read model's rows are worked out before any is written: the transaction takes its transaction id at its
      // first write, and on PostgreSQL every reader of the log waits for it from then until the commit.
      const work = models.map((model) => {
        const readers = [...touched.values()].filter(({ subject }) => model.categories.includes(subject.kind));
        const parked: Parking[] = [];
        // Each subject's rows as JSON, per table, as soon as they are derived: the row objects die young rather
        // than living through the whole batch's writes.
        const derived = new Map<string, Map<string, readonly string[]>>();
        for (const { subject } of readers) {
          const fold = folds.get(subject.streamId);
          if (!fold) {
            parked.push(parkingFor(batch, subject.streamId, `folding ${subject.streamId} failed: ${unfoldable.get(subject.streamId)}`));
            continue;
          }
          try {
            derived.set(subject.streamId, rowsAsJson(model, subject, model.derive(subject, fold.folded)));
          } catch (error) {
            parked.push(parkingFor(batch, subject.streamId, `deriving ${subject.streamId} failed: ${(error as Error).message}`));
          }
        }
        return { model, readers, parked, derived };
      });

      const written = new Map<string, Map<string, Map<string, readonly string[]>>>();
      for (const { model, readers, parked, derived } of work) {
        const schema = schemaOf(model, context);
        const types = async (): Promise<ColumnTypes> => {
          const known =
            tableTypes.get(schema) ??
            (await columnTypes(
              manager,
              schema,
              model.tables.map((table) => table.name),
            ));
          tableTypes.set(schema, known);
          return known;
        };
        const { refused, rowsWritten } = await writeChangedRows(manager, schema, model, touched, derived, types, (streamId) =>
          folds.get(streamId)?.continues ? snapshots.get(streamId)?.written.get(model.name) : undefined,
        );
        for (const [streamId, error] of refused) parked.push(parkingFor(batch, streamId, `writing the rows of ${streamId} failed: ${error}`));
        for (const [streamId, tables] of rowsWritten) {
          const byModel = written.get(streamId) ?? new Map<string, Map<string, readonly string[]>>();
          byModel.set(model.name, tables);
          written.set(streamId, byModel);
        }
        const parkedIds = new Set(parked.map((parking) => parking.streamId));
        await recordParking(
          manager,
          parkingName(model, context),
          parked,
          readers.map(({ subject }) => subject.streamId).filter((streamId) => !parkedIds.has(streamId)),
        );
      }
      for (const [streamId, { folded }] of folds) pending.set(streamId, { folded, written: written.get(streamId) ?? new Map() });
    },
    committed() {
      for (const [streamId, snapshot] of pending) {
        snapshots.delete(streamId);
        snapshots.set(streamId, snapshot);
        if (snapshots.size > limit) snapshots.delete(snapshots.keys().next().value!);
      }
      pending = new Map();
    },
    discard() {
      pending = new Map();
    },
    forget() {
      snapshots.clear();
      tableTypes.clear();
      pending = new Map();
    },
  };
}

/**
 * The batch's events of children and workers, without those of destroyed records; and the children whose record
 * was destroyed: named by ChildRecordDestroyed, read with their personal data destroyed, or destroyed before.
 * Their earlier events in the same batch go too, so a rebuild and a live read model end the same.
 */
function withoutDestroyedRecords(batch: readonly RecordedEvent[], gone: ReadonlySet<string>): { batch: RecordedEvent[]; destroyed: Set<string> } {
  const retention = `${RETENTION_STREAM_CATEGORY}-`;
  const destroyed = new Set<string>();
  for (const event of batch) {
    if (event.streamId.startsWith(retention)) {
      if (event.type === CHILD_RECORD_DESTROYED) destroyed.add(childStreamId(event.streamId.slice(retention.length)));
    } else if (gone.has(event.streamId) || isPersonalDataDestroyed(event.metadata)) {
      destroyed.add(event.streamId);
    }
  }
  return { batch: batch.filter((event) => !event.streamId.startsWith(retention) && !destroyed.has(event.streamId)), destroyed };
}

/** Removes everything a read model holds of these children: every row of its children's tables, its copy of their events, their parking. */
async function forgetChildren(manager: EntityManager, schema: string, parking: string, model: CaseReadModel, streamIds: readonly string[]): Promise<void> {
  await manager.query(`DELETE FROM ${schema}.subject_events WHERE stream_id = ANY($1::text[])`, [streamIds]);
  if (!model.categories.includes('child')) return;
  const childIds = streamIds.map((streamId) => subjectOf(streamId).id);
  for (const table of model.tables.filter((candidate) => candidate.subject === 'child')) {
    await manager.query(`DELETE FROM ${schema}.${table.name} WHERE ${table.subjectColumn} = ANY($1::text[])`, [childIds]);
  }
  await recordParking(manager, parking, [], streamIds);
}

interface TouchedSubject {
  subject: Subject;
  events: Array<{ revision: number; event: CaseEvent }>;
}

/** Whether the events follow revision `after` without a gap (from revision 0 when nothing is known of the stream). */
function followsWithoutGap(after: number, events: readonly { revision: number }[]): boolean {
  return events.every(({ revision }, at) => revision === after + 1 + at);
}

function groupBySubject(batch: readonly RecordedEvent[]): Map<string, TouchedSubject> {
  const touched = new Map<string, TouchedSubject>();
  for (const recorded of batch) {
    const entry = touched.get(recorded.streamId) ?? { subject: subjectOf(recorded.streamId), events: [] };
    entry.events.push({ revision: recorded.revision, event: fromStoredEvent(recorded) });
    touched.set(recorded.streamId, entry);
  }
  return touched;
}

/** A subject's rows of each of the read model's tables for its kind, each row as the JSON it is compared and written as. */
function rowsAsJson(model: CaseReadModel, subject: Subject, rows: DerivedRows): Map<string, readonly string[]> {
  const json = new Map<string, readonly string[]>();
  for (const table of model.tables) {
    if (table.subject === subject.kind)
      json.set(
        table.name,
        (rows[table.name] ?? []).map((row) => rowJson(table, row)),
      );
  }
  return json;
}

/** The subject's latest event in the batch: the one it is parked at. */
function parkingFor(batch: readonly RecordedEvent[], streamId: string, reason: string): Parking {
  const culprit = [...batch].reverse().find((event) => event.streamId === streamId)!;
  return { streamId, eventId: culprit.eventId, position: culprit.position, reason };
}

/**
 * Writes each derived subject's tables whose rows differ from those last written (all of them when that is not
 * known), all subjects at once; if the database refuses them (a value it cannot store), subject by subject,
 * each under a savepoint, answering the subjects it refuses. A refused subject's rows stay as they were.
 */
async function writeChangedRows(
  manager: EntityManager,
  schema: string,
  model: CaseReadModel,
  touched: ReadonlyMap<string, TouchedSubject>,
  derived: ReadonlyMap<string, Map<string, readonly string[]>>,
  typesOf: () => Promise<ColumnTypes>,
  lastWritten: (streamId: string) => Map<string, readonly string[]> | undefined,
): Promise<{ refused: Map<string, string>; rowsWritten: Map<string, Map<string, readonly string[]>> }> {
  const rowsWritten = new Map<string, Map<string, readonly string[]>>();
  const changes = new Map<string, Array<RowChange & { table: string }>>();
  for (const [streamId, now] of derived) {
    const subject = touched.get(streamId)!.subject;
    const before = lastWritten(streamId);
    const changed: Array<RowChange & { table: string }> = [];
    for (const [table, json] of now) {
      // Unknown before (a refold from the history, a first write, a read model that parked it): every row replaced.
      const change = rowChange(subject, before?.get(table), json);
      if (change) changed.push({ ...change, table });
    }
    rowsWritten.set(streamId, now);
    if (changed.length > 0) changes.set(streamId, changed);
  }
  const refused = new Map<string, string>();
  const all = [...changes.keys()];
  if (all.length === 0) return { refused, rowsWritten };
  const types = await typesOf();
  const write = async (streamIds: readonly string[]): Promise<void> => {
    for (const table of model.tables) {
      const tableChanges = streamIds.flatMap((streamId) => (changes.get(streamId) ?? []).filter((change) => change.table === table.name));
      await replaceRows(manager, schema, table, tableChanges, types.get(table.name));
    }
  };
  try {
    await underSavepoint(manager, 'read_model_rows', () => write(all));
    return { refused, rowsWritten };
  } catch (error) {
    if (isConnectionLoss(error)) throw error;
  }
  for (const streamId of all) {
    try {
      await underSavepoint(manager, 'subject_rows', () => write([streamId]));
    } catch (error) {
      if (isConnectionLoss(error)) throw error;
      refused.set(streamId, (error as Error).message);
      rowsWritten.delete(streamId);
    }
  }
  return { refused, rowsWritten };
}
