import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { EventStoreUnavailable } from '../errors';
import { openEsdbEventStore } from './open-esdb-event-store';
import type { EsdbEventStore } from './esdb-event-store';

/** A local port with nothing listening on it: the real client, and a connection that is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('EventStoreDB store when the server cannot be reached', () => {
  let store: EsdbEventStore;
  const recoverable: string[] = [];

  beforeAll(async () => {
    store = await openEsdbEventStore({
      connectionString: `esdb://127.0.0.1:${await closedPort()}?tls=false`,
      onRecoverableError: (_, context) => recoverable.push(context),
    });
  });
  afterAll(() => store.close());

  it('raises EventStoreUnavailable from appends and reads', async () => {
    const append = store.appendToStream('child-1', [{ eventId: randomUUID(), type: 'A', data: {} }], { expectedRevision: 'any' });
    await expect(append).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.readStream('child-1')).rejects.toThrow(/EventStoreDB is unreachable.*EVENTSTORE_CONNECTION_STRING/s);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailable);
  });

  it('raises EventStoreUnavailable from a multi-stream append, rather than blaming each stream', async () => {
    const appends = ['child-1', 'child-2'].map((streamId) => ({
      streamId,
      events: [{ eventId: randomUUID(), type: 'A', data: {} }],
      expectedRevision: 'any' as const,
    }));
    await expect(store.appendToStreams(appends)).rejects.toBeInstanceOf(EventStoreUnavailable);
  });

  it('reports itself unhealthy', async () => {
    expect(await store.health()).toMatchObject({ kind: 'esdb', ok: false });
  });

  it('keeps a subscription trying, reports why, and ends it cleanly when closed', async () => {
    const subscription = store.subscribe({ categories: ['child'] });
    const iterator = subscription[Symbol.asyncIterator]();
    const pending = iterator.next();
    while (recoverable.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await subscription.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(recoverable[0]).toMatch(/resuming after position 0/);
  });

  it('refuses a connection string it cannot use', async () => {
    await expect(openEsdbEventStore({ connectionString: 'http://localhost:2113' })).rejects.toThrow(/must start with esdb:\/\//);
    await expect(openEsdbEventStore({ connectionString: 'esdb://user:secret@' })).rejects.toThrow(/not a valid EventStoreDB connection string/);
    await expect(openEsdbEventStore({ connectionString: 'esdb://user:secret@' })).rejects.not.toThrow(/secret/);
  });
});
