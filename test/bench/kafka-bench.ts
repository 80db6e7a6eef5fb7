import type { Message } from 'kafkajs';
import type { CaseEvent } from '@csc/contracts';
import { migrateSchema, openSqlEventStore, type EventStore, type RecordedEvent } from '@csc/event-store';
import { CaseEventPublisher, PRODUCER_SETTINGS, toCaseEventMessage, topicNames } from '@csc/messaging';
import { CHECKPOINT_MIGRATIONS } from '@csc/projections';
import { createApplication } from '../../apps/case-tracker/src/application';
import { resolveAuthKeys } from '@csc/auth';
import { loadConfiguration } from '@csc/runtime';
import { progress, type Figure } from './bench-report';
import {
  KafkaRun,
  PARTITIONS,
  POSTGRES_POOL_SIZE,
  appendByStream,
  benchLogger,
  chunk,
  generateEvents,
  keyOf,
  median,
  openScratch,
  partitionOf,
  rate,
  secondsSince,
  type Scratch,
} from './kafka-bench-support';

export interface KafkaBenchOptions {
  /** Where the benchmark may create (and drop) its own PostgreSQL databases; omit to use PGlite in memory. */
  databaseUrl?: string;
  /** Kafka bootstrap servers, e.g. 127.0.0.1:9092; omit to skip the suite. */
  brokers?: string;
  samples: number;
  /** Scales the events per sample (1 = 20,000 published, 5,000 consumed). */
  scale: number;
}

const SUITE = 'kafka: store → topic and topic → store';
/** The publisher's batch (CaseEventPublisher's default), used for the plain producer too. */
const PUBLISH_BATCH = 500;
/** Envelopes per ingest command (CmsEventConsumer's maxEnvelopesPerCommand default). */
const CONSUME_CHUNK = 1_000;
/** How long the benchmark waits without progress before it gives up on a sample. */
const STALL_MS = 60_000;
const SECRET = 'kafka-bench-secret-not-for-production-0123456789';

/**
 * Throughput of the Kafka edges of the service against a real broker: the CaseEventPublisher draining the event
 * store to a fresh topic (beside a plain kafkajs producer sending the same messages: the ceiling), and the
 * CmsEventConsumer of an in-process service recording a topic of envelopes through the ingest command (beside the
 * same events appended straight to the store with the same batching: what the consumer path costs over the store).
 */
export async function runKafkaBench(options: KafkaBenchOptions): Promise<Figure[]> {
  if (!options.brokers) {
    progress(
      'kafka: skipped: no broker. Set KAFKA_BROKERS (e.g. 127.0.0.1:9092), or start one with `npm run --silent kafka -- start` and use the address it prints',
    );
    return [];
  }
  const outbound = Math.max(500, Math.round(20_000 * options.scale));
  const inbound = Math.max(200, Math.round(5_000 * options.scale));
  progress(`kafka: generating ${Math.max(outbound, inbound).toLocaleString('en-GB')} events with the county generator`);
  const events = generateEvents(Math.max(outbound, inbound));
  const run = new KafkaRun(options.brokers, benchLogger());
  if (!options.databaseUrl) progress('kafka: PostgreSQL not used: set DATABASE_URL to measure on a server where the benchmark may create databases');
  try {
    return [...(await benchStoreToTopic(run, options, events.slice(0, outbound))), ...(await benchTopicToStore(run, options, events.slice(0, inbound)))];
  } finally {
    await run.cleanUp();
  }
}

/** The store → topic figure: N events already in the store, published from position 0 to a fresh topic per sample. */
async function benchStoreToTopic(run: KafkaRun, options: KafkaBenchOptions, events: readonly CaseEvent[]): Promise<Figure[]> {
  const scratch = await openScratch(options.databaseUrl);
  progress(`kafka: ${scratch.backend}: appending ${events.length.toLocaleString('en-GB')} events to the store`);
  const { database } = scratch;
  const ours: number[] = [];
  const plain: number[] = [];
  let store: EventStore | undefined;
  try {
    await migrateSchema(database.pool, 'projections', CHECKPOINT_MIGRATIONS);
    store = (await openSqlEventStore(database, { pollIntervalMs: 100 })).store;
    await appendByStream(store, events, new Map());
    const head = await store.headPosition();
    // The plain producer's messages: exactly those the publisher sends, serialised before the clock starts.
    const messages = (await readEverything(store)).map(toCaseEventMessage);
    if (messages.length !== events.length) throw new Error(`the store holds ${messages.length} events, not ${events.length}`);
    for (let sample = 0; sample < options.samples; sample++) {
      ours.push(await timePublisher(run, store, scratch, head, events.length, `${run.prefix}out-${sample}`));
      plain.push(await timePlainProducer(run, messages, `${run.prefix}plain-${sample}`));
      progress(`kafka: ${scratch.backend}: store → topic sample ${sample + 1}: ${rate(ours[sample])} events/s (plain producer ${rate(plain[sample])})`);
    }
  } finally {
    await store?.close();
    await database.close();
    await scratch.drop();
  }
  return [
    figure(
      scratch.backend,
      `store → topic: CaseEventPublisher, batches of ${PUBLISH_BATCH}`,
      ours,
      `plain kafkajs producer, the same messages pre-serialised, batches of ${PUBLISH_BATCH}`,
      plain,
      `${events.length.toLocaleString('en-GB')} events per sample to a fresh topic of ${PARTITIONS} partitions, replication 1; ` +
        `both with PRODUCER_SETTINGS (idempotent, 1 in flight) and acks=-1, timed from producer connect to the last acknowledgement ` +
        `(the publisher's clock also covers reading the log, building messages and advancing its checkpoint)`,
    ),
  ];
}

async function timePublisher(run: KafkaRun, store: EventStore, scratch: Scratch, head: number, count: number, topic: string): Promise<number> {
  await run.createTopic(topic);
  const publisher = new CaseEventPublisher({
    store,
    db: scratch.database.pool,
    kafka: run.client(),
    topic,
    logger: benchLogger(),
    batchSize: PUBLISH_BATCH,
  });
  const started = process.hrtime.bigint();
  publisher.start();
  const reached = await publisher.waitForPosition(head, STALL_MS * 5);
  const seconds = secondsSince(started);
  const status = publisher.status();
  await publisher.stop();
  if (!reached) throw new Error(`the publisher reached position ${status.position} of ${head} (${status.state}: ${status.lastError ?? 'no error'})`);
  if (status.published !== count) throw new Error(`the publisher sent ${status.published} events, not ${count}`);
  return count / seconds;
}

async function timePlainProducer(run: KafkaRun, messages: readonly Message[], topic: string): Promise<number> {
  await run.createTopic(topic);
  const producer = run.client().producer(PRODUCER_SETTINGS);
  const started = process.hrtime.bigint();
  await producer.connect();
  for (const batch of chunk(messages, PUBLISH_BATCH)) await producer.send({ topic, acks: -1, messages: batch });
  const seconds = secondsSince(started);
  await producer.disconnect();
  return messages.length / seconds;
}

async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let position = 0; ;) {
    const page = await store.readAll({ fromPosition: position, maxCount: 1_000 });
    if (page.length === 0) return events;
    events.push(...page);
    position = page[page.length - 1].position;
  }
}

/**
 * The topic → store figure: N envelopes waiting on a fresh csc.cms-events.v1, recorded by the service's own
 * consumer (CSC_ROLES=api,consumer, in this process) into an empty store; beside it, the same events appended
 * straight to another empty store in the consumer's batches.
 */
async function benchTopicToStore(run: KafkaRun, options: KafkaBenchOptions, events: readonly CaseEvent[]): Promise<Figure[]> {
  // Each child (or worker) on one partition, chosen here so the baseline can batch exactly as the consumer does.
  const messages: Message[] = events.map((event) => ({ key: keyOf(event), value: JSON.stringify(event), partition: partitionOf(keyOf(event)) }));
  const byPartition = Array.from({ length: PARTITIONS }, (_, partition) => events.filter((event) => partitionOf(keyOf(event)) === partition));
  const ours: number[] = [];
  const plain: number[] = [];
  let backend = 'pglite';
  for (let sample = 0; sample < options.samples; sample++) {
    const prefix = `${run.prefix}in-${sample}.`;
    const topic = await run.createTopic(topicNames(prefix).cmsEvents);
    await run.produce(topic, messages);
    const waiting = await run.messagesOn(topic);
    if (waiting !== events.length) throw new Error(`${topic} holds ${waiting} messages, not ${events.length}`);
    plain.push(await timeDirectAppends(options, byPartition, events.length));
    const consumed = await timeConsumer(run, options, prefix, events.length);
    backend = consumed.backend;
    ours.push(consumed.rate);
    progress(`kafka: ${backend}: topic → store sample ${sample + 1}: ${rate(ours[sample])} events/s (direct appends ${rate(plain[sample])})`);
  }
  return [
    figure(
      backend,
      'topic → store: CmsEventConsumer through the ingest command',
      ours,
      `appendToStreams of the same events in the same chunks (${CONSUME_CHUNK.toLocaleString('en-GB')} per partition, streams grouped as the ingest command groups them)`,
      plain,
      `${events.length.toLocaleString('en-GB')} generated envelopes per sample on a fresh topic of ${PARTITIONS} partitions (keyed by child), ` +
        `consumed by the service in this process (CSC_ROLES=api,consumer) into an empty store; timed from the first event recorded to the last, ` +
        `so the consumer group's join is left out; the baseline skips Kafka, validation and the case rules`,
    ),
  ];
}

/** The baseline: partition by partition, chunks of CONSUME_CHUNK, each chunk's streams appended as the ingest command appends them. */
async function timeDirectAppends(options: KafkaBenchOptions, byPartition: readonly CaseEvent[][], count: number): Promise<number> {
  const scratch = await openScratch(options.databaseUrl);
  const { store } = await openSqlEventStore(scratch.database, { pollIntervalMs: 100 });
  try {
    const revisions = new Map<string, number>();
    const started = process.hrtime.bigint();
    for (const partition of byPartition) for (const batch of chunk(partition, CONSUME_CHUNK)) await appendByStream(store, batch, revisions);
    const seconds = secondsSince(started);
    const recorded = await store.countEventsAfter!(0, {}, count + 1);
    if (recorded !== count) throw new Error(`the direct appends recorded ${recorded} events, not ${count}`);
    return count / seconds;
  } finally {
    await store.close();
    await scratch.database.close();
    await scratch.drop();
  }
}

async function timeConsumer(run: KafkaRun, options: KafkaBenchOptions, prefix: string, count: number): Promise<{ backend: string; rate: number }> {
  const scratch = await openScratch(options.databaseUrl);
  let closeApp: (() => Promise<void>) | undefined;
  try {
    await migrateSchema(scratch.database.pool, 'projections', CHECKPOINT_MIGRATIONS);
    const { store } = await openSqlEventStore(scratch.database, { pollIntervalMs: 100 });
    const config = loadConfiguration({
      LOG_LEVEL: 'error',
      AUTH_JWT_SECRET: SECRET,
      CSC_ROLES: 'api,consumer',
      KAFKA_BROKERS: run.brokers,
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_CONSUMER_GROUP: run.group(`${prefix}group`),
      KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
      ...(scratch.url ? { DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: String(POSTGRES_POOL_SIZE) } : {}),
    });
    const logger = benchLogger();
    const app = await createApplication({
      config,
      logger,
      storage: { database: scratch.database, eventStore: store },
      authKey: resolveAuthKeys(config).verification,
    });
    // The application closes the store and the database it was given.
    closeApp = () => app.close();
    await app.init();
    const measured = await untilRecorded(store, count, () => run.messagesOn(topicNames(prefix).cmsEventsDeadLetters));
    return { backend: scratch.backend, rate: measured };
  } finally {
    if (closeApp) await closeApp();
    else await scratch.database.close();
    await scratch.drop();
  }
}

/**
 * Polls the store until it holds `count` events; the rate is taken from the first poll that saw any to the one
 * that saw them all. Gives up, naming what the dead-letter topic holds, if nothing moves for STALL_MS.
 */
async function untilRecorded(store: EventStore, count: number, deadLettered: () => Promise<number>): Promise<number> {
  let first: { at: bigint; recorded: number } | undefined;
  let last = { at: process.hrtime.bigint(), recorded: 0 };
  for (;;) {
    const recorded = await store.countEventsAfter!(0, {}, count + 1);
    const at = process.hrtime.bigint();
    if (recorded > 0 && !first) first = { at, recorded };
    if (recorded >= count) {
      if (recorded > count) throw new Error(`the store holds ${recorded} events, more than the ${count} sent`);
      const seconds = Number(at - first!.at) / 1e9;
      // All of them seen at the first look: no interval to measure, so it is taken from the start of the wait.
      return seconds > 0 ? (count - first!.recorded) / seconds : count / (Number(at - last.at) / 1e9);
    }
    if (recorded !== last.recorded) last = { at, recorded };
    else if (Number(at - last.at) / 1e6 > STALL_MS) {
      throw new Error(`the consumer recorded ${recorded} of ${count} events and then nothing for ${STALL_MS / 1000} s; ${await deadLettered()} dead-lettered`);
    }
    await new Promise((resolve) => setTimeout(resolve, first ? 50 : 10));
  }
}

function figure(backend: string, name: string, ours: number[], baselineName: string, baseline: number[], note: string): Figure {
  progress(`kafka: ${backend}: ${name}: ${rate(median(ours))} events/s vs ${baselineName} ${rate(median(baseline))}`);
  return { suite: SUITE, backend, name, unit: 'events/s', samples: ours, baseline: { name: baselineName, samples: baseline }, note };
}
