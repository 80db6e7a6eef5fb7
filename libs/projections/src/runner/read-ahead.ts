import type { Subscription, SubscriptionMessage } from '@csc/event-store';

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
