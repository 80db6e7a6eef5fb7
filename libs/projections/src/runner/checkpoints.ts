import type { EntityManager } from 'typeorm';
import type { Migration, Queryable } from '@csc/event-store';
import { PARKED_SUBJECTS_MIGRATION } from './parked-subjects';

export const CHECKPOINT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'projection checkpoints',
    sql: `
      CREATE TABLE projections.checkpoints (
        projection      text        PRIMARY KEY,
        position        bigint      NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        failed_event_id text,
        failed_position bigint,
        failure         text,
        failed_at       timestamptz
      );
      COMMENT ON TABLE projections.checkpoints IS
        'How far each read model has applied the event log; advanced in the same transaction as the read model.';`,
  },
  PARKED_SUBJECTS_MIGRATION,
];

export interface Checkpoint {
  position: number;
  failure?: { eventId: string; position: number; reason: string; at: Date };
}

interface CheckpointRow {
  position: string;
  failed_event_id: string | null;
  failed_position: string | null;
  failure: string | null;
  failed_at: Date | null;
}

/** Reads a projection's checkpoint, creating it at the start of the log the first time. */
export async function readCheckpoint(db: Queryable, projection: string): Promise<Checkpoint> {
  await db.query('INSERT INTO projections.checkpoints (projection) VALUES ($1) ON CONFLICT (projection) DO NOTHING', [projection]);
  const { rows } = await db.query<CheckpointRow>(
    'SELECT position, failed_event_id, failed_position, failure, failed_at FROM projections.checkpoints WHERE projection = $1',
    [projection],
  );
  const row = rows[0];
  return {
    position: Number(row.position),
    failure: row.failure
      ? { eventId: row.failed_event_id ?? '', position: Number(row.failed_position ?? 0), reason: row.failure, at: new Date(row.failed_at ?? 0) }
      : undefined,
  };
}

export class CheckpointMoved extends Error {
  constructor(
    readonly projection: string,
    readonly expected: number,
  ) {
    super(`The checkpoint of ${projection} is no longer at ${expected}: another runner or a rebuild moved it`);
    this.name = 'CheckpointMoved';
  }
}

/**
 * Moves the checkpoint from `from` to `to` inside the batch's transaction. The compare-and-set locks
 * the row, so two runners of one projection can never both apply the same batch.
 */
export async function advanceCheckpoint(manager: EntityManager, projection: string, from: number, to: number): Promise<void> {
  const [, affected] = (await manager.query(
    'UPDATE projections.checkpoints SET position = $3, updated_at = now(), failure = NULL, failed_event_id = NULL, failed_position = NULL, failed_at = NULL WHERE projection = $1 AND position = $2',
    [projection, from, to],
  )) as [unknown, number];
  if (affected !== 1) throw new CheckpointMoved(projection, from);
}

export async function recordFailure(db: Queryable, projection: string, failure: { eventId: string; position: number; reason: string }): Promise<void> {
  await db.query('UPDATE projections.checkpoints SET failed_event_id = $2, failed_position = $3, failure = $4, failed_at = now() WHERE projection = $1', [
    projection,
    failure.eventId,
    failure.position,
    failure.reason,
  ]);
}

/**
 * Moves a checkpoint on its own (autocommit), for consumers that deliver outside the database, such
 * as the Kafka publisher: it advances only after delivery was acknowledged, so a crash in between
 * delivers the batch again (at least once), never skips it.
 */
export async function advanceCheckpointAfterDelivery(db: Queryable, name: string, from: number, to: number): Promise<void> {
  const { rowCount } = await db.query(
    'UPDATE projections.checkpoints SET position = $3, updated_at = now(), failure = NULL, failed_event_id = NULL, failed_position = NULL, failed_at = NULL WHERE projection = $1 AND position = $2',
    [name, from, to],
  );
  if (rowCount !== 1) throw new CheckpointMoved(name, from);
}
