import { POSITIONS_PER_TRANSACTION } from './migrations';

const EVENT_COLUMNS = `position, event_id::text AS event_id, event_type, stream_id,
  revision::int AS revision, data, metadata, recorded_at`;

/** The highest position a reader may see now: below the oldest transaction still running. */
const HORIZON = `pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${POSITIONS_PER_TRANSACTION}`;

/**
 * One statement per append: checks that the stream's head is still where the appender believes,
 * then inserts every event in order. On a mismatch it inserts nothing and reports the real head.
 */
export const APPEND = `
WITH head AS (
  SELECT coalesce(
    (SELECT revision FROM event_store.events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1), -1
  )::int AS revision
), inserted AS (
  INSERT INTO event_store.events (position, stream_id, category, revision, event_id, event_type, data, metadata, recorded_at)
  SELECT pg_current_xact_id()::text::bigint * ${POSITIONS_PER_TRANSACTION} + e.ord - 1,
         $1, $2, $3::int + e.ord, e.event_id, e.event_type, e.data, e.metadata, $8::timestamptz
  FROM head, unnest($4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])
       WITH ORDINALITY AS e(event_id, event_type, data, metadata, ord)
  WHERE head.revision = $3::int
  ORDER BY e.ord
  RETURNING position
), signed AS (
  INSERT INTO event_store.stream_checkpoints (stream_id, revision, hash, signature)
  SELECT $1, $3::int + cardinality($4::uuid[]), $9::text, $10::text FROM head WHERE head.revision = $3::int AND $10::text IS NOT NULL
  ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash, signature = excluded.signature, signed_at = now()
)
SELECT head.revision AS head_revision,
       (SELECT max(position) FROM inserted)::text AS last_position,
       CASE WHEN head.revision <> $3::int THEN
         (SELECT metadata->>'hash' FROM event_store.events WHERE stream_id = $1 AND revision = head.revision)
       END AS head_hash
FROM head`;

/**
 * One statement for many streams, so one commit: each stream's head is checked as in APPEND, and
 * only the events of streams still at the head their appender chained from are inserted. Every
 * stream reports its real head and, when its events went in, the position of its last one. Events
 * arrive as one JSON array (stream, offset within the stream's part, id, type, data, metadata).
 */
export const APPEND_MANY = `
WITH streams AS (
  SELECT s.stream_id, s.category, s.expected_head,
         coalesce(
           (SELECT revision FROM event_store.events e WHERE e.stream_id = s.stream_id ORDER BY revision DESC LIMIT 1), -1
         )::int AS head
  FROM unnest($1::text[], $2::text[], $3::int[]) AS s(stream_id, category, expected_head)
), inserted AS (
  INSERT INTO event_store.events (position, stream_id, category, revision, event_id, event_type, data, metadata, recorded_at)
  SELECT pg_current_xact_id()::text::bigint * ${POSITIONS_PER_TRANSACTION} + e.ord - 1,
         s.stream_id, s.category, s.head + e.rev_offset, e.event_id, e.event_type, e.data, e.metadata, $5::timestamptz
  FROM ROWS FROM (
         jsonb_to_recordset($4::jsonb) AS (stream_id text, rev_offset int, event_id uuid, event_type text, data jsonb, metadata jsonb)
       ) WITH ORDINALITY AS e(stream_id, rev_offset, event_id, event_type, data, metadata, ord)
  JOIN streams s ON s.stream_id = e.stream_id AND s.head = s.expected_head
  ORDER BY e.ord
  RETURNING stream_id, position
), signed AS (
  INSERT INTO event_store.stream_checkpoints (stream_id, revision, hash, signature)
  SELECT c.stream_id, c.revision, c.hash, c.signature
  FROM jsonb_to_recordset($6::jsonb) AS c(stream_id text, revision bigint, hash text, signature text)
  JOIN streams s ON s.stream_id = c.stream_id AND s.head = s.expected_head
  ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash, signature = excluded.signature, signed_at = now()
)
SELECT s.stream_id, s.head AS head_revision, last.position::text AS last_position
FROM streams s
LEFT JOIN (SELECT stream_id, max(position) AS position FROM inserted GROUP BY stream_id) last ON last.stream_id = s.stream_id`;

export const READ_HEAD = `
SELECT revision::int AS revision, metadata->>'hash' AS hash
FROM event_store.events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1`;

/** The heads of several streams; a stream with no events has no row. */
export const READ_HEADS = `
SELECT s.stream_id, h.revision, h.hash
FROM unnest($1::text[]) AS s(stream_id)
CROSS JOIN LATERAL (
  SELECT revision::int AS revision, metadata->>'hash' AS hash
  FROM event_store.events e WHERE e.stream_id = s.stream_id ORDER BY revision DESC LIMIT 1
) h`;

export const READ_STREAM_FORWARDS = `
SELECT ${EVENT_COLUMNS} FROM event_store.events
WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`;

export const READ_STREAM_BACKWARDS = `
SELECT ${EVENT_COLUMNS} FROM event_store.events
WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`;

export const FIND_EVENTS_BY_ID = `
SELECT ${EVENT_COLUMNS} FROM event_store.events WHERE event_id = ANY($1::uuid[])`;

/**
 * A page of the log after a position. The window is the next $5 log rows; of those, only the ones below
 * the horizon may be read. `page` walks the window in position order and stops as soon as $2 events match
 * the filter; `bound` says how far the window reached below the horizon, how many rows it held, and
 * whether committed events lie beyond the horizon (a transaction that began earlier, in any database of
 * the cluster, is still running: the end of the log is not reached, only the end of what is safe to
 * read). Every bound is a LIMIT on an index scan in position order, never a range the planner would
 * have to estimate, so a page costs the same at any size of log and with any statistics.
 */
export const READ_LOG = `
WITH horizon AS (SELECT ${HORIZON} AS below),
bound AS (
  SELECT max(w.position) AS upto, count(*) AS rows,
    (SELECT position FROM event_store.events WHERE position >= (SELECT below FROM horizon) ORDER BY position LIMIT 1) IS NOT NULL AS held_back
  FROM (SELECT position FROM event_store.events WHERE position > $1 ORDER BY position LIMIT $5) w
  WHERE w.position < (SELECT below FROM horizon)
),
page AS (
  SELECT ${EVENT_COLUMNS} FROM (
    SELECT * FROM event_store.events WHERE position > $1 ORDER BY position LIMIT $5
  ) e
  WHERE e.position < (SELECT below FROM horizon)
    AND ($3::text[] IS NULL OR e.category = ANY($3::text[]))
    AND ($4::text[] IS NULL OR e.event_type = ANY($4::text[]))
  ORDER BY e.position
  LIMIT $2
)
SELECT bound.upto AS examined_to, bound.rows AS window_rows, bound.held_back, page.*
FROM bound LEFT JOIN page ON true
ORDER BY page.position`;

/** The last committed event's position, whether or not it is safe to read yet. */
export const HEAD_POSITION = `
SELECT coalesce((SELECT position FROM event_store.events ORDER BY position DESC LIMIT 1), 0) AS position`;

export const OLDEST_RUNNING_TRANSACTION = `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`;

export const COUNT_AFTER = `
SELECT count(*)::int AS count FROM (
  SELECT 1 FROM event_store.events
  WHERE position > $1
    AND ($2::text[] IS NULL OR category = ANY($2::text[]))
    AND ($3::text[] IS NULL OR event_type = ANY($3::text[]))
  LIMIT $4) AS behind`;

export const READ_CHECKPOINT = `
SELECT stream_id, revision::int AS revision, hash, signature FROM event_store.stream_checkpoints WHERE stream_id = $1`;

export const READ_CHECKPOINTS = `
SELECT stream_id, revision::int AS revision, hash, signature FROM event_store.stream_checkpoints
WHERE stream_id > $1 ORDER BY stream_id LIMIT $2`;
