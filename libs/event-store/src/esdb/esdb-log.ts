import { BACKWARDS, END, type AllStreamResolvedEvent, type EventStoreDBClient, type Position } from '@eventstore/db-client';
import type { LogFilter, RecordedEvent } from '../event-store';
import { ForeignEvent, describeResolved, toRecordedEvent } from './esdb-events';
import { matchesLogFilter, serverFilter } from './esdb-filters';
import { toLogPosition, toReadPosition } from './esdb-positions';
import { collect } from './esdb-reads';
import { toStoreError } from './esdb-errors';
import { InOrderQueue } from './in-order-queue';

/**
 * What following the log yields, in log order:
 * - `event`: the next matching event;
 * - `foreign`: a matching record this store cannot read (not JSON): the caller reports it and goes on;
 * - `examined`: the server has examined every record up to `position`;
 * - `server-caught-up`: the server's catch-up reached the end of the log and it now sends live
 *   appends (servers 23.10 and later say so).
 */
export type LogItem =
  | { kind: 'event'; event: RecordedEvent }
  | { kind: 'foreign'; position: number; error: ForeignEvent }
  | { kind: 'examined'; position: number }
  | { kind: 'server-caught-up' };

type QueuedItem = { kind: 'record'; resolved: AllStreamResolvedEvent } | { kind: 'checkpoint'; position: Position } | { kind: 'server-caught-up' };

// Pause the client stream when this many items wait for the consumer; resume below the low mark.
const HIGH_WATER = 1_000;
const LOW_WATER = 100;

/**
 * Follows $all after `after` (exclusive) with one server-filtered subscribeToAll: the server
 * applies the filter while catching up (a filtered read of the log, checkpointing every 32
 * records it examines) and live alike, so only matching records cross the network. Runs until the
 * consumer stops iterating or `signal` aborts; a failure is thrown as the port's error.
 */
export async function* followLog(client: EventStoreDBClient, after: number, filter: LogFilter, signal: AbortSignal): AsyncGenerator<LogItem> {
  const queue = new InOrderQueue<QueuedItem>();
  const subscription = client.subscribeToAll({
    fromPosition: toReadPosition(after),
    resolveLinkTos: false,
    filter: serverFilter(filter, (source, position) => queue.pushSignal({ kind: 'checkpoint', position }, source.readableLength)),
  });
  subscription.on('data', (resolved: AllStreamResolvedEvent) => {
    queue.pushEvent({ kind: 'record', resolved });
    if (queue.size >= HIGH_WATER) subscription.pause();
  });
  subscription.on('caughtUp', () => queue.pushSignal({ kind: 'server-caught-up' }, subscription.readableLength));
  subscription.on('error', (error: Error) => queue.fail(error));
  subscription.on('end', () => queue.fail(new Error('EventStoreDB ended the subscription')));
  const stop = (): void => queue.end();
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop();
  try {
    // The port's position 0 reads from the start of the log; any other is exclusive.
    let last = after > 0 ? after : -1;
    for (;;) {
      let item: QueuedItem | undefined;
      try {
        item = await queue.next();
      } catch (error) {
        throw toStoreError(error, 'follow the log');
      }
      if (item === undefined) return;
      if (subscription.isPaused() && queue.size < LOW_WATER) subscription.resume();
      if (item.kind === 'server-caught-up') {
        yield item;
        continue;
      }
      if (item.kind === 'checkpoint') {
        const position = examinedThrough(item.position);
        if (position <= Math.max(last, 0)) continue;
        last = position;
        yield { kind: 'examined', position };
        continue;
      }
      const record = describeResolved(item.resolved);
      if (record.position <= last) continue;
      last = record.position;
      // The server filter may let through more than asked (one filter per request): judge exactly here.
      if (!matchesLogFilter(record, filter)) continue;
      yield convert(item.resolved, record.position);
    }
  } finally {
    signal.removeEventListener('abort', stop);
    await subscription.unsubscribe().catch(() => undefined);
  }
}

function convert(resolved: AllStreamResolvedEvent, position: number): LogItem {
  try {
    return { kind: 'event', event: toRecordedEvent(resolved) };
  } catch (error) {
    if (error instanceof ForeignEvent) return { kind: 'foreign', position, error };
    throw error;
  }
}

/**
 * The port position a server checkpoint vouches for. A checkpoint (c, p) means every record before
 * it has been examined; this store's events sit at (x, x), so with p = c the record at c has been
 * examined, and otherwise (older servers send the next read position, (c, 0)) only those before c.
 */
export function examinedThrough(checkpoint: Position): number {
  const commit = toLogPosition(checkpoint.commit);
  return checkpoint.prepare === checkpoint.commit || commit === 0 ? commit : commit - 1;
}

/** The position of the last record of any kind in $all, 0 when it is empty: where "caught up" begins. */
export async function readLastRecordPosition(client: EventStoreDBClient, signal?: AbortSignal): Promise<number> {
  const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), 'read the end of the log', signal);
  return last ? describeResolved(last).position : 0;
}
