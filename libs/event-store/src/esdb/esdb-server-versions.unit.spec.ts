import { EsdbEventStore } from './esdb-event-store';
import { NO_POSITION, eventMessage, streamNotFoundMessage, type StoredRecord } from './test/server-messages';
import { scriptedClient } from './test/scripted-client';

const record = (overrides: Partial<StoredRecord> = {}): StoredRecord => ({
  streamId: 'child-42',
  eventId: '6f1c2f0e-7d1a-4a53-9a1b-2b7c9f0e1d3a',
  revision: 0,
  type: 'AssessmentStarted',
  data: { childId: '42' },
  metadata: { previousHash: '0'.repeat(64), hash: 'h' },
  commit: '4096',
  ...overrides,
});

describe('EventStoreDB positions as each server version reports them', () => {
  it('reads a stream from a server of 22.6 or later, whose records carry their own log position', async () => {
    const { client } = scriptedClient({ read: () => ({ messages: [eventMessage(record({ commit: '4096' }), 'no-position')] }) });
    const store = new EsdbEventStore({ client });

    const [event] = await store.readStream('child-42');

    expect(event).toMatchObject({ eventId: '6f1c2f0e-7d1a-4a53-9a1b-2b7c9f0e1d3a', revision: 0, position: 4096 });
    await store.close();
  });

  it('refuses a stream read from a server before 22.6 (record position 2^64-1, no envelope position) and names the versions it supports', async () => {
    const { client } = scriptedClient({ read: () => ({ messages: [eventMessage(record({ commit: NO_POSITION }), 'no-position')] }) });
    const store = new EsdbEventStore({ client });

    const read = store.readStream('child-42');

    await expect(read).rejects.toThrow(/did not report the log position of event 6f1c2f0e-.* in child-42 at revision 0/);
    await expect(read).rejects.toThrow(/EventStoreDB 23\.10 or later/);
    await store.close();
  });

  it('takes the envelope position of a $all record that reports none of its own', async () => {
    const { client } = scriptedClient({
      read: (request) => (request.backwards ? { messages: [eventMessage(record({ commit: NO_POSITION }), '8192')] } : { messages: [] }),
    });
    const store = new EsdbEventStore({ client });

    expect(await store.headPosition()).toBe(8192);
    await store.close();
  });

  it('still reads an unknown stream as empty', async () => {
    const { client } = scriptedClient({ read: (request) => ({ messages: [streamNotFoundMessage(request.streamId!)] }) });
    const store = new EsdbEventStore({ client });

    expect(await store.readStream('child-43')).toEqual([]);
    await store.close();
  });
});
