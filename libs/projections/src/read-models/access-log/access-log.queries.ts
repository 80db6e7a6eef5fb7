import type { DataSource } from 'typeorm';
import type { ChildRecordReadData } from './access-log.events';

export interface AccessLogFilter {
  subject?: string;
  childId?: string;
  /** Instants, in milliseconds since the epoch: from inclusive, to inclusive. */
  fromMs?: number;
  toMs?: number;
  /** Only rows after this log position (the previous page's cursor). */
  afterPosition?: number;
  limit: number;
}

export interface AccessLogRow {
  position: number;
  eventId: string;
  read: ChildRecordReadData;
}

/** One page of the access log read model, oldest first; one row more than `limit` says that another page follows. */
export async function accessLogRows(dataSource: DataSource, schema: string, filter: AccessLogFilter): Promise<AccessLogRow[]> {
  const rows = (await dataSource.query(
    `SELECT position::text AS position, event_id::text AS event_id, record FROM ${schema}.reads
     WHERE ($1::text IS NULL OR subject = $1)
       AND ($2::text IS NULL OR child_id = $2)
       AND ($3::timestamptz IS NULL OR at >= $3)
       AND ($4::timestamptz IS NULL OR at <= $4)
       AND position > $5
     ORDER BY position
     LIMIT $6`,
    [
      filter.subject ?? null,
      filter.childId ?? null,
      filter.fromMs === undefined ? null : new Date(filter.fromMs).toISOString(),
      filter.toMs === undefined ? null : new Date(filter.toMs).toISOString(),
      filter.afterPosition ?? 0,
      filter.limit + 1,
    ],
  )) as Array<{ position: string; event_id: string; record: ChildRecordReadData }>;
  return rows.map((row) => ({ position: Number(row.position), eventId: row.event_id, read: row.record }));
}
