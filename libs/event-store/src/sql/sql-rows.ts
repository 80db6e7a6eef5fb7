// The event store's rows as node-postgres returns them, and its database errors as the store's own.
import type { JsonObject, RecordedEvent } from '../event-store';
import { EventStoreUnavailable, isDatabaseUnavailable } from '../errors';
import type { StreamCheckpoint } from '../integrity';

const UNIQUE_VIOLATION = '23505';

/** A row of event_store.events. */
export interface EventRow {
  position: string;
  event_id: string;
  event_type: string;
  stream_id: string;
  revision: number;
  data: JsonObject;
  metadata: JsonObject;
  recorded_at: Date;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}

/** A row of event_store.stream_checkpoints: a stream's signed head. */
export interface CheckpointRow {
  stream_id: string;
  revision: number;
  hash: string;
  signature: string;
}

export function toCheckpoint(row: CheckpointRow): StreamCheckpoint {
  return { streamId: row.stream_id, revision: Number(row.revision), hash: row.hash, signature: row.signature };
}

/** Whether the database refused a statement for a duplicate of the named unique constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === UNIQUE_VIOLATION && pgError.constraint === constraint;
}

/** The database's error as the store's: unreachable becomes EventStoreUnavailable (503), anything else passes as it is. */
export function toStoreError(error: unknown, what: string): Error {
  const message = (error as Error)?.message ?? String(error);
  if (isDatabaseUnavailable(error)) {
    return new EventStoreUnavailable(`Could not ${what}: the database is unreachable (${message})`, { cause: error });
  }
  return error instanceof Error ? error : new Error(message);
}
