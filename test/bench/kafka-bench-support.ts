import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, Message } from 'kafkajs';
import { streamIdFor, toStoredEvent, type CaseEvent } from '@csc/contracts';
import { openPgliteDatabase, openPostgresDatabase, type EventStore, type EventToAppend, type JsonObject, type SqlDatabase } from '@csc/event-store';
import { PRODUCER_SETTINGS, createKafka, type MessagingLogger } from '@csc/messaging';
import { countyConfig, generateCounty } from '../../apps/cli/src/generate';
import { createLogger } from '@csc/runtime';
import { progress } from './bench-report';
import { appendLikeTheService } from './ingest-bench-support';
import { createScratchDatabase } from './store-bench';

/** Partitions of every topic the benchmark makes: the service's default (KAFKA_TOPIC_PARTITIONS). */
export const PARTITIONS = 6;

/** Errors only, on stderr, so a report piped from stdout stays clean. */
export const benchLogger = (): ReturnType<typeof createLogger> => createLogger('error', process.stderr);

/**
 * The first `count` distinct events of a synthetic county (the project's generator), in the order a case
 * management system sends them. The generator's deliberate resends (an event id seen before) are left out,
 * so every event is recorded once. A county of about count / 20 referrals a year gives enough.
 */
export function generateEvents(count: number): CaseEvent[] {
  for (let referrals = Math.max(100, Math.ceil(count / 20)); ; referrals *= 2) {
    const config = countyConfig('county', { referralsPerYear: referrals, workers: Math.max(10, Math.round(referrals / 20.7)), years: 1, seed: 2026 });
    const seen = new Set<string>();
    const events: CaseEvent[] = [];
    for (const event of generateCounty(config)) {
      if (seen.has(event.eventId)) continue;
      seen.add(event.eventId);
      events.push(event);
      if (events.length === count) return events;
    }
  }
}

/** The message key the README recommends for csc.cms-events.v1: the child id (the worker id for worker events). */
export const keyOf = (event: CaseEvent): string => event.childId ?? event.workerId!;

/** A fixed partition per key (FNV-1a), so the benchmark knows which events each partition carries. */
export function partitionOf(key: string, partitions = PARTITIONS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % partitions;
}

/** A database of its own: a scratch PostgreSQL database next to `databaseUrl`, else PGlite in memory. */
export interface Scratch {
  backend: 'postgres' | 'pglite';
  database: SqlDatabase;
  url?: string;
  /** Drops the PostgreSQL database (close `database` first). */
  drop(): Promise<void>;
}

export const POSTGRES_POOL_SIZE = 10;

export async function openScratch(databaseUrl: string | undefined): Promise<Scratch> {
  if (!databaseUrl) return { backend: 'pglite', database: await openPgliteDatabase({ dataDir: 'memory' }), drop: async () => undefined };
  const scratch = await createScratchDatabase(databaseUrl, 'csc_bench_kafka');
  const database = openPostgresDatabase({ connectionString: scratch.url, poolSize: POSTGRES_POOL_SIZE, applicationName: 'csc-bench-kafka' });
  return { backend: 'postgres', database, url: scratch.url, drop: scratch.drop };
}

function toAppend(event: CaseEvent): EventToAppend {
  const stored = toStoredEvent(event, { channel: 'import' });
  return { ...stored, data: stored.data as JsonObject, metadata: stored.metadata as JsonObject };
}

/** One chunk of envelopes appended as the ingest command appends them (appendLikeTheService), keeping each stream's revision. */
export async function appendByStream(store: EventStore, events: readonly CaseEvent[], revisions: Map<string, number>): Promise<void> {
  const streams = new Map<string, EventToAppend[]>();
  for (const event of events) {
    const streamId = streamIdFor(event);
    const pending = streams.get(streamId);
    if (pending) pending.push(toAppend(event));
    else streams.set(streamId, [toAppend(event)]);
  }
  const results = await appendLikeTheService(
    store,
    [...streams].map(([streamId, batch]) => ({
      streamId,
      worker: streamId.startsWith('worker-'),
      events: batch,
      expectedRevision: revisions.get(streamId) ?? ('no-stream' as const),
    })),
  );
  for (const [streamId, result] of results) revisions.set(streamId, result.nextExpectedRevision);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export const secondsSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export const rate = (value: number): string => Math.round(value).toLocaleString('en-GB');

/**
 * Everything this run makes on the broker, under one prefix unique to the run: topics are made fresh per sample
 * and deleted, with the consumer groups, by `cleanUp`.
 */
export class KafkaRun {
  readonly prefix = `csc-bench-${randomUUID()}.`;
  private readonly groups: string[] = [];
  private admin: Admin | undefined;

  constructor(
    readonly brokers: string,
    private readonly logger: MessagingLogger,
  ) {}

  /** A fresh kafkajs client with the service's settings (createKafka). */
  client(): Kafka {
    return createKafka(
      { brokers: this.brokers.split(',').map((broker) => broker.trim()), clientId: 'csc-bench', partitions: PARTITIONS, replicationFactor: 1 },
      this.logger,
    );
  }

  async createTopic(name: string): Promise<string> {
    const admin = await this.connectedAdmin();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: name, numPartitions: PARTITIONS, replicationFactor: 1 }] });
    return name;
  }

  /** Sends messages (not timed) with the service's producer settings, in batches of 1,000. */
  async produce(topic: string, messages: readonly Message[]): Promise<void> {
    const producer = this.client().producer(PRODUCER_SETTINGS);
    await producer.connect();
    try {
      for (const batch of chunk(messages, 1_000)) await producer.send({ topic, acks: -1, messages: batch });
    } finally {
      await producer.disconnect();
    }
  }

  /** Messages on a topic so far (the sum of its partitions' high watermarks). */
  async messagesOn(topic: string): Promise<number> {
    const offsets = await (await this.connectedAdmin()).fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  }

  group(name: string): string {
    this.groups.push(name);
    return name;
  }

  async cleanUp(): Promise<void> {
    try {
      const admin = await this.connectedAdmin();
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(this.prefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
      if (this.groups.length > 0) await admin.deleteGroups(this.groups);
      progress(`kafka: deleted ${topics.length} topics and ${this.groups.length} consumer groups under ${this.prefix}`);
    } catch (error) {
      progress(`kafka: could not delete everything under ${this.prefix}: ${(error as Error).message}`);
    } finally {
      await this.admin?.disconnect().catch(() => undefined);
    }
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.client().admin();
      await this.admin.connect();
    }
    return this.admin;
  }
}
