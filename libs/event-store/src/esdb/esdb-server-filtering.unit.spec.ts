import type { SubscriptionMessage } from '../event-store';
import { EsdbEventStore } from './esdb-event-store';
import { caughtUpMessage, checkpointMessage, confirmationMessage, eventMessage, type StoredRecord } from './test/server-messages';
import { scriptedClient, type ReadReply, type ScriptedRead } from './test/scripted-client';

let serial = 0;
const record = (streamId: string, commit: number, overrides: Partial<StoredRecord> = {}): StoredRecord => ({
  streamId,
  eventId: `${String(++serial).padStart(8, '0')}-0000-4000-8000-000000000000`,
  revision: 0,
  type: 'ChildReferred',
  data: { streamId },
  metadata: {},
  commit: String(commit),
  ...overrides,
});

/**
 * The log ends with `last`; a subscribeToAll filtered on the server answers with `answer` (what a
 * 23.10+ server sends for it: confirmation, the matching records, checkpoints, caught-up) and stays open.
 */
function serverWith(last: StoredRecord, answer: (request: ScriptedRead) => ReadReply['messages']) {
  return scriptedClient({
    read: (request) => {
      if (request.backwards && request.fromPosition === 'end') return { messages: [eventMessage(last)] };
      if (request.subscription) return { messages: [confirmationMessage(), ...answer(request)], stayOpen: true };
      return { messages: [] };
    },
  });
}

async function take(iterator: AsyncIterator<SubscriptionMessage>, count: number): Promise<SubscriptionMessage[]> {
  const messages: SubscriptionMessage[] = [];
  while (messages.length < count) messages.push((await iterator.next()).value as SubscriptionMessage);
  return messages;
}

describe('EventStoreDB filtering on the server', () => {
  const child1 = record('child-1', 1_000);
  const child2 = record('child-2', 3_000);
  const worker = record('worker-9', 5_000);

  it('reads a page of the log through a subscription the server filters by category, ending at the last record of the call', async () => {
    const { client, reads } = serverWith(worker, () => [eventMessage(child1), eventMessage(child2), checkpointMessage(5_000), caughtUpMessage()]);
    const store = new EsdbEventStore({ client });

    const page = await store.readAll({ categories: ['child'] });

    expect(page.map((event) => [event.streamId, event.position])).toEqual([
      ['child-1', 1_000],
      ['child-2', 3_000],
    ]);
    const forward = reads.filter(({ request }) => !request.backwards).map(({ request }) => request);
    expect(forward).toEqual([
      expect.objectContaining({ subscription: true, fromPosition: 'start', filter: expect.objectContaining({ on: 'stream', prefixes: ['child-'] }) }),
    ]);
    expect(reads.every(({ cancelled, request }) => cancelled || !request.subscription)).toBe(true);
    await store.close();
  });

  it('ends a page at maxCount, or when the server reports its catch-up done before the last record shows', async () => {
    const { client } = serverWith(worker, () => [eventMessage(child1), eventMessage(child2), caughtUpMessage()]);
    const store = new EsdbEventStore({ client });

    expect((await store.readAll({ categories: ['child'], maxCount: 1 })).map((event) => event.position)).toEqual([1_000]);
    expect((await store.readAll({ categories: ['child'], fromPosition: 1_000 })).map((event) => event.position)).toEqual([3_000]);
    await store.close();
  });

  it('filters event types alone on the server with an anchored regex', async () => {
    const { client, reads } = serverWith(child2, () => [eventMessage(child2)]);
    const store = new EsdbEventStore({ client });

    await store.readAll({ eventTypes: ['ChildReferred'] });

    expect(reads.find(({ request }) => request.subscription)?.request.filter).toEqual({
      on: 'event-type',
      prefixes: [],
      regex: '^(?:ChildReferred)$',
      checkpointIntervalMultiplier: 1,
    });
    await store.close();
  });

  it('catches a subscription up on the server, says caught up at the last record, then delivers live appends', async () => {
    const { client, reads } = serverWith(worker, () => [eventMessage(child1), checkpointMessage(5_000)]);
    const store = new EsdbEventStore({ client });
    const subscription = store.subscribe({ categories: ['child'] });
    const iterator = subscription[Symbol.asyncIterator]();

    const catchUp = await take(iterator, 2);
    reads.find(({ request }) => request.subscription)!.push(eventMessage(record('child-3', 7_000)));
    const live = await take(iterator, 1);

    expect(catchUp).toEqual([
      { kind: 'event', event: expect.objectContaining({ streamId: 'child-1', position: 1_000 }) },
      { kind: 'caught-up', position: 5_000 },
    ]);
    expect(live).toEqual([{ kind: 'event', event: expect.objectContaining({ streamId: 'child-3', position: 7_000 }) }]);
    const subscriptions = reads.filter(({ request }) => request.subscription);
    expect(subscriptions.map(({ request }) => request.filter?.prefixes)).toEqual([['child-']]);
    expect(reads.filter(({ request }) => !request.subscription && !request.backwards)).toEqual([]);
    await subscription.close();
    await store.close();
  });
});
