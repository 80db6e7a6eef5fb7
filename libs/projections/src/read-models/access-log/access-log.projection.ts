import { ProjectionError, type Projection } from '../../projection';
import { ACCESS_STREAM_CATEGORY, CHILD_RECORD_READ, childRecordReadOf } from './access-log.events';

export const ACCESS_LOG_SCHEMA = 'rm_access_log';
export const ACCESS_LOG_PROJECTION_NAME = 'access-log';

/**
 * Who looked at which child's record, when: one row per access event, for the questions the per-child
 * stream cannot answer cheaply (everything one person looked at; everything looked at in a period).
 * Rows are never changed, only inserted, so applying a batch twice changes nothing.
 */
export const accessLogProjection: Projection = {
  name: ACCESS_LOG_PROJECTION_NAME,
  schema: ACCESS_LOG_SCHEMA,
  filter: { categories: [ACCESS_STREAM_CATEGORY], eventTypes: [CHILD_RECORD_READ] },
  migrations: [
    {
      version: 1,
      name: 'reads of child records',
      sql: (schema) => `
        CREATE TABLE ${schema}.reads (
          position bigint      PRIMARY KEY,
          event_id uuid        NOT NULL UNIQUE,
          child_id text        NOT NULL,
          subject  text        NOT NULL,
          at       timestamptz NOT NULL,
          record   jsonb       NOT NULL);
        CREATE INDEX ON ${schema}.reads (subject, position);
        CREATE INDEX ON ${schema}.reads (child_id, position);
        CREATE INDEX ON ${schema}.reads (at);
        COMMENT ON TABLE ${schema}.reads IS 'Every ChildRecordRead event of the access-{childId} streams; record is its payload.';`,
    },
  ],
  async apply(events, { manager, schema }) {
    const rows = events.map((event) => {
      const read = childRecordReadOf(event.data);
      if (typeof read === 'string') throw new ProjectionError(ACCESS_LOG_PROJECTION_NAME, event.eventId, event.position, read);
      return { event, read };
    });
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO ${schema}.reads (position, event_id, child_id, subject, at, record)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map(({ event }) => event.position),
        rows.map(({ event }) => event.eventId),
        rows.map(({ read }) => read.childId),
        rows.map(({ read }) => read.subject),
        rows.map(({ read }) => read.at),
        rows.map(({ read }) => JSON.stringify(read)),
      ],
    );
  },
};
