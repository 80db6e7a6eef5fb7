/**
 * Versioned schema of the SQL event store. Applied in order at start-up; a version, once released,
 * is never edited: change the schema by adding the next version.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Positions: `transaction id * POSITIONS_PER_TRANSACTION + place in the append`. Transactions that
 * commit out of order cannot reorder the log because readers stop below the oldest transaction still
 * running (`pg_snapshot_xmin`), and every later transaction has a larger id, hence larger positions.
 */
export const POSITIONS_PER_TRANSACTION = 16_384;

export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events table',
    sql: `
      CREATE SCHEMA IF NOT EXISTS event_store;

      CREATE TABLE event_store.events (
        position        bigint      NOT NULL,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        category        text        NOT NULL,
        revision        bigint      NOT NULL,
        event_id        uuid        NOT NULL,
        event_type      text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_pkey PRIMARY KEY (position),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_revision_not_negative CHECK (revision >= 0)
      );

      COMMENT ON TABLE event_store.events IS
        'Every case event ever recorded, append-only. position orders the global log; readers stop below pg_snapshot_xmin.';

      CREATE FUNCTION event_store.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'event_store.events is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'Correct a recorded fact by appending a retraction event, never by changing a row.';
      END
      $fn$;

      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON event_store.events
        FOR EACH ROW EXECUTE FUNCTION event_store.refuse_change();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON event_store.events
        FOR EACH STATEMENT EXECUTE FUNCTION event_store.refuse_change();
    `,
  },
  {
    version: 2,
    name: 'signed stream heads',
    sql: `
      CREATE TABLE event_store.stream_checkpoints (
        stream_id   text        NOT NULL PRIMARY KEY,
        revision    bigint      NOT NULL,
        hash        text        NOT NULL,
        signature   text        NOT NULL,
        signed_at   timestamptz NOT NULL DEFAULT now()
      );

      COMMENT ON TABLE event_store.stream_checkpoints IS
        'Each stream''s head as of its last append, signed (HMAC-SHA256) with a key kept outside the database: a removed tail or a recomputed chain no longer matches.';
    `,
  },
];
