import { consumeInBatches } from './batched-consumption';
import type { RecordedEvent, Subscription, SubscriptionMessage } from './event-store';

const eventAt = (position: number): SubscriptionMessage => ({ kind: 'event', event: { position } as RecordedEvent });

/** A subscription the test feeds by hand: each message pushed is read when the consumer asks for it. */
function handFed(): { subscription: Subscription; push: (message: SubscriptionMessage) => void; end: () => void } {
  const queued: Array<IteratorResult<SubscriptionMessage>> = [];
  let waiting: ((result: IteratorResult<SubscriptionMessage>) => void) | undefined;
  const deliver = (result: IteratorResult<SubscriptionMessage>): void => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(result);
    } else queued.push(result);
  };
  return {
    push: (message) => deliver({ done: false, value: message }),
    end: () => deliver({ done: true, value: undefined }),
    subscription: {
      close: async () => undefined,
      [Symbol.asyncIterator]: () => ({
        next: () => (queued.length > 0 ? Promise.resolve(queued.shift()!) : new Promise((resolve) => (waiting = resolve))),
      }),
    },
  };
}

describe('consumeInBatches', () => {
  afterEach(() => jest.useRealTimers());

  it('hands a batch over at most maxBatchAgeMs after its first event, though events keep arriving within maxBatchDelayMs', async () => {
    jest.useFakeTimers({ now: 0 });
    const source = handFed();
    const batches: Array<{ at: number; positions: number[] }> = [];
    const consuming = consumeInBatches(
      source.subscription,
      { batchSize: 1_000, maxBatchDelayMs: 20, maxBatchAgeMs: 50 },
      { onBatch: async (events) => void (events.length > 0 && batches.push({ at: Date.now(), positions: events.map((e) => e.position) })) },
    );
    // One event every 10 ms: never a pause of 20 ms, so only the batch's age hands it over.
    for (let position = 1; position <= 10; position++) {
      source.push(eventAt(position));
      await jest.advanceTimersByTimeAsync(10);
    }
    source.end();
    await consuming;

    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches[0].at).toBeLessThanOrEqual(50);
    expect(batches.flatMap((batch) => batch.positions)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('hands a batch over once no event has come for maxBatchDelayMs', async () => {
    jest.useFakeTimers({ now: 0 });
    const source = handFed();
    const batches: Array<{ at: number; positions: number[] }> = [];
    const consuming = consumeInBatches(
      source.subscription,
      { batchSize: 1_000, maxBatchDelayMs: 20 },
      { onBatch: async (events) => void (events.length > 0 && batches.push({ at: Date.now(), positions: events.map((e) => e.position) })) },
    );
    source.push(eventAt(1));
    source.push(eventAt(2));
    await jest.advanceTimersByTimeAsync(30);
    expect(batches).toEqual([{ at: 20, positions: [1, 2] }]);
    source.end();
    await consuming;
  });
});
