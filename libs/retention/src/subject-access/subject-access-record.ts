import { childStreamId, fromStoredEvent, isPersonalDataDestroyed, retentionStreamId, type CaseEvent } from '@csc/contracts';
import type { EventStore, Queryable, RecordedEvent } from '@csc/event-store';
import { summariseEvent } from '@csc/history';
import { CHILD_RECORD_READ, accessStreamId, type ChildRecordReadData } from '@csc/projections';

/** One event of the child's stream, as the service reads it (personal fields decrypted, or marked destroyed). */
export interface SubjectAccessEvent {
  revision: number;
  eventId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  summary: string;
  data: Record<string, unknown>;
  source: unknown;
  recordedBy?: string;
}

export interface SubjectAccessRecord {
  childId: string;
  generatedAt: string;
  /** Whether the child's personal fields have been destroyed, and the retention events (holds, destruction) with who recorded them. */
  retention: { destroyed: boolean; events: Array<{ type: string; at: string; by: string; data: Record<string, unknown> }> };
  events: SubjectAccessEvent[];
  /** Every row of every read model that names the child, by schema.table. */
  readModels: Record<string, Array<Record<string, unknown>>>;
  /** Who read the child's record, when, what and how (the access log). */
  reads: ChildRecordReadData[];
}

export interface SubjectAccessSources {
  /** The store the service reads (personal fields decrypted). */
  store: EventStore;
  /** The read models' database. */
  db: Queryable;
  /** The live schemas of the read models (e.g. rm_child_tracker). */
  readModelSchemas: readonly string[];
}

/** Everything held about a child: the events, the read-model rows, who read the record and when. Undefined when nothing is held. */
export async function subjectAccessRecord(sources: SubjectAccessSources, childId: string, generatedAt: Date): Promise<SubjectAccessRecord | undefined> {
  const [child, retention, access] = await Promise.all([
    sources.store.readStream(childStreamId(childId)),
    sources.store.readStream(retentionStreamId(childId)),
    sources.store.readStream(accessStreamId(childId)),
  ]);
  if (child.length === 0 && retention.length === 0 && access.length === 0) return undefined;
  return {
    childId,
    generatedAt: generatedAt.toISOString(),
    retention: {
      destroyed: child.some((event) => isPersonalDataDestroyed(event.metadata)) || retention.some((event) => event.type === 'ChildRecordDestroyed'),
      events: retention.map((event) => ({
        type: event.type,
        at: String(event.metadata.occurredAt ?? event.recordedAt.toISOString()),
        by: String(event.metadata.recordedBy ?? ''),
        data: event.data,
      })),
    },
    events: child.map(describeEvent),
    readModels: await readModelRows(sources, childId),
    reads: access.filter((event) => event.type === CHILD_RECORD_READ).map((event) => event.data as unknown as ChildRecordReadData),
  };
}

function describeEvent(event: RecordedEvent): SubjectAccessEvent {
  const envelope: CaseEvent = fromStoredEvent(event);
  return {
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    occurredAt: envelope.occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    summary: summariseEvent(envelope),
    data: event.data,
    source: envelope.source,
    ...(typeof event.metadata.recordedBy === 'string' ? { recordedBy: event.metadata.recordedBy } : {}),
  };
}

async function readModelRows(sources: SubjectAccessSources, childId: string): Promise<Record<string, Array<Record<string, unknown>>>> {
  const { rows: tables } = await sources.db.query<{ table_schema: string; table_name: string }>(
    `SELECT table_schema, table_name FROM information_schema.columns
     WHERE table_schema = ANY($1::text[]) AND column_name = 'child_id' ORDER BY table_schema, table_name`,
    [sources.readModelSchemas],
  );
  const found: Record<string, Array<Record<string, unknown>>> = {};
  for (const { table_schema, table_name } of tables) {
    // row_to_json: dates come back as the table holds them (YYYY-MM-DD), whatever the process's time zone.
    const { rows } = await sources.db.query<{ row: Record<string, unknown> }>(
      `SELECT row_to_json(t) AS row FROM ${table_schema}.${table_name} t WHERE child_id = $1 ORDER BY row_to_json(t)::text`,
      [childId],
    );
    if (rows.length > 0) found[`${table_schema}.${table_name}`] = rows.map(({ row }) => row);
  }
  return found;
}
