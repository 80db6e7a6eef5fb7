import { randomUUID } from 'node:crypto';
import { openPgliteDatabase } from './pglite-database';
import { openSqlEventStore } from '../sql/open-sql-event-store';
import type { SubscriptionMessage } from '../event-store';

// On PGlite every append is made in this process, so subscriptions wait for the append's announcement and poll only
// every 30 s as a fallback: a second store over the same database must hear the first one's appends.
describe('PGlite: appends announced to every store over the same database [PGlite]', () => {
  it("wakes a subscription of one store on another store's append at once, made before it was waiting again, not at the fallback poll", async () => {
    const database = await openPgliteDatabase({ dataDir: 'memory' });
    const writer = (await openSqlEventStore(database)).store;
    const reader = (await openSqlEventStore(database)).store;
    const subscription = reader.subscribe({ fromPosition: 0 });
    try {
      const messages = subscription[Symbol.asyncIterator]();
      expect(((await messages.next()).value as SubscriptionMessage).kind).toBe('caught-up');
      const started = performance.now();
      const { position } = await writer.appendToStream(`wake-${randomUUID().slice(0, 8)}`, [{ eventId: randomUUID(), type: 'Woken', data: {} }], {
        expectedRevision: 'no-stream',
      });
      const delivered = (await messages.next()).value as SubscriptionMessage;
      expect(delivered).toMatchObject({ kind: 'event', event: { position } });
      // Far below the 30 s fallback (and the 1 s it was): the announcement woke it.
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await subscription.close();
      await reader.close();
      await writer.close();
      await database.close();
    }
  }, 20_000);
});
