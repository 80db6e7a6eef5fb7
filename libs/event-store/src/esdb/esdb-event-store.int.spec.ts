import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, binaryEvent } from '@eventstore/db-client';
import { collectUntil, describeEventStoreContract } from '@csc/event-store/testing';
import { describeWith, externalService } from '@csc/test-support';
import { EventIdReused, InvalidAppend, StreamNotWritable } from '../errors';
import type { EventToAppend } from '../event-store';
import { verifyChain } from '../integrity';
import { openEsdbEventStore } from './open-esdb-event-store';
import type { EsdbEventStore } from './esdb-event-store';

// `npm run test:esdb` sets this: there, a server that cannot be reached fails the run instead of skipping it.
if (process.env.CSC_REQUIRE_EVENTSTOREDB === 'true' && !externalService('eventstoredb').available) {
  describe('EventStoreDB event store', () => {
    it('needs a running EventStoreDB: set EVENTSTORE_CONNECTION_STRING (see the README, "EventStoreDB")', () => {
      throw new Error(`EventStoreDB is unavailable: ${externalService('eventstoredb').detail}`);
    });
  });
}

describeWith('eventstoredb', 'EventStoreDB event store', ({ value: connectionString }) => {
  // EventStoreDB keeps no index over every event id, so an id reused in another stream goes unseen.
  describeEventStoreContract('EventStoreDB', () => openEsdbEventStore({ connectionString }), { detectsEventIdReuseAcrossStreams: false });

  describe('what only a real server shows', () => {
    const reported: string[] = [];
    let store: EsdbEventStore;
    let other: EsdbEventStore;
    let raw: EventStoreDBClient;
    let category: string;
    const event = (data: Record<string, string> = {}): EventToAppend => ({ eventId: randomUUID(), type: 'ThingHappened', data });

    beforeAll(async () => {
      store = await openEsdbEventStore({ connectionString, onRecoverableError: (_, context) => reported.push(context) });
      other = await openEsdbEventStore({ connectionString });
      raw = EventStoreDBClient.connectionString(connectionString);
    });
    afterAll(async () => {
      await Promise.all([store?.close(), other?.close(), raw?.dispose()]);
    });
    beforeEach(() => {
      category = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });

    it('refuses an id another process stored after this one cached the head, and keeps the chain whole', async () => {
      const stream = `${category}-1`;
      await store.appendToStream(stream, [event()], { expectedRevision: 'no-stream' });
      await store.readStream(stream);
      const reused = randomUUID();
      await other.appendToStream(stream, [{ eventId: reused, type: 'ThingHappened', data: { by: 'other' } }], { expectedRevision: 0 });

      await expect(
        store.appendToStream(stream, [{ eventId: reused, type: 'ThingHappened', data: { by: 'this' } }], { expectedRevision: 0 }),
      ).rejects.toBeInstanceOf(EventIdReused);
      await store.appendToStream(stream, [event()], { expectedRevision: 1 });
      expect(verifyChain(await store.readStream(stream)).firstBreak).toBeUndefined();
    });

    it('reads positions on stream reads that match the log', async () => {
      const stream = `${category}-1`;
      const appended = await store.appendToStream(stream, [event()], { expectedRevision: 'no-stream' });
      const [read] = await store.readStream(stream);
      const [inLog] = await store.readAll({ categories: [category] });
      expect([read.position, inLog.position]).toEqual([appended.position, appended.position]);
    });

    it('refuses an append over the server MaxAppendSize as InvalidAppend, and a tombstoned stream as StreamNotWritable', async () => {
      const big = 'x'.repeat(600 * 1024);
      await expect(store.appendToStream(`${category}-big`, [event({ a: big }), event({ b: big })], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        InvalidAppend,
      );
      const stream = `${category}-gone`;
      await store.appendToStream(stream, [event()], { expectedRevision: 'no-stream' });
      await raw.tombstoneStream(stream);
      const outcomes = await store.appendToStreams([
        { streamId: stream, events: [event()], expectedRevision: 'any' },
        { streamId: `${category}-next`, events: [event()], expectedRevision: 'no-stream' },
      ]);
      expect(outcomes[0]).toMatchObject({ ok: false, error: { constructor: StreamNotWritable, reason: 'deleted' } });
      expect(outcomes[1].ok).toBe(true);
    });

    it('parks a record in its category that is not JSON, and delivers what follows it', async () => {
      await store.appendToStream(`${category}-1`, [event()], { expectedRevision: 'no-stream' });
      await raw.appendToStream(`${category}-2`, binaryEvent({ type: 'Binary', data: new Uint8Array([1, 2, 3]) }));
      await store.appendToStream(`${category}-3`, [event()], { expectedRevision: 'no-stream' });

      const collected = await collectUntil(store.subscribe({ categories: [category] }), (_, { caughtUp }) => caughtUp);

      expect(collected.events.map((recorded) => recorded.streamId)).toEqual([`${category}-1`, `${category}-3`]);
      expect(reported.some((context) => /^parked the record at position \d+/.test(context))).toBe(true);
    });
  });
});
