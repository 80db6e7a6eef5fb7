import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type ReadPosition,
  type StreamingRead,
} from '@eventstore/db-client';
import type { ReadStreamOptions, RecordedEvent } from '../event-store';
import { describeResolved, isSystemRecord, toRecordedEvent } from './esdb-events';
import { toReadPosition } from './esdb-positions';
import { toStoreError, toStreamError } from './esdb-errors';

/**
 * Reads everything a client read yields. In 6.2.1 reads run without a deadline (the client passes
 * `deadline: Infinity`), so a caller that must give up uses `signal`: the read is cancelled and
 * destroyed, which ends the iteration. With `translate` false a failure is thrown as the client
 * raised it, for a caller that maps it itself.
 */
export async function collect<T>(read: StreamingRead<T>, what: string, signal?: AbortSignal, translate = true): Promise<T[]> {
  const stop = (): void => {
    void read.cancel().catch(() => undefined);
    read.destroy();
  };
  if (signal?.aborted) stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const items: T[] = [];
    for await (const item of read) items.push(item);
    return items;
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? new Error(`${what} was cancelled`);
    throw translate ? toStoreError(error, what) : error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/** The events of one stream; a stream that does not exist reads as an empty list. */
export async function readStreamEvents(client: EventStoreDBClient, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
  if (options.maxCount !== undefined && options.maxCount <= 0) return [];
  const backwards = options.direction === 'backwards';
  const read = client.readStream(streamId, {
    direction: backwards ? BACKWARDS : FORWARDS,
    fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
    ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
  });
  try {
    return (await collect(read, `read ${streamId}`, undefined, false)).map(toRecordedEvent);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw toStreamError(error, streamId, `read ${streamId}`);
  }
}

const HEAD_PAGE_SIZE = 100;

/** The position of the last non-system event in $all, 0 when there is none. */
export async function readHeadPosition(client: EventStoreDBClient, signal?: AbortSignal): Promise<number> {
  let from: ReadPosition = END;
  let before = Number.POSITIVE_INFINITY;
  for (;;) {
    const page: AllStreamResolvedEvent[] = await collect(
      client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_PAGE_SIZE }),
      'read the head of the log',
      signal,
    );
    let progressed = false;
    for (const resolved of page) {
      const record = describeResolved(resolved);
      if (record.position >= before) continue;
      progressed = true;
      before = record.position;
      if (!isSystemRecord(record)) return record.position;
    }
    if (page.length < HEAD_PAGE_SIZE || !progressed) return 0;
    from = toReadPosition(before);
  }
}
