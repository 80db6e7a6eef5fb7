import type { EventStoreDBClient } from '@eventstore/db-client';
import type { LogFilter, Subscription, SubscriptionMessage } from '../event-store';
import { abortableDelay } from '../polling-subscription';
import { isInvalidPosition } from './esdb-errors';
import { followLog, readLastRecordPosition } from './esdb-log';
import { SUPPORTED_SERVERS } from './esdb-positions';

export interface EsdbSubscriptionOptions {
  client: EventStoreDBClient;
  fromPosition: number;
  filter: LogFilter;
  retryDelayMs: number;
  onRecoverableError?: (error: unknown, context: string) => void;
  onClose: () => void;
}

interface Cursor {
  position: number;
  /** Where caught-up begins: the log's last record when the subscription (or its resumption) began. */
  target?: number;
  caughtUp: boolean;
}

/**
 * One server-filtered subscribeToAll catches up and then follows live appends. It is caught up
 * once it has delivered or examined the log's last record as it stood when the subscription began,
 * or when the server says so, whichever comes first. A record that matches but is not this store's
 * JSON is reported and stepped over with a checkpoint; a position the server does not know ends the
 * subscription with an error; any other failure is reported and the subscription resumes after the
 * last position it delivered.
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
    const { fromPosition } = this.options;
    if (!Number.isSafeInteger(fromPosition) || fromPosition < 0) {
      throw new RangeError(`A subscription's fromPosition must be a non-negative integer (a position this store delivered); got ${fromPosition}`);
    }
    const cursor: Cursor = { position: fromPosition, caughtUp: false };
    while (!signal.aborted) {
      try {
        for await (const message of this.deliver(cursor, signal)) {
          if (signal.aborted) return undefined;
          yield message;
        }
      } catch (error) {
        if (signal.aborted) return undefined;
        if (isInvalidPosition(error)) throw this.unknownPosition(cursor.position, error);
        this.options.onRecoverableError?.(error, `subscription to the log failed; resuming after position ${cursor.position}`);
        await abortableDelay(this.options.retryDelayMs, signal);
      }
    }
    return undefined;
  }

  /** The messages of one server subscription from the cursor, advancing it as each is delivered. */
  private async *deliver(cursor: Cursor, signal: AbortSignal): AsyncGenerator<SubscriptionMessage> {
    if (!cursor.caughtUp) {
      cursor.target = await readLastRecordPosition(this.options.client, signal);
      if (cursor.target <= cursor.position) yield this.caughtUp(cursor, cursor.position);
    }
    for await (const item of followLog(this.options.client, cursor.position, this.options.filter, signal)) {
      if (item.kind === 'server-caught-up') {
        if (!cursor.caughtUp) yield this.caughtUp(cursor, Math.max(cursor.position, cursor.target ?? 0));
        continue;
      }
      if (item.kind === 'foreign') {
        this.options.onRecoverableError?.(item.error, `parked the record at position ${item.position}: it is not this store's JSON; delivery goes on after it`);
      }
      const position = item.kind === 'event' ? item.event.position : item.position;
      const reachesTarget = !cursor.caughtUp && position >= (cursor.target ?? Number.POSITIVE_INFINITY);
      if (item.kind === 'event') {
        cursor.position = position;
        yield { kind: 'event', event: item.event };
        if (reachesTarget) yield this.caughtUp(cursor, position);
      } else {
        yield reachesTarget ? this.caughtUp(cursor, position) : this.advance(cursor, position);
      }
    }
  }

  private caughtUp(cursor: Cursor, position: number): SubscriptionMessage {
    cursor.caughtUp = true;
    cursor.position = position;
    return { kind: 'caught-up', position };
  }

  private advance(cursor: Cursor, position: number): SubscriptionMessage {
    cursor.position = position;
    return { kind: 'checkpoint', position };
  }

  private unknownPosition(position: number, cause: unknown): Error {
    const error = new Error(
      `EventStoreDB has no record at position ${position}, so this subscription cannot resume there: a checkpoint from another store or another EventStoreDB database? ` +
        `Rebuild the consumer from position 0. (This store needs ${SUPPORTED_SERVERS}.)`,
      { cause },
    );
    this.options.onRecoverableError?.(error, `subscription to the log stopped: position ${position} is unknown to the server`);
    return error;
  }
}
