import { randomBytes, randomUUID } from 'node:crypto';
import { openSqlEventStore, verifyChain, type EventStore, type EventToAppend, type SqlDatabase } from '@csc/event-store';
import { eventStoreTable, openReadModelDataSource } from '@csc/projections';
import { describeForEachDatabase } from '@csc/test-support';
import { ChildKeyStore } from './child-keys';
import { ChildRecordDestroyedError, EncryptingEventStore, openStoredEventsWith } from './encrypting-event-store';

const details = (childId: string): EventToAppend => ({
  eventId: randomUUID(),
  type: 'ChildDetailsRecorded',
  data: { dateOfBirth: '2011-02-17', gender: 'F', ethnicity: 'WIRI', disabilities: ['HEAR', 'VIS'] },
  metadata: { schemaVersion: 1, childId, occurredAt: '2025-01-06', source: { system: 'lcs', user: 'Jo Bloggs' }, correlationId: 'Family Smith' },
});
const referral = (childId: string): EventToAppend => ({
  eventId: randomUUID(),
  type: 'ReferralReceived',
  data: { referralId: 'REF-1', source: '1A', primaryNeed: 'N1' },
  metadata: { schemaVersion: 1, childId, occurredAt: '2025-01-07T09:00:00Z', source: { system: 'lcs' } },
});
const retraction = (childId: string, retractedEventId: string): EventToAppend => ({
  eventId: randomUUID(),
  type: 'EventRetracted',
  data: { retractedEventId, reason: 'Recorded against the wrong child: her brother Sam' },
  metadata: { schemaVersion: 1, childId, occurredAt: '2025-01-08T09:00:00Z', source: { system: 'lcs' } },
});

const PERSONAL_TEXT = ['2011-02-17', 'WIRI', 'HEAR', 'Jo Bloggs', 'Family Smith', 'her brother Sam'];

describeForEachDatabase('the encrypting event store', (openDatabase) => {
  let database: SqlDatabase;
  let stored: EventStore;
  let keys: ChildKeyStore;
  let store: EncryptingEventStore;
  const masterKey = randomBytes(32);

  beforeAll(async () => {
    database = await openDatabase();
    stored = (await openSqlEventStore(database, { pollIntervalMs: 20 })).store;
    keys = await ChildKeyStore.open({ pool: database.pool, masterKey });
    store = new EncryptingEventStore(stored, keys);
  });
  afterAll(async () => {
    await stored?.close();
    await database?.close();
  });

  const rawRows = async (streamId: string): Promise<string> => {
    const { rows } = await database.pool.query<{ data: unknown; metadata: unknown }>(
      'SELECT data, metadata FROM event_store.events WHERE stream_id = $1 ORDER BY revision',
      [streamId],
    );
    return JSON.stringify(rows);
  };

  it('stores no personal field of a child in clear, and reads back exactly what was appended', async () => {
    const childId = `enc-${randomUUID()}`;
    const events = [details(childId), referral(childId)];
    events.push(retraction(childId, events[1].eventId));
    await store.appendToStream(`child-${childId}`, events, { expectedRevision: 'no-stream' });

    const raw = await rawRows(`child-${childId}`);
    for (const text of PERSONAL_TEXT) expect(raw).not.toContain(text);
    expect(raw).toContain('REF-1');
    const read = await store.readStream(`child-${childId}`);
    expect(read.map(({ eventId, type, data }) => ({ eventId, type, data }))).toEqual(events.map(({ eventId, type, data }) => ({ eventId, type, data })));
    expect(read[0].metadata).toMatchObject(events[0].metadata!);
    expect(read[0].metadata).not.toHaveProperty('personalData');
  });

  it('decrypts the same way through readAll and a subscription', async () => {
    const childId = `enc-${randomUUID()}`;
    const appended = await store.appendToStream(`child-${childId}`, [details(childId)], { expectedRevision: 'no-stream' });
    const page = await store.readAll({ fromPosition: appended.position - 1, maxCount: 1 });
    expect(page[0].data).toMatchObject({ dateOfBirth: '2011-02-17' });
    const subscription = store.subscribe({ fromPosition: appended.position - 1 });
    for await (const message of subscription) {
      if (message.kind !== 'event') continue;
      expect(message.event.data).toMatchObject({ gender: 'F', disabilities: ['HEAR', 'VIS'] });
      break;
    }
    await subscription.close();
  });

  it('recognises a retried append as a retry: the same event seals to the same bytes', async () => {
    const childId = `enc-${randomUUID()}`;
    const events = [details(childId)];
    const first = await store.appendToStream(`child-${childId}`, events, { expectedRevision: 'no-stream' });
    const again = await store.appendToStream(`child-${childId}`, events, { expectedRevision: 'no-stream' });
    const many = await store.appendToStreams([{ streamId: `child-${childId}`, events, expectedRevision: 'no-stream' }]);
    expect(again).toEqual(first);
    expect(many[0]).toEqual({ ok: true, result: first });
  });

  it('after the key is destroyed: markers instead of values, nothing more may be appended, and the chain still verifies', async () => {
    const [gone, kept] = [`enc-${randomUUID()}`, `enc-${randomUUID()}`];
    await store.appendToStreams([
      { streamId: `child-${gone}`, events: [details(gone), referral(gone)], expectedRevision: 'no-stream' },
      { streamId: `child-${kept}`, events: [details(kept)], expectedRevision: 'no-stream' },
    ]);
    const backup = await stored.readStream(`child-${gone}`);

    await keys.inTransaction((client) => keys.destroy(client, gone, 'dpo@example'));
    await keys.vacuum();

    const read = await store.readStream(`child-${gone}`);
    expect(read[0].data).toEqual({ gender: '[destroyed]', ethnicity: '[destroyed]', disabilities: ['[destroyed]'] });
    expect(read[0].metadata).toMatchObject({ personalData: 'destroyed', source: { system: 'lcs', user: '[destroyed]' }, correlationId: '[destroyed]' });
    expect(read[1]).toMatchObject({ data: { referralId: 'REF-1' }, metadata: { personalData: 'destroyed' } });
    expect((await store.readStream(`child-${kept}`))[0].data).toMatchObject({ dateOfBirth: '2011-02-17' });
    await expect(store.appendToStream(`child-${gone}`, [referral(gone)], { expectedRevision: 'any' })).rejects.toBeInstanceOf(ChildRecordDestroyedError);
    const outcomes = await store.appendToStreams([
      { streamId: `child-${gone}`, events: [referral(gone)], expectedRevision: 'any' },
      { streamId: `child-${kept}`, events: [referral(kept)], expectedRevision: 'any' },
    ]);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : (outcome.error as ChildRecordDestroyedError).code))).toEqual(['CHILD_RECORD_DESTROYED', 'ok']);
    expect(verifyChain(await stored.readStream(`child-${gone}`)).firstBreak).toBeUndefined();

    // A copy of the events taken before the destruction (a backup, a topic) reads no better.
    const { rows } = await database.pool.query<{ wrapped_key: Buffer | null }>('SELECT wrapped_key FROM retention.child_keys WHERE child_id = $1', [gone]);
    expect(rows).toEqual([{ wrapped_key: null }]);
    const fromBackup = await new EncryptingEventStore(
      { ...stored, readStream: async () => backup } as unknown as EventStore,
      await ChildKeyStore.open({ pool: database.pool, masterKey }),
    ).readStream(`child-${gone}`);
    expect(JSON.stringify(fromBackup)).not.toContain('2011-02-17');
    expect(fromBackup[0].data.gender).toBe('[destroyed]');
  });

  it('refuses to read with another master key, saying so', async () => {
    const childId = `enc-${randomUUID()}`;
    await store.appendToStream(`child-${childId}`, [details(childId)], { expectedRevision: 'no-stream' });
    const other = new EncryptingEventStore(stored, await ChildKeyStore.open({ pool: database.pool, masterKey: randomBytes(32) }));
    await expect(other.readStream(`child-${childId}`)).rejects.toThrow(/not the master key/);
  });

  it('leaves worker and access streams as they are', async () => {
    const streamId = `worker-${randomUUID()}`;
    const event = { eventId: randomUUID(), type: 'SocialWorkerJoined', data: { teamId: 'T1', role: 'social-worker', fte: 1, agency: false }, metadata: {} };
    await store.appendToStream(streamId, [event], { expectedRevision: 'no-stream' });
    expect(await rawRows(streamId)).toContain('social-worker');
  });
  it("opens a refold's history from the store's table in the read models' transaction, the keys looked up through it", async () => {
    const [live, gone] = [`C-${randomUUID()}`, `C-${randomUUID()}`];
    for (const childId of [live, gone])
      await store.appendToStream(`child-${childId}`, [details(childId), referral(childId)], { expectedRevision: 'no-stream' });
    await keys.inTransaction((client) => keys.destroy(client, gone, 'dpo@example'));
    // Nothing cached: every key is read in the transaction (with PGlite's one connection, the pool would wait on it for ever).
    const uncached = await ChildKeyStore.open({ pool: database.pool, masterKey, cacheMs: 0 });
    const dataSource = await openReadModelDataSource(database);
    try {
      const histories = await dataSource.transaction((manager) =>
        eventStoreTable(openStoredEventsWith(uncached)).read(manager, 'unused', [`child-${live}`, `child-${gone}`]),
      );
      const opened = histories.get(`child-${live}`)!;
      expect(opened.destroyed).toBeUndefined();
      expect(opened.events[0]).toMatchObject({
        data: { dateOfBirth: '2011-02-17', gender: 'F', ethnicity: 'WIRI', disabilities: ['HEAR', 'VIS'] },
        source: { user: 'Jo Bloggs' },
        correlationId: 'Family Smith',
      });
      expect(histories.get(`child-${gone}`)).toMatchObject({ destroyed: true, events: [{ data: { gender: '[destroyed]' } }, { type: 'ReferralReceived' }] });
    } finally {
      await dataSource.destroy();
    }
  });
});
