import { EventIdReused } from '../errors';
import { GENESIS_HASH, chainEvents, verifyChain } from '../integrity';
import type { EventToAppend } from '../event-store';
import { EsdbEventStore } from './esdb-event-store';
import { appendSuccess, type StoredRecord } from './test/server-messages';
import { answerStreamReads, scriptedClient, storedFrom, type ScriptedAppend } from './test/scripted-client';

const STREAM = 'child-7';
const first: EventToAppend = { eventId: '0b6f3c1e-58a1-4c55-8d0e-6f1a2b3c4d5e', type: 'ChildReferred', data: { childId: '7' } };
const reused = '9d2e4f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const theirs: EventToAppend = { eventId: reused, type: 'AssessmentStarted', data: { childId: '7', startedOn: '2026-11-02' } };
const ours: EventToAppend = { eventId: reused, type: 'AssessmentStarted', data: { childId: '7', startedOn: '2026-11-03' } };
const next: EventToAppend = { eventId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', type: 'AssessmentAuthorised', data: { childId: '7' } };

/** A record stored by a writer that chained `event` after `previousHash` at `revision`, as this store does. */
function chained(event: EventToAppend, revision: number, previousHash: string, commit: number): StoredRecord {
  // EventStoreDB sets its own record time, so its chain is version 1 (the record time is not in the hash).
  const [metadata] = chainEvents(STREAM, { revision: revision - 1, hash: previousHash }, [event], new Date(0), 1).metadata;
  return { streamId: STREAM, eventId: event.eventId, revision, type: event.type, data: event.data, metadata, commit: String(commit) };
}

/**
 * child-7 holds `first`; this process reads it, so its head (revision 0) is cached. Another process
 * then stores `stored` at revision 1. EventStoreDB treats an append at revision 0 whose ids are the
 * events at revision 1 as idempotent and answers success with revision 1 and their position
 * (Streams.BatchAppend, CommitDecision.Idempotent), whatever their content.
 */
async function afterAnotherWriterStored(stored: EventToAppend) {
  const records = [chained(first, 0, GENESIS_HASH, 1_000)];
  const streams = new Map([[STREAM, records]]);
  const appended: ScriptedAppend[] = [];
  const { client } = scriptedClient({
    read: answerStreamReads(streams),
    append: (append) => {
      appended.push(append);
      if (append.expected === 0n && append.events[0].eventId === reused) return appendSuccess(1, 2_000);
      append.events.forEach((event, index) => records.push(storedFrom(STREAM, records.length, 3_000 + index, event)));
      return appendSuccess(records.length - 1, 3_000 + append.events.length - 1);
    },
  });
  const store = new EsdbEventStore({ client });
  await store.readStream(STREAM);
  records.push(chained(stored, 1, (records[0].metadata as { hash: string }).hash, 2_000));
  return { store, records, appended };
}

describe('EventStoreDB append from a cached head that another writer has moved past', () => {
  it('refuses an event id stored there with other content, instead of reporting success', async () => {
    const { store } = await afterAnotherWriterStored(theirs);

    await expect(store.appendToStream(STREAM, [ours], { expectedRevision: 0 })).rejects.toBeInstanceOf(EventIdReused);
    await store.close();
  });

  it('chains its next append to the stored event, so the stream stays one unbroken hash chain', async () => {
    const { store, records, appended } = await afterAnotherWriterStored(theirs);
    await store.appendToStream(STREAM, [ours], { expectedRevision: 0 }).catch(() => undefined);

    await store.appendToStream(STREAM, [next], { expectedRevision: 1 });

    const [{ metadata }] = appended.at(-1)!.events;
    expect(metadata).toMatchObject({ previousHash: (records[1].metadata as { hash: string }).hash });
    const chain = verifyChain(
      records.map((record) => ({ ...record, data: record.data as never, metadata: record.metadata as never, recordedAt: new Date(0) })),
    );
    expect(chain).toEqual({ checked: 3, lastHash: expect.any(String) });
    await store.close();
  });

  it('returns the stored result when the other writer stored these very events (a retry from another process)', async () => {
    const { store } = await afterAnotherWriterStored(ours);

    expect(await store.appendToStream(STREAM, [ours], { expectedRevision: 0 })).toEqual({ nextExpectedRevision: 1, position: 2_000 });
    await store.close();
  });
});
