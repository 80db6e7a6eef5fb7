import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeEventStoreContract } from '@csc/event-store/testing';
import { describeWith } from '@csc/test-support';
import type { EventStore, SubscriptionMessage } from '../event-store';
import { verifyChain } from '../integrity';
import { openPostgresDatabase } from './postgres-database';
import { openSqlEventStore } from '../sql/open-sql-event-store';

describeWith('postgres', 'PostgreSQL event store', ({ value: connectionString }) => {
  describeEventStoreContract('PostgreSQL', async () => {
    const database = openPostgresDatabase({ connectionString, poolSize: 25 });
    const { store } = await openSqlEventStore(database, { onClose: () => database.close() });
    return store;
  });

  describe('two processes appending to the same streams', () => {
    let first: EventStore;
    let second: EventStore;

    beforeAll(async () => {
      const open = async (): Promise<EventStore> => {
        const database = openPostgresDatabase({ connectionString, poolSize: 5 });
        return (await openSqlEventStore(database, { onClose: () => database.close() })).store;
      };
      [first, second] = await Promise.all([open(), open()]);
    });
    afterAll(async () => {
      await Promise.all([first?.close(), second?.close()]);
    });

    it('appends every stream of a multi-stream append whose remembered head another process moved, or reports its conflict', async () => {
      const category = `stale${randomUUID().replace(/-/g, '').slice(0, 8)}`;
      const thing = (type: string) => ({ eventId: randomUUID(), type, data: {}, metadata: {} });
      const [moved, still] = [`${category}-moved`, `${category}-still`];
      await first.appendToStreams([
        { streamId: moved, events: [thing('A')], expectedRevision: 'no-stream' },
        { streamId: still, events: [thing('A')], expectedRevision: 'no-stream' },
      ]);
      // The first store remembers both heads at revision 0; the second moves one of them on.
      await second.appendToStream(moved, [thing('B')], { expectedRevision: 0 });

      const outcomes = await first.appendToStreams([
        { streamId: moved, events: [thing('C')], expectedRevision: 'any' },
        { streamId: still, events: [thing('C')], expectedRevision: 0 },
      ]);
      const conflict = await first.appendToStreams([{ streamId: moved, events: [thing('D')], expectedRevision: 1 }]);

      expect(outcomes.map((outcome) => outcome.ok && outcome.result.nextExpectedRevision)).toEqual([2, 1]);
      expect(conflict[0]).toMatchObject({ ok: false, error: { code: 'STREAM_REVISION_CONFLICT', expected: 1, actual: 2 } });
      expect((await second.readStream(moved)).map((event) => event.type)).toEqual(['A', 'B', 'C']);
      expect(verifyChain(await second.readStream(moved)).firstBreak).toBeUndefined();
    });
  });

  /*
   * A transaction that began before an append and is still running holds the readable horizon back (it might
   * yet commit events below the new ones). Readers must not skip past it, and a subscription must not say it
   * has caught up while committed events wait beyond it. In this file, so that the contract suite above never
   * runs while the blocking transaction is open.
   */
  describe('behind a long-running transaction', () => {
    let store: EventStore;
    let blocker: Client;

    beforeEach(async () => {
      const database = openPostgresDatabase({ connectionString, poolSize: 5 });
      // The open transaction holds back readers in every database of the cluster, other suites' included: keep it short.
      ({ store } = await openSqlEventStore(database, { pollIntervalMs: 20, readHeldBackWaitMs: 300, onClose: () => database.close() }));
      blocker = new Client({ connectionString });
      await blocker.connect();
    });
    afterEach(async () => {
      await blocker.end();
      await store.close();
    });

    it('does not say it has caught up while committed events wait behind an older running transaction, then delivers them', async () => {
      const category = `horizon${randomUUID().replace(/-/g, '').slice(0, 8)}`;
      const from = await store.headPosition();
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      await store.appendToStream(`${category}-1`, [{ eventId: randomUUID(), type: 'Held', data: {}, metadata: {} }], { expectedRevision: 'no-stream' });

      const seen: SubscriptionMessage['kind'][] = [];
      const subscription = store.subscribe({ fromPosition: from, categories: [category] });
      const reading = (async () => {
        for await (const message of subscription) {
          seen.push(message.kind);
          if (message.kind === 'caught-up') break;
        }
      })();
      // readAll waits for the older transaction for a while (the subscription polls meanwhile), then gives up.
      expect(await store.readAll({ fromPosition: from, categories: [category] })).toEqual([]);
      expect(seen).not.toContain('caught-up');

      const whileEnding = store.readAll({ fromPosition: from, categories: [category] });
      await blocker.query('ROLLBACK');
      expect((await whileEnding).map((event) => event.type)).toEqual(['Held']);
      await reading;
      expect(seen.filter((kind) => kind !== 'checkpoint')).toEqual(['event', 'caught-up']);
    });
  });
});
