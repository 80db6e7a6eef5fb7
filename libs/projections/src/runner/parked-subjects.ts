import type { EntityManager } from 'typeorm';
import type { Migration, Queryable } from '@csc/event-store';

export const PARKED_SUBJECTS_MIGRATION: Migration = {
  version: 2,
  name: 'parked subjects',
  sql: `
    CREATE TABLE projections.parked_subjects (
      projection text        NOT NULL,
      stream_id  text        NOT NULL,
      event_id   text        NOT NULL,
      position   bigint      NOT NULL,
      reason     text        NOT NULL,
      parked_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (projection, stream_id)
    );
    COMMENT ON TABLE projections.parked_subjects IS
      'Children (or workers) a read model could not apply an event of: their rows stay as they were before it, every other subject carries on.';`,
};

/** A child (or worker) whose latest events a read model could not apply. */
export interface ParkedSubject {
  streamId: string;
  eventId: string;
  position: number;
  reason: string;
  parkedAt: Date;
}

export interface Parking {
  streamId: string;
  eventId: string;
  position: number;
  reason: string;
}

/**
 * Parks subjects and releases others in the batch's transaction, under the checkpoint's name (a
 * rebuild parks under its own, and the switch carries them over).
 */
export async function recordParking(manager: EntityManager, checkpoint: string, parked: readonly Parking[], released: readonly string[]): Promise<void> {
  if (released.length > 0) {
    await manager.query('DELETE FROM projections.parked_subjects WHERE projection = $1 AND stream_id = ANY($2::text[])', [checkpoint, released]);
  }
  if (parked.length === 0) return;
  await manager.query(
    `INSERT INTO projections.parked_subjects (projection, stream_id, event_id, position, reason)
     SELECT $1, p.stream_id, p.event_id, p.position, p.reason FROM jsonb_to_recordset($2::jsonb) AS p(stream_id text, event_id text, position bigint, reason text)
     ON CONFLICT (projection, stream_id) DO UPDATE SET event_id = EXCLUDED.event_id, position = EXCLUDED.position, reason = EXCLUDED.reason, parked_at = now()`,
    [
      checkpoint,
      JSON.stringify(parked.map((parking) => ({ stream_id: parking.streamId, event_id: parking.eventId, position: parking.position, reason: parking.reason }))),
    ],
  );
}

export async function parkedSubjects(db: Queryable, checkpoint: string, limit = 100): Promise<ParkedSubject[]> {
  const { rows } = await db.query<{ stream_id: string; event_id: string; position: string; reason: string; parked_at: Date }>(
    'SELECT stream_id, event_id, position, reason, parked_at FROM projections.parked_subjects WHERE projection = $1 ORDER BY parked_at, stream_id LIMIT $2',
    [checkpoint, limit],
  );
  return rows.map((row) => ({
    streamId: row.stream_id,
    eventId: row.event_id,
    position: Number(row.position),
    reason: row.reason,
    parkedAt: new Date(row.parked_at),
  }));
}

/** How many subjects each checkpoint has parked. */
export async function parkedCounts(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ projection: string; parked: string }>(
    'SELECT projection, count(*) AS parked FROM projections.parked_subjects GROUP BY projection',
  );
  return new Map(rows.map((row) => [row.projection, Number(row.parked)]));
}
