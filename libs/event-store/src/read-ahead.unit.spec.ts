import { readAhead } from './batched-consumption';
import type { RecordedEvent, Subscription, SubscriptionMessage } from './event-store';

const eventAt = (position: number): SubscriptionMessage => ({ kind: 'event', event: { position } as RecordedEvent });

/** A subscription over fixed messages that counts how many were asked for, and fails after them if told to. */
function source(messages: readonly SubscriptionMessage[], failWith?: Error): Subscription & { asked: () => number; closed: () => boolean } {
  let asked = 0;
  let closed = false;
  return {
    asked: () => asked,
    closed: () => closed,
    close: async () => {
      closed = true;
    },
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        asked += 1;
        if (asked <= messages.length) return { done: false, value: messages[asked - 1] };
        if (failWith) throw failWith;
        return { done: true, value: undefined };
      },
    }),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('readAhead: the subscription read ahead of the batch being applied', () => {
  it('delivers every message in the order the subscription gave them, then ends', async () => {
    const messages = [eventAt(1), eventAt(2), { kind: 'checkpoint', position: 5 } as const, eventAt(6), { kind: 'caught-up', position: 6 } as const];
    const delivered: SubscriptionMessage[] = [];
    for await (const message of readAhead(source(messages), 2)) delivered.push(message);
    expect(delivered).toEqual(messages);
  });

  it('reads ahead while the consumer is busy, but never more than its limit', async () => {
    const subscription = source([1, 2, 3, 4, 5, 6, 7, 8].map(eventAt));
    const iterator = readAhead(subscription, 3)[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: eventAt(1) });
    await settle();
    // The one delivered and three more waiting.
    expect(subscription.asked()).toBe(4);
    expect(await iterator.next()).toEqual({ done: false, value: eventAt(2) });
    await settle();
    expect(subscription.asked()).toBe(5);
  });

  it('passes a failed read on where it happened, after the messages read before it', async () => {
    const iterator = readAhead(source([eventAt(1)], new Error('connection lost')), 4)[Symbol.asyncIterator]();
    await settle();
    expect(await iterator.next()).toEqual({ done: false, value: eventAt(1) });
    await expect(iterator.next()).rejects.toThrow('connection lost');
  });

  it('closes the subscription it reads when closed', async () => {
    const subscription = source([eventAt(1)]);
    await readAhead(subscription, 2).close();
    expect(subscription.closed()).toBe(true);
  });
});
