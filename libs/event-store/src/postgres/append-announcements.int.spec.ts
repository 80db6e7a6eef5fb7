import { randomUUID } from 'node:crypto';
import { describeWith } from '@csc/test-support';
import type { EventStore, Subscription, SubscriptionMessage } from '../event-store';
import { openSqlEventStore } from '../sql/open-sql-event-store';
import { openPostgresDatabase } from './postgres-database';

/** The first event of a category a subscription delivers, and how long after `since` it came. */
async function firstEvent(subscription: Subscription, category: string, since: number): Promise<{ streamId: string; afterMs: number }> {
  for await (const message of subscription as AsyncIterable<SubscriptionMessage>) {
    if (message.kind === 'event' && message.event.streamId.startsWith(`${category}-`))
      return { streamId: message.event.streamId, afterMs: performance.now() - since };
  }
  throw new Error('the subscription ended before the event came');
}

describeWith('postgres', 'appends announced to other processes (LISTEN/NOTIFY)', ({ value: connectionString }) => {
  let writer: EventStore;
  let reader: EventStore;

  beforeAll(async () => {
    const open = async (announcedPollIntervalMs: number): Promise<EventStore> => {
      const database = openPostgresDatabase({ connectionString, poolSize: 3 });
      return (await openSqlEventStore(database, { pollIntervalMs: 20, announcedPollIntervalMs, onClose: () => database.close() })).store;
    };
    // The reader would not poll again for a minute: only the announcement can wake it in time.
    [writer, reader] = await Promise.all([open(60_000), open(60_000)]);
  });
  afterAll(async () => {
    await Promise.all([writer?.close(), reader?.close()]);
  });

  it("wakes another process's caught-up subscription within moments of an append, long before its fallback poll", async () => {
    const category = `wake${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const subscription = reader.subscribe({ fromPosition: await reader.headPosition(), categories: [category] });
    const caughtUp = (async () => {
      const iterator = subscription[Symbol.asyncIterator]();
      for (;;) {
        const { value } = await iterator.next();
        if (value?.kind === 'caught-up') return iterator;
      }
    })();
    const iterator = await caughtUp;
    // The reader's listener connected when its store opened.
    const since = performance.now();
    await writer.appendToStream(`${category}-a`, [{ eventId: randomUUID(), type: 'Woken', data: {}, metadata: {} }], { expectedRevision: 'no-stream' });
    const delivered = await firstEvent({ [Symbol.asyncIterator]: () => iterator, close: () => subscription.close() }, category, since);
    await subscription.close();
    expect(delivered.streamId).toBe(`${category}-a`);
    expect(delivered.afterMs).toBeLessThan(5_000);
  });
});
