import { randomBytes, randomUUID } from 'node:crypto';
import { openSqlEventStore, type EventStore, type SqlDatabase } from '@csc/event-store';
import { toCaseEventMessage } from '@csc/messaging';
import { describeForEachDatabase } from '@csc/test-support';
import { caseEventFactory } from '../../domain/testing';
import { messageSchemaViolations } from '../../../test/support/message-schemas';
import { toStoredEvent } from '@csc/contracts';
import { ChildKeyStore } from './child-keys';
import { EncryptingEventStore } from './encrypting-event-store';
import { RecordRetention, RetentionError } from './record-retention';
import { DEFAULT_RETENTION_SCHEDULE } from './schedule/retention-schedule';

describeForEachDatabase('destroying one record, and what the Kafka topic is sent', (openDatabase) => {
  let database: SqlDatabase;
  let stored: EventStore;
  let store: EncryptingEventStore;
  let retention: RecordRetention;

  beforeAll(async () => {
    database = await openDatabase();
    stored = (await openSqlEventStore(database)).store;
    store = new EncryptingEventStore(stored, await ChildKeyStore.open({ pool: database.pool, masterKey: randomBytes(32) }));
    retention = new RecordRetention({ store, keys: store.keys, schedule: DEFAULT_RETENTION_SCHEDULE, now: () => new Date('2026-12-01T10:00:00Z') });
  });
  afterAll(async () => {
    await stored?.close();
    await database?.close();
  });

  const recordChild = async (): Promise<string> => {
    const childId = `RR-${randomUUID().slice(0, 8)}`;
    const c = caseEventFactory(childId);
    const events = [c.childDetails('2010-01-01', { dateOfBirth: '2004-04-04' }), c.referral('2010-01-04', 'R1')];
    await store.appendToStream(
      `child-${childId}`,
      events.map((event) => toStoredEvent(event, { channel: 'import' }) as never),
      { expectedRevision: 'no-stream' },
    );
    return childId;
  };

  it('never destroys a held record, destroys it once released, and says so when asked again', async () => {
    const childId = await recordChild();
    await retention.placeHold(childId, 'Inquiry moratorium', 'dpo');
    await expect(retention.placeHold(childId, 'again', 'dpo')).rejects.toMatchObject({ code: 'HOLD_ALREADY_PLACED', field: 'childId' });
    expect(await retention.destroyRecord(childId, { reason: 'purge-requested', requestedBy: 'csc-api', asOf: '2026-12-01' }, 'import')).toMatchObject({
      status: 'held',
      hold: { reason: 'Inquiry moratorium', placedBy: 'dpo' },
    });
    expect((await store.readStream(`child-${childId}`))[0].data).toMatchObject({ dateOfBirth: '2004-04-04' });

    await retention.releaseHold(childId, 'Inquiry closed', 'dpo');
    await expect(retention.releaseHold(childId, 'again', 'dpo')).rejects.toBeInstanceOf(RetentionError);
    expect(await retention.destroyRecord(childId, { reason: 'purge-requested', requestedBy: 'csc-api', asOf: '2026-12-01' }, 'import')).toMatchObject({
      status: 'destroyed',
    });
    expect(await retention.destroyRecord(childId, { reason: 'purge-requested', asOf: '2026-12-01' }, 'import')).toEqual({
      childId,
      status: 'already-destroyed',
    });
    await expect(retention.placeHold(childId, 'too late', 'dpo')).rejects.toMatchObject({ code: 'RECORD_DESTROYED' });
    expect((await store.readStream(`child-${childId}`))[0].data).not.toHaveProperty('dateOfBirth');
  });

  it('sends Kafka case facts only, and a ChildRecordDestroyed that follows the published schema and names no personal field', async () => {
    const childId = await recordChild();
    await retention.destroyRecord(childId, { reason: 'purge-requested', requestedBy: 'csc-api', asOf: '2026-12-01' }, 'import');
    const messages = [...(await stored.readStream(`child-${childId}`)), ...(await stored.readStream(`retention-${childId}`))].map(toCaseEventMessage);
    for (const message of messages) {
      expect(message.key).toBe(childId);
      expect(messageSchemaViolations('case-event-message.v1', JSON.parse(message.value))).toEqual([]);
      expect(message.value).not.toContain('2004-04-04');
    }
    expect(JSON.parse(messages[2].value)).toMatchObject({
      type: 'ChildRecordDestroyed',
      streamId: `retention-${childId}`,
      data: { childId, reason: 'purge-requested', requestedBy: 'csc-api', asOf: '2026-12-01' },
      metadata: { recordedBy: 'import' },
    });
  });
});
