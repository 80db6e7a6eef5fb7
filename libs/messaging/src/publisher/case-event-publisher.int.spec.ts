import { randomUUID } from 'node:crypto';
import { migrateSchema, openPgliteDatabase, openSqlEventStore, type EventStore, type SqlDatabase } from '@csc/event-store';
import { CHECKPOINT_MIGRATIONS } from '@csc/projections';
import { describeWith } from '@csc/test-support';
import { DedicatedBroker, createTopic, readTopicUntil, testKafka, type ConsumedMessage } from '../../../../test/support/kafka';
import { messageSchemaViolations } from '../../../../test/support/message-schemas';
import { createKafka, type MessagingLogger } from '../kafka-client';
import { CASE_EVENT_HEADERS, type CaseEventMessage } from '../case-event-message';
import { CaseEventPublisher } from './case-event-publisher';

const quiet: MessagingLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function openStore(): Promise<{ database: SqlDatabase; store: EventStore }> {
  const database = await openPgliteDatabase({ dataDir: 'memory' });
  await migrateSchema(database.pool, 'projections', CHECKPOINT_MIGRATIONS);
  const { store } = await openSqlEventStore(database, { pollIntervalMs: 20 });
  return { database, store };
}

async function appendVisits(store: EventStore, children: string[], perChild: number): Promise<number> {
  let position = 0;
  for (let round = 0; round < perChild; round++) {
    for (const child of children) {
      const result = await store.appendToStream(
        `child-${child}`,
        [
          {
            eventId: randomUUID(),
            type: 'StatutoryVisitMade',
            data: { visitId: `V${round}`, seen: true, seenAlone: false },
            metadata: { schemaVersion: 1, childId: child, occurredAt: '2024-03-04', source: { system: 'lcs' } },
          },
        ],
        { expectedRevision: 'any' },
      );
      position = result.position;
    }
  }
  return position;
}

/** Waits for a condition to hold, checking between other work; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = process.hrtime.bigint() + BigInt(timeoutMs) * 1_000_000n;
  while (!condition()) {
    if (process.hrtime.bigint() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function byChild(messages: ConsumedMessage[]): Map<string, CaseEventMessage[]> {
  const grouped = new Map<string, CaseEventMessage[]>();
  for (const message of messages) {
    const value = JSON.parse(message.value!) as CaseEventMessage;
    grouped.set(message.key!, [...(grouped.get(message.key!) ?? []), value]);
  }
  return grouped;
}

describeWith('kafka', 'CaseEventPublisher against a real Kafka broker', ({ value: brokers }) => {
  let database: SqlDatabase;
  let store: EventStore;

  beforeEach(async () => {
    ({ database, store } = await openStore());
  });
  afterEach(async () => {
    await store.close();
    await database.close();
  });

  it('publishes every recorded event once, keyed by child, in order per child, with messages that match the published schema', async () => {
    const topic = `csc.test.case-events.${randomUUID()}`;
    const kafka = testKafka(brokers);
    await createTopic(kafka, topic);
    const children = ['C1', 'C2', 'C3', 'C4'];
    const last = await appendVisits(store, children, 5);
    const publisher = new CaseEventPublisher({
      store,
      db: database.pool,
      kafka: createKafka({ brokers: brokers.split(','), clientId: 'test', partitions: 3, replicationFactor: 1 }, quiet),
      topic,
      logger: quiet,
      batchSize: 7,
    });
    publisher.start();
    expect(await publisher.waitForPosition(last, 60_000)).toBe(true);
    await publisher.stop();

    const messages = await readTopicUntil(kafka, topic, (read) => read.length >= 20);
    expect(messages).toHaveLength(20);
    const grouped = byChild(messages);
    for (const child of children) {
      expect(grouped.get(child)!.map((message) => message.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(new Set(messages.filter((message) => message.key === child).map((message) => message.partition)).size).toBe(1);
    }
    for (const message of messages) expect(messageSchemaViolations('case-event-message.v1', JSON.parse(message.value!))).toEqual([]);
    const first = grouped.get('C1')![0];
    expect(first).toMatchObject({
      type: 'StatutoryVisitMade',
      schemaVersion: 1,
      streamId: 'child-C1',
      childId: 'C1',
      occurredAt: '2024-03-04',
      data: { visitId: 'V0' },
    });
    expect(first.metadata.hash).toEqual(expect.stringMatching(/^[0-9a-f]{64}$/));
    const headers = messages.find((message) => JSON.parse(message.value!).eventId === first.eventId)!.headers;
    expect(headers[CASE_EVENT_HEADERS.eventId]).toBe(first.eventId);
    expect(headers[CASE_EVENT_HEADERS.type]).toBe('StatutoryVisitMade');
  });

  it('continues from its checkpoint after a restart, republishing nothing it had delivered', async () => {
    const topic = `csc.test.case-events.${randomUUID()}`;
    const kafka = testKafka(brokers);
    await createTopic(kafka, topic);
    const settings = { brokers: brokers.split(','), clientId: 'test', partitions: 3, replicationFactor: 1 };
    const first = await appendVisits(store, ['C1'], 4);
    const before = new CaseEventPublisher({ store, db: database.pool, kafka: createKafka(settings, quiet), topic, logger: quiet });
    before.start();
    await before.waitForPosition(first, 60_000);
    await before.stop();
    const second = await appendVisits(store, ['C1'], 3);
    const after = new CaseEventPublisher({ store, db: database.pool, kafka: createKafka(settings, quiet), topic, logger: quiet });
    after.start();
    await after.waitForPosition(second, 60_000);
    await after.stop();

    const messages = await readTopicUntil(kafka, topic, (read) => read.length >= 7);
    expect(
      byChild(messages)
        .get('C1')!
        .map((message) => message.revision),
    ).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(after.status().published).toBe(3);
  });
});

describeWith('kafka', 'CaseEventPublisher when Kafka goes away', () => {
  const broker = new DedicatedBroker();
  let database: SqlDatabase;
  let store: EventStore;

  beforeAll(async () => {
    await broker.start();
    ({ database, store } = await openStore());
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await database?.close();
    await broker.remove();
  }, 60_000);

  it('waits while the broker is stopped, then delivers everything recorded meanwhile, losing nothing', async () => {
    const topic = `csc.test.case-events.${randomUUID()}`;
    const kafka = testKafka(broker.brokers);
    await createTopic(kafka, topic);
    const publisher = new CaseEventPublisher({
      store,
      db: database.pool,
      kafka: createKafka({ brokers: [broker.brokers], clientId: 'test', partitions: 3, replicationFactor: 1 }, quiet),
      topic,
      logger: quiet,
      retryDelayMs: 200,
    });
    publisher.start();
    const beforeOutage = await appendVisits(store, ['C1', 'C2'], 3);
    expect(await publisher.waitForPosition(beforeOutage, 60_000)).toBe(true);

    await broker.stop();
    const duringOutage = await appendVisits(store, ['C1', 'C2'], 3);
    try {
      await until(() => publisher.status().state === 'retrying', 60_000);
      expect(publisher.status().position).toBeLessThan(duringOutage);

      await broker.start();
      expect(await publisher.waitForPosition(duringOutage, 90_000)).toBe(true);
    } finally {
      await publisher.stop();
    }

    const messages = await readTopicUntil(testKafka(broker.brokers), topic, (read) => new Set(read.map((m) => JSON.parse(m.value!).eventId)).size >= 12);
    const grouped = byChild(messages);
    for (const child of ['C1', 'C2']) {
      const revisions = [...new Set(grouped.get(child)!.map((message) => message.revision))];
      expect(revisions).toEqual([0, 1, 2, 3, 4, 5]);
    }
  }, 240_000);
});
