import { randomUUID } from 'node:crypto';
import {
  EventIdReused,
  InvalidAppend,
  StreamRevisionConflict,
  verifyChain,
  type EventStore,
  type EventToAppend,
  type JsonObject,
  type RecordedEvent,
  type SubscriptionMessage,
} from '@csc/event-store';
import { collectUntil } from './subscription-probe';

/**
 * The behaviour every EventStore adapter must show. Each test works in its own stream category, so
 * the suite can share a database with other suites running at the same time.
 */
/** What an adapter can honestly promise beyond the port's common ground. */
export interface EventStoreCapabilities {
  /**
   * Refuses an event id already stored in another stream. Needs a unique index over every event id:
   * PostgreSQL and PGlite have one; EventStoreDB does not.
   */
  detectsEventIdReuseAcrossStreams: boolean;
}

export function describeEventStoreContract(
  adapter: string,
  open: () => Promise<EventStore>,
  capabilities: EventStoreCapabilities = { detectsEventIdReuseAcrossStreams: true },
): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let store: EventStore;
    let category: string;

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });
    beforeEach(() => {
      category = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });

    const streamOf = (id: string | number): string => `${category}-${id}`;
    const event = (type = 'ThingHappened', data: JsonObject = {}): EventToAppend => ({
      eventId: randomUUID(),
      type,
      data: { at: 'x', ...data },
      metadata: { correlationId: 'c-1' },
    });

    describe('append and read back', () => {
      it('stores events in order with revision, position, content and store time', async () => {
        const stream = streamOf('a');
        const events = [event('A', { n: 1 }), event('B', { n: 2 }), event('C', { n: 3 })];
        const result = await store.appendToStream(stream, events, { expectedRevision: 'no-stream' });
        const read = await store.readStream(stream);

        expect(result.nextExpectedRevision).toBe(2);
        expect(read.map((e) => [e.eventId, e.type, e.streamId, e.revision, e.data])).toEqual(events.map((e, i) => [e.eventId, e.type, stream, i, e.data]));
        expect(read[2].position).toBe(result.position);
        expect(read[0].position).toBeLessThan(read[1].position);
        expect(read[1].position).toBeLessThan(read[2].position);
        expect(read[0].metadata).toMatchObject({ correlationId: 'c-1' });
        expect(read[0].recordedAt).toBeInstanceOf(Date);
        expect(Number.isNaN(read[0].recordedAt.getTime())).toBe(false);
      });

      it('continues a stream from the expected revision and reads ranges both ways', async () => {
        const stream = streamOf('b');
        const first = await store.appendToStream(stream, [event(), event()], { expectedRevision: 'no-stream' });
        await store.appendToStream(stream, [event(), event(), event()], { expectedRevision: first.nextExpectedRevision });

        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect((await store.readStream(stream, { fromRevision: 2, maxCount: 2 })).map((e) => e.revision)).toEqual([2, 3]);
        expect((await store.readStream(stream, { direction: 'backwards', maxCount: 2 })).map((e) => e.revision)).toEqual([4, 3]);
        expect((await store.readStream(stream, { direction: 'backwards', fromRevision: 1 })).map((e) => e.revision)).toEqual([1, 0]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(streamOf('never-written'))).toEqual([]);
      });

      it("accepts 'exists' and 'any' on a stream that has events", async () => {
        const stream = streamOf('c');
        await store.appendToStream(stream, [event()], { expectedRevision: 'any' });
        await store.appendToStream(stream, [event()], { expectedRevision: 'exists' });
        const result = await store.appendToStream(stream, [event()], { expectedRevision: 'any' });
        expect(result.nextExpectedRevision).toBe(2);
      });

      it('chains every event to the one before it, so the stream verifies', async () => {
        const stream = streamOf('chain');
        await store.appendToStream(stream, [event(), event()], { expectedRevision: 'no-stream' });
        await store.appendToStream(stream, [event()], { expectedRevision: 1 });
        const read = await store.readStream(stream);
        expect(read[1].metadata.previousHash).toBe(read[0].metadata.hash);
        expect(verifyChain(read)).toEqual({ checked: 3, lastHash: read[2].metadata.hash });
      });
    });

    describe('refusing bad appends', () => {
      it('refuses an empty append, a bad event id, a repeated id and reserved metadata', async () => {
        const stream = streamOf('bad');
        await expect(store.appendToStream(stream, [], { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.appendToStream(stream, [{ ...event(), eventId: 'not-a-uuid' }], { expectedRevision: 'any' })).rejects.toMatchObject({
          field: 'events[0].eventId',
        });
        const twice = event();
        await expect(store.appendToStream(stream, [twice, twice], { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.appendToStream(stream, [{ ...event(), metadata: { hash: 'x' } }], { expectedRevision: 'any' })).rejects.toMatchObject({
          field: 'events[0].metadata.hash',
        });
        await expect(store.appendToStream('no category', [event()], { expectedRevision: 'any' })).rejects.toMatchObject({ field: 'streamId' });
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('revision conflicts', () => {
      it('raises StreamRevisionConflict with expected and actual revisions, and stores nothing', async () => {
        const stream = streamOf('conflict');
        await store.appendToStream(stream, [event(), event()], { expectedRevision: 'no-stream' });

        await expect(store.appendToStream(stream, [event()], { expectedRevision: 0 })).rejects.toMatchObject({
          constructor: StreamRevisionConflict,
          streamId: stream,
          expected: 0,
          actual: 1,
        });
        await expect(store.appendToStream(stream, [event()], { expectedRevision: 'no-stream' })).rejects.toMatchObject({
          expected: 'no-stream',
          actual: 1,
        });
        await expect(store.appendToStream(streamOf('missing'), [event()], { expectedRevision: 'exists' })).rejects.toMatchObject({
          expected: 'exists',
          actual: 'no-stream',
        });
        await expect(store.appendToStream(streamOf('missing'), [event()], { expectedRevision: 3 })).rejects.toMatchObject({
          expected: 3,
          actual: 'no-stream',
        });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('lets exactly one of 20 concurrent writers win one revision of one stream', async () => {
        const stream = streamOf('race');
        await store.appendToStream(stream, [event()], { expectedRevision: 'no-stream' });

        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, (_, writer) => store.appendToStream(stream, [event('Raced', { writer })], { expectedRevision: 0 })),
        );

        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const loss of lost) expect(loss.reason).toBeInstanceOf(StreamRevisionConflict);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it("never loses an append with expectedRevision 'any', however many race", async () => {
        const stream = streamOf('any');
        await Promise.all(Array.from({ length: 20 }, (_, writer) => store.appendToStream(stream, [event('Any', { writer })], { expectedRevision: 'any' })));
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([...Array(20).keys()]);
        expect(new Set(read.map((e) => e.data.writer)).size).toBe(20);
        expect(verifyChain(read).firstBreak).toBeUndefined();
      });
    });

    describe('idempotent retries', () => {
      it('returns the original result and stores nothing when the same append is retried', async () => {
        const stream = streamOf('retry');
        const events = [event(), event()];
        const original = await store.appendToStream(stream, events, { expectedRevision: 'no-stream' });
        const retried = await store.appendToStream(stream, events, { expectedRevision: 'no-stream' });
        expect(retried).toEqual(original);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('recognises a retry at its original place after the stream has moved on', async () => {
        const stream = streamOf('retry-later');
        await store.appendToStream(stream, [event()], { expectedRevision: 'no-stream' });
        const events = [event(), event()];
        const original = await store.appendToStream(stream, events, { expectedRevision: 0 });
        await store.appendToStream(stream, [event()], { expectedRevision: 2 });

        expect(await store.appendToStream(stream, events, { expectedRevision: 0 })).toEqual(original);
        expect(await store.appendToStream(stream, events, { expectedRevision: 'any' })).toEqual(original);
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('refuses an event id stored with other content, or in another place of its stream', async () => {
        const stream = streamOf('reuse');
        const stored = event('A', { n: 1 });
        await store.appendToStream(stream, [stored], { expectedRevision: 'no-stream' });

        await expect(store.appendToStream(stream, [{ ...stored, data: { n: 2 } }], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(EventIdReused);
        await expect(store.appendToStream(stream, [stored], { expectedRevision: 0 })).rejects.toBeInstanceOf(EventIdReused);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      const acrossStreams = capabilities.detectsEventIdReuseAcrossStreams ? it : it.skip;
      acrossStreams(
        `refuses an event id already stored in another stream${capabilities.detectsEventIdReuseAcrossStreams ? '' : ' [not promised by this adapter: no index over every event id]'}`,
        async () => {
          const stream = streamOf('reuse-across');
          const stored = event('A', { n: 1 });
          await store.appendToStream(stream, [stored], { expectedRevision: 'no-stream' });
          await expect(store.appendToStream(streamOf('other'), [stored], { expectedRevision: 'any' })).rejects.toMatchObject({
            code: 'EVENT_ID_REUSED',
            storedIn: { streamId: stream, revision: 0 },
          });
          expect(await store.readStream(stream)).toHaveLength(1);
          expect(await store.readStream(streamOf('other'))).toEqual([]);
        },
      );
    });

    describe('appending to several streams at once', () => {
      it('appends each stream in order, in the order given, with the revisions and positions of separate appends', async () => {
        const existing = streamOf('many-existing');
        await store.appendToStream(existing, [event('Before')], { expectedRevision: 'no-stream' });
        const from = await store.headPosition();
        const parts = [
          { streamId: streamOf('many-new'), events: [event('A1'), event('A2')], expectedRevision: 'no-stream' as const },
          { streamId: existing, events: [event('B1')], expectedRevision: 0 },
          { streamId: streamOf('many-any'), events: [event('C1'), event('C2'), event('C3')], expectedRevision: 'any' as const },
        ];

        const outcomes = await store.appendToStreams(parts);

        expect(outcomes.map((outcome) => outcome.ok && outcome.result.nextExpectedRevision)).toEqual([1, 1, 2]);
        const log = await store.readAll({ fromPosition: from, categories: [category] });
        expect(log.map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'C1', 'C2', 'C3']);
        expect(outcomes.map((outcome) => outcome.ok && outcome.result.position)).toEqual([log[1].position, log[2].position, log[5].position]);
        for (const { streamId, events } of parts) {
          const read = await store.readStream(streamId);
          expect(read.slice(-events.length).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
          expect(verifyChain(read).firstBreak).toBeUndefined();
        }
      });

      it("refuses one stream's part on its own: a revision conflict or a bad append leaves the other streams' events recorded", async () => {
        const taken = streamOf('many-taken');
        await store.appendToStream(taken, [event()], { expectedRevision: 'no-stream' });

        const outcomes = await store.appendToStreams([
          { streamId: streamOf('many-ok-1'), events: [event()], expectedRevision: 'no-stream' },
          { streamId: taken, events: [event()], expectedRevision: 'no-stream' },
          { streamId: streamOf('many-empty'), events: [], expectedRevision: 'any' },
          { streamId: streamOf('many-ok-2'), events: [event(), event()], expectedRevision: 'no-stream' },
        ]);

        expect(outcomes[0]).toMatchObject({ ok: true, result: { nextExpectedRevision: 0 } });
        expect(outcomes[1]).toMatchObject({ ok: false, error: { constructor: StreamRevisionConflict, expected: 'no-stream', actual: 0 } });
        expect(outcomes[2]).toMatchObject({ ok: false, error: { constructor: InvalidAppend, field: 'events' } });
        expect(outcomes[3]).toMatchObject({ ok: true, result: { nextExpectedRevision: 1 } });
        expect(await store.readStream(taken)).toHaveLength(1);
        expect(await store.readStream(streamOf('many-ok-2'))).toHaveLength(2);
      });

      it('returns the original results and stores nothing when the same multi-stream append is retried', async () => {
        const parts = [
          { streamId: streamOf('many-retry-1'), events: [event(), event()], expectedRevision: 'no-stream' as const },
          { streamId: streamOf('many-retry-2'), events: [event()], expectedRevision: 'no-stream' as const },
        ];
        const original = await store.appendToStreams(parts);
        expect(await store.appendToStreams(parts)).toEqual(original);
        expect(await store.readStream(parts[0].streamId)).toHaveLength(2);
        expect(await store.readStream(parts[1].streamId)).toHaveLength(1);
      });

      const acrossStreams = capabilities.detectsEventIdReuseAcrossStreams ? it : it.skip;
      acrossStreams(
        `refuses only the stream whose event id is already stored elsewhere${capabilities.detectsEventIdReuseAcrossStreams ? '' : ' [not promised by this adapter: no index over every event id]'}`,
        async () => {
          const stored = event('A');
          await store.appendToStream(streamOf('many-owner'), [stored], { expectedRevision: 'no-stream' });
          const outcomes = await store.appendToStreams([
            { streamId: streamOf('many-thief'), events: [stored], expectedRevision: 'no-stream' },
            { streamId: streamOf('many-innocent'), events: [event()], expectedRevision: 'no-stream' },
          ]);
          expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'EVENT_ID_REUSED', storedIn: { streamId: streamOf('many-owner') } } });
          expect(outcomes[1]).toMatchObject({ ok: true });
          expect(await store.readStream(streamOf('many-thief'))).toEqual([]);
        },
      );

      it('refuses a call that names a stream twice, storing nothing', async () => {
        const stream = streamOf('many-twice');
        await expect(
          store.appendToStreams([
            { streamId: stream, events: [event()], expectedRevision: 'any' },
            { streamId: stream, events: [event()], expectedRevision: 'any' },
          ]),
        ).rejects.toMatchObject({ constructor: InvalidAppend, field: 'appends[1].streamId' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('lets exactly one of 10 concurrent multi-stream appends win each stream', async () => {
        const streams = [streamOf('many-race-1'), streamOf('many-race-2'), streamOf('many-race-3')];
        const all = await Promise.all(
          Array.from({ length: 10 }, (_, writer) =>
            store.appendToStreams(streams.map((streamId) => ({ streamId, events: [event('Raced', { writer })], expectedRevision: 'no-stream' as const }))),
          ),
        );
        streams.forEach((_, at) => {
          const won = all.filter((outcomes) => outcomes[at].ok);
          expect(won).toHaveLength(1);
          for (const outcomes of all) if (!outcomes[at].ok) expect(outcomes[at]).toMatchObject({ error: { constructor: StreamRevisionConflict } });
        });
        for (const streamId of streams) expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('the global log', () => {
      it('reads all events in global order, filtered by category and event type', async () => {
        const from = await store.headPosition();
        await store.appendToStream(streamOf(1), [event('A'), event('B')], { expectedRevision: 'no-stream' });
        await store.appendToStream(`other${category}-1`, [event('A')], { expectedRevision: 'no-stream' });
        await store.appendToStream(streamOf(2), [event('A')], { expectedRevision: 'no-stream' });

        const mine = await store.readAll({ fromPosition: from, categories: [category] });
        expect(mine.map((e) => [e.streamId, e.type])).toEqual([
          [streamOf(1), 'A'],
          [streamOf(1), 'B'],
          [streamOf(2), 'A'],
        ]);
        const typeA = await store.readAll({ fromPosition: from, categories: [category, `other${category}`], eventTypes: ['A'] });
        expect(typeA.map((e) => e.streamId)).toEqual([streamOf(1), `other${category}-1`, streamOf(2)]);
        const page = await store.readAll({ fromPosition: from, categories: [category], maxCount: 2 });
        expect(page).toHaveLength(2);
        const rest = await store.readAll({ fromPosition: page[1].position, categories: [category] });
        expect(rest.map((e) => e.eventId)).toEqual([mine[2].eventId]);
      });

      it('delivers every committed event of 20 concurrent writers exactly once, in one order, and resumes after being closed', async () => {
        const from = await store.headPosition();
        const subscription = store.subscribe({ fromPosition: from, categories: [category] });
        const writers = Array.from({ length: 20 }, async (_, writer) => {
          for (let batch = 0; batch < 5; batch++) {
            const expectedRevision = batch === 0 ? ('no-stream' as const) : batch * 2 - 1;
            await store.appendToStream(streamOf(writer), [event('W', { writer, batch }), event('W', { writer, batch })], { expectedRevision });
          }
        });
        const [firstPart] = await Promise.all([collectUntil(subscription, (events) => events.length >= 200), Promise.all(writers)]);
        await subscription.close();

        const written = await store.readAll({ fromPosition: from, categories: [category], maxCount: 10_000 });
        expect(written).toHaveLength(200);
        expect(firstPart.events.map((e) => e.eventId)).toEqual(written.map((e) => e.eventId));
        expectStrictlyIncreasing(firstPart.events.map((e) => e.position));
        for (let writer = 0; writer < 20; writer++) {
          const ofWriter = firstPart.events.filter((e) => e.streamId === streamOf(writer)).map((e) => e.revision);
          expect(ofWriter).toEqual([...Array(10).keys()]);
        }

        const last = firstPart.events[firstPart.events.length - 1].position;
        await store.appendToStream(streamOf('late'), [event('L'), event('L')], { expectedRevision: 'no-stream' });
        const resumed = store.subscribe({ fromPosition: last, categories: [category] });
        const secondPart = await collectUntil(resumed, (events) => events.length >= 2);
        await resumed.close();
        expect(secondPart.events.map((e) => e.streamId)).toEqual([streamOf('late'), streamOf('late')]);
      });

      it('says when it has caught up, then delivers live appends', async () => {
        const from = await store.headPosition();
        await store.appendToStream(streamOf('live'), [event('Before')], { expectedRevision: 'no-stream' });
        const subscription = store.subscribe({ fromPosition: from, categories: [category] });
        const seen: SubscriptionMessage[] = [];
        const done = (async () => {
          for await (const message of subscription) {
            seen.push(message);
            if (message.kind === 'caught-up') {
              await store.appendToStream(streamOf('live'), [event('After')], { expectedRevision: 0 });
            }
            if (message.kind === 'event' && message.event.type === 'After') break;
          }
        })();
        await done;
        const kinds = seen.filter((m) => m.kind !== 'checkpoint').map((m) => (m.kind === 'event' ? m.event.type : m.kind));
        expect(kinds).toEqual(['Before', 'caught-up', 'After']);
      });

      it('ends iteration when closed while waiting for events', async () => {
        const subscription = store.subscribe({ fromPosition: await store.headPosition(), categories: [category] });
        const iterator = subscription[Symbol.asyncIterator]();
        // Other writers on a shared database can hold the horizon back for a moment; the subscription then
        // reports checkpoints (nothing matching yet) before it can say it is caught up.
        let first = await iterator.next();
        while (!first.done && first.value.kind === 'checkpoint') first = await iterator.next();
        expect(first.value).toMatchObject({ kind: 'caught-up' });
        const pending = iterator.next();
        await subscription.close();
        expect(await pending).toEqual({ done: true, value: undefined });
      });

      it('counts the events after a position that match a filter, up to a cap, where the adapter can', async () => {
        if (!store.countEventsAfter) return;
        const from = await store.headPosition();
        await store.appendToStream(streamOf('count'), [event('A'), event('B'), event('A')], { expectedRevision: 'no-stream' });
        expect(await store.countEventsAfter(from, { categories: [category] }, 100)).toBe(3);
        expect(await store.countEventsAfter(from, { categories: [category], eventTypes: ['A'] }, 100)).toBe(2);
        expect(await store.countEventsAfter(from, { categories: [category] }, 2)).toBe(2);
      });

      it('reports the head of the log', async () => {
        const result = await store.appendToStream(streamOf('head'), [event()], { expectedRevision: 'no-stream' });
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
      });
    });
  });
}

function expectStrictlyIncreasing(values: number[]): void {
  values.forEach((value, index) => {
    if (index > 0) expect(value).toBeGreaterThan(values[index - 1]);
  });
}

export type { RecordedEvent };
