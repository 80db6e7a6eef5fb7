import { InvalidAppend, StreamNotWritable } from '../errors';
import type { StreamAppend } from '../event-store';
import { EsdbEventStore } from './esdb-event-store';
import {
  accessDenied,
  accessDeniedError,
  appendSuccess,
  maxAppendSizeExceeded,
  streamDeleted,
  streamDeletedError,
  type StoredRecord,
} from './test/server-messages';
import { answerStreamReads, scriptedClient, storedFrom } from './test/scripted-client';

const appendTo = (streamId: string, index: number): StreamAppend => ({
  streamId,
  events: [{ eventId: `${String(index).padStart(8, '0')}-0000-4000-8000-000000000001`, type: 'ChildReferred', data: { streamId } }],
  expectedRevision: 'no-stream',
});

/**
 * Each stream's append meets the refusal Streams.BatchAppend sends for it: the server's
 * MaxAppendSize (1 MiB by default), a tombstoned stream, or an ACL that refuses the credentials.
 */
function storeRefusing(refusals: Record<string, () => ReturnType<typeof appendSuccess>>, tombstoned: string[] = []) {
  const streams = new Map<string, StoredRecord[]>();
  const reads = answerStreamReads(streams);
  const { client } = scriptedClient({
    read: (request) => (tombstoned.includes(request.streamId!) ? { messages: [], error: streamDeletedError(request.streamId!) } : reads(request)),
    append: (append) => {
      const refuse = refusals[append.streamId];
      if (refuse) return refuse();
      const commit = 1_000 * (streams.size + 1);
      streams.set(append.streamId, [storedFrom(append.streamId, 0, commit, append.events[0])]);
      return appendSuccess(0, commit);
    },
  });
  return new EsdbEventStore({ client });
}

describe('EventStoreDB refusals: of one stream in an append, and of the log to a reader', () => {
  it('reports each refusal for its own stream and appends the streams after it', async () => {
    const store = storeRefusing({
      'child-2': () => maxAppendSizeExceeded(1_048_576),
      'child-3': () => streamDeleted('child-3'),
      'child-4': () => accessDenied(),
    });

    const outcomes = await store.appendToStreams(['child-1', 'child-2', 'child-3', 'child-4', 'child-5'].map(appendTo));

    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, false, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { constructor: InvalidAppend, code: 'INVALID_APPEND', field: 'events' } });
    expect((outcomes[1] as { error: Error }).error.message).toMatch(/child-2 are more than EventStoreDB accepts in one append \(1048576 bytes/);
    expect(outcomes[2]).toMatchObject({
      ok: false,
      error: { constructor: StreamNotWritable, code: 'STREAM_NOT_WRITABLE', streamId: 'child-3', reason: 'deleted' },
    });
    expect(outcomes[3]).toMatchObject({ ok: false, error: { constructor: StreamNotWritable, streamId: 'child-4', reason: 'access-denied' } });
    expect(outcomes[4]).toMatchObject({ ok: true, result: { nextExpectedRevision: 0 } });
    await store.close();
  });

  it('reports a stream whose tail read finds it tombstoned (the read fails with StreamDeleted) without appending to it', async () => {
    const store = storeRefusing({}, ['child-6']);

    const outcomes = await store.appendToStreams(['child-6', 'child-7'].map(appendTo));

    expect(outcomes[0]).toMatchObject({ ok: false, error: { constructor: StreamNotWritable, streamId: 'child-6', reason: 'deleted' } });
    expect(outcomes[1].ok).toBe(true);
    await expect(store.readStream('child-6')).rejects.toBeInstanceOf(StreamNotWritable);
    await store.close();
  });

  it('raises the same port errors from a single-stream append', async () => {
    const store = storeRefusing({ 'child-2': () => maxAppendSizeExceeded(1_048_576), 'child-3': () => streamDeleted('child-3') });
    const { streamId, events, expectedRevision } = appendTo('child-2', 1);

    await expect(store.appendToStream(streamId, events, { expectedRevision })).rejects.toBeInstanceOf(InvalidAppend);
    await expect(store.appendToStream('child-3', appendTo('child-3', 2).events, { expectedRevision })).rejects.toThrow(/deleted \(tombstoned\)/);
    await store.close();
  });

  it('says which rights reading the log needs when the server refuses a read of $all', async () => {
    const { client } = scriptedClient({ read: () => ({ messages: [], error: accessDeniedError() }) });
    const store = new EsdbEventStore({ client });

    await expect(store.readAll()).rejects.toThrow(/denied access.*only members of \$admins may read \$all/);
    await store.close();
  });
});
