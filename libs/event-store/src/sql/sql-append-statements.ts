// The two append statements, each tried once: one stream, or many streams in one statement (one commit).
import type { AppendResult, EventToAppend } from '../event-store';
import { streamCategory } from '../append-validation';
import { GENESIS_HASH, type ChainedEvents } from '../integrity';
import type { StreamHead } from '../stream-heads';
import { APPEND, APPEND_MANY } from './sql-statements';
import { isUniqueViolation, toStoreError } from './sql-rows';
import type { PoolLike } from './queryable';

/** Signs a stream's head (HMAC-SHA256 with the checkpoint key); absent where no key is set, and no head is signed. */
export type SignHead = (streamId: string, revision: number, hash: string) => string;

/** One stream's part of a multi-stream append statement, chained from the head it expects. */
export interface PreparedAppend {
  index: number;
  streamId: string;
  head: StreamHead;
  events: readonly EventToAppend[];
  chained: ChainedEvents;
}

/** What one attempt at the append statement found: done, the head had moved, or a writer raced us. */
export type AppendOutcome = { kind: 'appended'; result: AppendResult } | { kind: 'moved'; head: StreamHead } | { kind: 'raced' };

/** One stream's append statement: appended, or the head it found when it had moved; a racing writer surfaces as a unique violation. */
export async function appendOnce(
  pool: PoolLike,
  sign: SignHead | undefined,
  streamId: string,
  category: string,
  headRevision: number,
  events: readonly EventToAppend[],
  chained: ChainedEvents,
): Promise<AppendOutcome> {
  const { rows } = await pool.query<{ head_revision: number; last_position: string | null; head_hash: string | null }>(APPEND, [
    streamId,
    category,
    headRevision,
    events.map((event) => event.eventId),
    events.map((event) => event.type),
    events.map((event) => JSON.stringify(event.data)),
    chained.metadata.map((metadata) => JSON.stringify(metadata)),
    chained.recordedAt,
    chained.lastHash,
    sign?.(streamId, headRevision + events.length, chained.lastHash) ?? null,
  ]);
  const row = rows[0];
  if (row.last_position !== null) {
    return { kind: 'appended', result: { nextExpectedRevision: headRevision + events.length, position: Number(row.last_position) } };
  }
  return { kind: 'moved', head: { revision: Number(row.head_revision), hash: row.head_hash ?? GENESIS_HASH } };
}

/**
 * The appended results by stream, for the streams whose events went in; undefined when a racing
 * writer took a revision or one of the event ids first, so nothing of the batch went in.
 */
export async function appendManyOnce(
  pool: PoolLike,
  sign: SignHead | undefined,
  batch: readonly PreparedAppend[],
): Promise<Map<string, AppendResult> | undefined> {
  const rows = batch.flatMap(({ streamId, events, chained }) =>
    events.map((event, offset) => ({
      stream_id: streamId,
      rev_offset: offset + 1,
      event_id: event.eventId,
      event_type: event.type,
      data: event.data,
      metadata: chained.metadata[offset],
    })),
  );
  let result: { rows: { stream_id: string; head_revision: number; last_position: string | null }[] };
  try {
    result = await pool.query(APPEND_MANY, [
      batch.map(({ streamId }) => streamId),
      batch.map(({ streamId }) => streamCategory(streamId)),
      batch.map(({ head }) => head.revision),
      JSON.stringify(rows),
      batch[0].chained.recordedAt,
      JSON.stringify(
        sign
          ? batch.map(({ streamId, head, events, chained }) => {
              const revision = head.revision + events.length;
              return { stream_id: streamId, revision, hash: chained.lastHash, signature: sign(streamId, revision, chained.lastHash) };
            })
          : [],
      ),
    ]);
  } catch (error) {
    if (isUniqueViolation(error, 'events_event_id_key') || isUniqueViolation(error, 'events_stream_revision_key')) return undefined;
    throw toStoreError(error, `append to ${batch.length} streams`);
  }
  const appended = new Map<string, AppendResult>();
  const eventsOf = new Map(batch.map(({ streamId, events }) => [streamId, events.length]));
  for (const row of result.rows) {
    if (row.last_position === null) continue;
    appended.set(row.stream_id, {
      nextExpectedRevision: Number(row.head_revision) + eventsOf.get(row.stream_id)!,
      position: Number(row.last_position),
    });
  }
  return appended;
}
