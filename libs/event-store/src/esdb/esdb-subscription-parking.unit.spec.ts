import type { SubscriptionMessage } from '../event-store';
import { EsdbEventStore } from './esdb-event-store';
import { caughtUpMessage, confirmationMessage, eventMessage, invalidPositionError, type StoredRecord } from './test/server-messages';
import { scriptedClient, type ReadReply } from './test/scripted-client';

const record = (commit: number, overrides: Partial<StoredRecord> = {}): StoredRecord => ({
  streamId: 'child-9',
  eventId: `${String(commit).padStart(8, '0')}-0000-4000-8000-000000000000`,
  revision: commit / 1_000 - 1,
  type: 'ChildReferred',
  data: { childId: '9' },
  metadata: {},
  commit: String(commit),
  ...overrides,
});

/** A log ending at `last`, whose filtered subscription answers `reply`; `reported` collects what the store reports. */
function storeWith(last: StoredRecord, reply: () => ReadReply) {
  const scripted = scriptedClient({
    read: (request) => (request.backwards ? { messages: [eventMessage(last)] } : request.subscription ? reply() : { messages: [] }),
  });
  const reported: string[] = [];
  let retry: (line: string) => void = () => undefined;
  /** Resolves if the store reports that it retries the subscription (what it must not do here). */
  const retried = new Promise<string>((resolve) => (retry = resolve));
  const store = new EsdbEventStore({
    client: scripted.client,
    onRecoverableError: (error, context) => {
      const line = `${context} | ${(error as Error).message}`;
      reported.push(line);
      if (context.includes('resuming after')) retry(line);
    },
  });
  return { store, reported, retried, reads: scripted.reads };
}

/** The next message, or the report that the subscription is retrying, whichever comes first. */
function nextOrRetry(iterator: AsyncIterator<SubscriptionMessage>, retried: Promise<string>): Promise<SubscriptionMessage | string> {
  return Promise.race([iterator.next().then((result) => result.value as SubscriptionMessage), retried]);
}

describe('EventStoreDB subscription meeting what it cannot deliver', () => {
  it('parks a matching record that is not JSON: reports it, steps over it with a checkpoint and goes on', async () => {
    const binary = record(2_000, { contentType: 'application/octet-stream', data: new Uint8Array([0xde, 0xad]) });
    const { store, reported, retried } = storeWith(record(3_000), () => ({
      messages: [confirmationMessage(), eventMessage(record(1_000)), eventMessage(binary), eventMessage(record(3_000)), caughtUpMessage()],
      stayOpen: true,
    }));
    const subscription = store.subscribe({ categories: ['child'] });
    const iterator = subscription[Symbol.asyncIterator]();

    const messages: (SubscriptionMessage | string)[] = [];
    for (let index = 0; index < 4; index++) messages.push(await nextOrRetry(iterator, retried));

    expect(messages).toEqual([
      { kind: 'event', event: expect.objectContaining({ position: 1_000 }) },
      { kind: 'checkpoint', position: 2_000 },
      { kind: 'event', event: expect.objectContaining({ position: 3_000 }) },
      { kind: 'caught-up', position: 3_000 },
    ]);
    expect(reported).toEqual([
      expect.stringMatching(/^parked the record at position 2000: .*00002000-0000-4000-8000-000000000000 in child-9 .*not a JSON object/),
    ]);
    await subscription.close();
    await store.close();
  });

  it('skips and reports such a record in readAll too', async () => {
    const binary = record(2_000, { contentType: 'application/octet-stream', data: new Uint8Array([1]) });
    const { store, reported } = storeWith(record(3_000), () => ({
      messages: [confirmationMessage(), eventMessage(binary), eventMessage(record(3_000))],
      stayOpen: true,
    }));

    expect((await store.readAll({ categories: ['child'] })).map((event) => event.position)).toEqual([3_000]);
    expect(reported).toEqual([expect.stringMatching(/^readAll skipped the record at position 2000/)]);
    await store.close();
  });

  it('ends with an error, not endless retries, when the server does not know the position to resume from', async () => {
    const { store, retried, reads } = storeWith(record(9_000), () => ({ messages: [], error: invalidPositionError() }));
    const iterator = store.subscribe({ fromPosition: 4_321 })[Symbol.asyncIterator]();

    const delivered = iterator.next().then(
      () => 'delivered',
      (error: Error) => error.message,
    );
    const outcome = await Promise.race([delivered, retried]);

    expect(outcome).toMatch(/EventStoreDB has no record at position 4321, so this subscription cannot resume there/);
    expect(reads.filter(({ request }) => request.subscription)).toHaveLength(1);
    await store.close();
  });

  it('refuses a fromPosition that cannot be a position before asking the server', async () => {
    const { store, retried, reads } = storeWith(record(9_000), () => ({ messages: [], stayOpen: true }));

    await expect(nextOrRetry(store.subscribe({ fromPosition: -1 })[Symbol.asyncIterator](), retried)).rejects.toThrow(RangeError);
    await expect(store.readAll({ fromPosition: 1.5 })).rejects.toThrow(RangeError);
    expect(reads).toEqual([]);
    await store.close();
  });
});
