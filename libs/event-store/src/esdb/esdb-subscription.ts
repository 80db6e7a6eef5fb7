import type { AllStreamResolvedEvent, EventStoreDBClient, Position } from '@eventstore/db-client';
import type { LogFilter, Subscription, SubscriptionMessage } from '../event-store';
import { abortableDelay } from '../polling-subscription';
import { describeResolved, toRecordedEvent } from './esdb-events';
import { matchesLogFilter, serverFilter } from './esdb-filters';
import { isEventPosition, toLogPosition, toReadPosition } from './esdb-positions';
import { readLogPage } from './esdb-reads';
import { InOrderQueue } from './in-order-queue';

export interface EsdbSubscriptionOptions {
  client: EventStoreDBClient;
  fromPosition: number;
  filter: LogFilter;
  /** Records read per $all page while catching up. */
  pageSize: number;
  retryDelayMs: number;
  onRecoverableError?: (error: unknown, context: string) => void;
  onClose: () => void;
}

type LiveItem = { kind: 'record'; resolved: AllStreamResolvedEvent } | { kind: 'checkpoint'; position: number };

// Pause the client stream when this many messages wait for the consumer; resume below the low mark.
const HIGH_WATER = 1_000;
const LOW_WATER = 100;

/**
 * Catches up by reading $all in pages to its current end (so `caught-up` means exactly "everything
 * committed when we looked has been delivered", whatever the server version), then follows live
 * appends with a server-filtered subscribeToAll from the last record examined. A failure is
 * reported and the subscription resumes from the last position it delivered.
 */
export class EsdbSubscription implements Subscription {
  private readonly abort = new AbortController();
  private started = false;

  constructor(private readonly options: EsdbSubscriptionOptions) {}

  async close(): Promise<void> {
    if (this.abort.signal.aborted) return;
    this.abort.abort();
    this.options.onClose();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    if (this.started) throw new Error('A subscription can be iterated only once');
    this.started = true;
    const generator = this.run();
    return {
      next: () => generator.next(),
      return: async (value?: unknown) => {
        await this.close();
        return generator.return(value as undefined);
      },
    };
  }

  private async *run(): AsyncGenerator<SubscriptionMessage, undefined> {
    const { signal } = this.abort;
    const cursor = { position: this.options.fromPosition, caughtUp: false };
    while (!signal.aborted) {
      try {
        const phase = cursor.caughtUp ? this.follow(cursor.position, signal) : this.catchUp(cursor.position, signal);
        for await (const message of phase) {
          if (signal.aborted) return undefined;
          cursor.position = message.kind === 'event' ? message.event.position : message.position;
          if (message.kind === 'caught-up') cursor.caughtUp = true;
          yield message;
        }
      } catch (error) {
        if (signal.aborted) return undefined;
        this.options.onRecoverableError?.(error, `subscription to the log failed; resuming after position ${cursor.position}`);
        await abortableDelay(this.options.retryDelayMs, signal);
      }
    }
    return undefined;
  }

  private async *catchUp(from: number, signal: AbortSignal): AsyncGenerator<SubscriptionMessage> {
    let after = from;
    for (;;) {
      const page = await readLogPage(this.options.client, after, this.options.pageSize, this.options.filter, signal);
      for (const event of page.events) yield { kind: 'event', event };
      const lastDelivered = page.events.at(-1)?.position ?? after;
      after = Math.max(after, page.examinedTo);
      // The last page's examined position travels in caught-up: nothing may follow it unasked.
      if (page.reachedEnd) {
        yield { kind: 'caught-up', position: after };
        return;
      }
      if (page.examinedTo > lastDelivered) yield { kind: 'checkpoint', position: page.examinedTo };
    }
  }

  private async *follow(from: number, signal: AbortSignal): AsyncGenerator<SubscriptionMessage> {
    const queue = new InOrderQueue<LiveItem>();
    const checkpointReached = (subscription: { readableLength: number }, position: Position): void => {
      // Only an event's own position (commit = prepare) is exact to resume after; the server's
      // catch-up checkpoints for pages without matches carry the next read position instead.
      if (isEventPosition(position)) queue.pushSignal({ kind: 'checkpoint', position: toLogPosition(position.commit) }, subscription.readableLength);
    };
    const subscription = this.options.client.subscribeToAll({
      fromPosition: toReadPosition(from),
      resolveLinkTos: false,
      filter: serverFilter(this.options.filter, checkpointReached),
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      queue.pushEvent({ kind: 'record', resolved });
      if (queue.size >= HIGH_WATER) subscription.pause();
    });
    subscription.on('error', (error: Error) => queue.fail(error));
    subscription.on('end', () => queue.fail(new Error('EventStoreDB ended the subscription')));
    const stop = (): void => queue.end();
    signal.addEventListener('abort', stop, { once: true });
    try {
      let last = from > 0 ? from : -1;
      for (;;) {
        const item = await queue.next();
        if (item === undefined) return;
        if (subscription.isPaused() && queue.size < LOW_WATER) subscription.resume();
        const message = this.toMessage(item, last);
        if (!message) continue;
        last = message.kind === 'event' ? message.event.position : message.position;
        yield message;
      }
    } finally {
      signal.removeEventListener('abort', stop);
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  /** A live item as a message, or nothing when it is at or before `last` or outside the filter. */
  private toMessage(item: LiveItem, last: number): SubscriptionMessage | undefined {
    if (item.kind === 'checkpoint') return item.position > last ? { kind: 'checkpoint', position: item.position } : undefined;
    const record = describeResolved(item.resolved);
    if (record.position <= last || !matchesLogFilter(record, this.options.filter)) return undefined;
    return { kind: 'event', event: toRecordedEvent(item.resolved) };
  }
}
