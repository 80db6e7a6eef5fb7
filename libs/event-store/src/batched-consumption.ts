import type { RecordedEvent, Subscription, SubscriptionMessage } from './event-store';

export interface BatchOptions {
  /** Most events in one batch. */
  batchSize: number;
  /** How long a partly filled batch waits for more events before it is handed over. */
  maxBatchDelayMs: number;
  /**
   * How long a batch may gather from its first event, however steadily more arrive (default five times
   * maxBatchDelayMs): events arriving more often than maxBatchDelayMs would otherwise keep a batch open until full.
   */
  maxBatchAgeMs?: number;
  /** Return once caught up with the log, instead of following it. */
  stopWhenCaughtUp?: boolean;
}

export interface BatchHandlers {
  /**
   * A batch of events, in log order, after which the consumer stands at `position`. The batch may
   * be empty: the subscription examined events the filter did not match.
   */
  onBatch(events: readonly RecordedEvent[], position: number): Promise<void>;
  /** Caught up with the log at `position`; the next batch waits for what this returns. */
  onCaughtUp?(position: number): void | Promise<void>;
}

/**
 * Reads a subscription in batches: full ones as soon as they fill, partial ones after a short
 * wait, and the rest before each checkpoint or caught-up signal. Returns when the subscription ends
 * (it was closed), or once caught up if asked.
 */
export async function consumeInBatches(subscription: Subscription, options: BatchOptions, handlers: BatchHandlers): Promise<void> {
  const iterator = subscription[Symbol.asyncIterator]();
  let batch: RecordedEvent[] = [];
  let pending: Promise<IteratorResult<SubscriptionMessage>> | undefined;
  const maxAgeMs = options.maxBatchAgeMs ?? 5 * options.maxBatchDelayMs;
  let dueAt = 0;
  const flush = async (position: number): Promise<void> => {
    const events = batch;
    batch = [];
    await handlers.onBatch(events, position);
  };
  for (;;) {
    pending ??= iterator.next();
    const next = batch.length > 0 ? await withinMs(pending, Math.max(0, Math.min(options.maxBatchDelayMs, dueAt - Date.now()))) : await pending;
    if (next === 'timeout') {
      await flush(batch[batch.length - 1].position);
      continue;
    }
    pending = undefined;
    if (next.done) {
      if (batch.length > 0) await flush(batch[batch.length - 1].position);
      return;
    }
    const message = next.value;
    if (message.kind === 'event') {
      if (batch.length === 0) dueAt = Date.now() + maxAgeMs;
      batch.push(message.event);
      if (batch.length >= options.batchSize) await flush(message.event.position);
      continue;
    }
    await flush(message.position);
    if (message.kind === 'caught-up') {
      await handlers.onCaughtUp?.(message.position);
      if (options.stopWhenCaughtUp) return;
    }
  }
}

/** The promise's value, or 'timeout' if it has not settled within `ms`. */
export function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ms);
    }),
  ]);
}

/**
 * The subscription read ahead of its consumer: while a batch is applied, the next messages (up to `limit`) are
 * already being read, so the database serves the log's next page while the read models are derived and written,
 * instead of after. Messages come out in the order read, a failed read where it happened; closing it closes the
 * subscription (what was read ahead is dropped, and the runner subscribes again from its checkpoint).
 */
export function readAhead(subscription: Subscription, limit: number): Subscription {
  const source = subscription[Symbol.asyncIterator]();
  const queue: Array<Promise<IteratorResult<SubscriptionMessage>>> = [];
  let reading = false;
  let ended = false;
  const fill = (): void => {
    if (reading || ended || queue.length >= limit) return;
    reading = true;
    const next = source.next();
    queue.push(next);
    next.then(
      (result) => {
        reading = false;
        if (result.done) ended = true;
        else fill();
      },
      () => {
        reading = false;
        ended = true;
      },
    );
  };
  let started = false;
  return {
    close: () => subscription.close(),
    [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
      if (started) throw new Error('A subscription can be iterated only once');
      started = true;
      return {
        next: () => {
          fill();
          const next = queue.shift() ?? source.next();
          fill();
          return next;
        },
        return: async (value?: unknown) => {
          await subscription.close();
          return { done: true, value: value as undefined };
        },
      };
    },
  };
}
