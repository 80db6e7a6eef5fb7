import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  openPgliteDatabase,
  openPostgresDatabase,
  openSqlEventStore,
  type EventStore,
  type EventToAppend,
  type PoolLike,
  type SqlDatabase,
} from '@csc/event-store';
import { progress, type Figure } from './bench-report';
import type { BenchEvent } from './bench-events';

export interface StoreBenchOptions {
  /** Where the PostgreSQL benchmark may create (and drop) its own database; omit to skip PostgreSQL. */
  databaseUrl?: string;
  samples: number;
  /** The events to append, in order; each writer takes its share. */
  events: (count: number) => BenchEvent[];
  /** Scale every event count (1 = the default sizes). */
  scale: number;
  /** Peers to compare against on the same database, run with the same events and concurrency. */
  peers?: StorePeer[];
}

/** Another event store measured beside ours (e.g. Emmett), appending the same events. */
export interface StorePeer {
  name: string;
  open(
    connectionString: string,
  ): Promise<{ append(streamId: string, events: BenchEvent[], expectedRevision: number | 'no-stream'): Promise<void>; close(): Promise<void> }>;
}

const SUITE = 'store: appends and reads';

/**
 * Connections per store. Ours and the peer's pools are open together, and PostgreSQL allows 100 connections by
 * default: 40 each leaves room for other clients. With 50 writers, ten wait for a connection in both stores alike.
 */
export const BENCH_POOL_SIZE = 40;

export async function runStoreBench(options: StoreBenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  figures.push(...(await benchBackend('pglite', options, async () => openPgliteDatabase({ dataDir: 'memory' }))));
  if (options.databaseUrl) {
    const { url, drop } = await createScratchDatabase(options.databaseUrl, 'csc_bench_store');
    try {
      figures.push(
        ...(await benchBackend('postgres', { ...options, scratchUrl: url }, async () =>
          openPostgresDatabase({ connectionString: url, poolSize: BENCH_POOL_SIZE }),
        )),
      );
    } finally {
      await drop();
    }
  } else {
    progress('PostgreSQL skipped: set DATABASE_URL to a server where the benchmark may create a database');
  }
  return figures;
}

async function benchBackend(backend: string, options: StoreBenchOptions & { scratchUrl?: string }, open: () => Promise<SqlDatabase>): Promise<Figure[]> {
  progress(`${backend}: opening`);
  const database = await open();
  const { store } = await openSqlEventStore(database);
  await createPlainTable(database.pool);
  const peers =
    backend === 'postgres' && options.scratchUrl
      ? await Promise.all((options.peers ?? []).map(async (peer) => ({ name: peer.name, store: await peer.open(options.scratchUrl!) })))
      : [];
  const figures: Figure[] = [];
  const n = (count: number): number => Math.max(10, Math.round(count * options.scale));
  try {
    for (const writers of [1, 10, 50]) {
      const count = n(writers === 1 ? 2_000 : writers === 10 ? 5_000 : 10_000);
      const measure = `single-event appends, ${writers} writer${writers > 1 ? 's' : ''}`;
      const ours = await sample(options.samples, () => appendSingles(store, options.events(count), writers));
      const plain = await sample(options.samples, () => insertSingles(database.pool, options.events(count), writers));
      figures.push(figure(backend, measure, ours, PLAIN_SINGLES, plain, count));
      for (const peer of peers) {
        const theirs = await sample(options.samples, () => peerSingles(peer.store, options.events(count), writers));
        figures.push(...peerFigures(peer.name, measure, theirs, ours, PLAIN_SINGLES, plain, count));
      }
    }
    for (const batchSize of [100, 1_000]) {
      const batches = Math.max(2, Math.round((batchSize === 100 ? 50 : 10) * options.scale));
      const measure = `batched appends of ${batchSize}`;
      const plainName = `plain INSERT ... unnest of ${batchSize} rows`;
      const ours = await sample(options.samples, () => appendBatches(store, options.events(batches * batchSize), batchSize));
      const plain = await sample(options.samples, () => insertBatches(database.pool, options.events(batches * batchSize), batchSize));
      figures.push(figure(backend, measure, ours, plainName, plain, batches * batchSize));
      for (const peer of peers) {
        const theirs = await sample(options.samples, () => peerBatches(peer.store, options.events(batches * batchSize), batchSize));
        figures.push(...peerFigures(peer.name, measure, theirs, ours, plainName, plain, batches * batchSize));
      }
    }
    const total = await store.headPosition();
    const ours = await sample(options.samples, () => readEverything(store));
    const plain = await sample(options.samples, () => readPlain(database.pool));
    figures.push(figure(backend, 'readAll in pages of 1,000', ours, 'plain SELECT of every row, one query', plain, undefined, `log head at ${total}`));
  } finally {
    await Promise.all(peers.map((peer) => peer.store.close()));
    await store.close();
    await database.close();
  }
  return figures;
}

const PLAIN_SINGLES = 'plain INSERT, one row per statement';

/**
 * A peer's figure twice: against ours (ratio peer / ours) and against the same plain INSERT ceiling as ours (ratio
 * peer / ceiling), so the table reads ours / ceiling on our row, then the peer / ours and the peer / ceiling below it.
 */
function peerFigures(peer: string, name: string, theirs: number[], ours: number[], plainName: string, plain: number[], events: number): Figure[] {
  return [figure(`postgres (${peer})`, name, theirs, 'ours', ours, events), figure(`postgres (${peer})`, name, theirs, plainName, plain, events)];
}

function figure(backend: string, name: string, ours: number[], baselineName: string, baseline: number[], events?: number, note?: string): Figure {
  const line = `${backend}: ${name}: ${Math.round(median(ours)).toLocaleString('en-GB')} events/s vs ${baselineName} ${Math.round(median(baseline)).toLocaleString('en-GB')}`;
  progress(line);
  return {
    suite: SUITE,
    backend,
    name,
    unit: 'events/s',
    samples: ours,
    baseline: { name: baselineName, samples: baseline },
    note: note ?? (events ? `${events.toLocaleString('en-GB')} events per sample` : undefined),
  };
}

async function sample(times: number, run: () => Promise<number>): Promise<number[]> {
  const rates: number[] = [];
  for (let i = 0; i < times; i++) rates.push(await run());
  return rates;
}

/** Runs `count` operations over `writers` concurrent loops and returns operations per second. */
async function timed(count: number, writers: number, operation: (writer: number, index: number) => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let index = writer; index < count; index += writers) await operation(writer, index);
    }),
  );
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

function appendSingles(store: EventStore, events: BenchEvent[], writers: number): Promise<number> {
  const streams = Array.from({ length: writers }, () => ({ id: `bench-${randomUUID()}`, revision: -1 }));
  return timed(events.length, writers, async (writer, index) => {
    const stream = streams[writer];
    const result = await store.appendToStream(stream.id, [toAppend(events[index])], { expectedRevision: stream.revision < 0 ? 'no-stream' : stream.revision });
    stream.revision = result.nextExpectedRevision;
  });
}

async function appendBatches(store: EventStore, events: BenchEvent[], batchSize: number): Promise<number> {
  const batches = chunk(events, batchSize);
  return (
    (await timed(
      batches.length,
      1,
      async (_, index) => void (await store.appendToStream(`bench-${randomUUID()}`, batches[index].map(toAppend), { expectedRevision: 'no-stream' })),
    )) * batchSize
  );
}

function peerSingles(peer: Awaited<ReturnType<StorePeer['open']>>, events: BenchEvent[], writers: number): Promise<number> {
  const streams = Array.from({ length: writers }, () => ({ id: `bench-${randomUUID()}`, revision: -1 }));
  return timed(events.length, writers, async (writer, index) => {
    const stream = streams[writer];
    await peer.append(stream.id, [events[index]], stream.revision < 0 ? 'no-stream' : stream.revision);
    stream.revision += 1;
  });
}

async function peerBatches(peer: Awaited<ReturnType<StorePeer['open']>>, events: BenchEvent[], batchSize: number): Promise<number> {
  const batches = chunk(events, batchSize);
  return (await timed(batches.length, 1, async (_, index) => peer.append(`bench-${randomUUID()}`, batches[index], 'no-stream'))) * batchSize;
}

async function readEverything(store: EventStore): Promise<number> {
  const started = process.hrtime.bigint();
  let read = 0;
  let position = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount: 1_000 });
    if (page.length === 0) break;
    read += page.length;
    position = page[page.length - 1].position;
  }
  return read / (Number(process.hrtime.bigint() - started) / 1e9);
}

const PLAIN_TABLE = 'bench_plain_events';

/** The same columns as the event store's table, with no key, index, constraint or trigger. */
async function createPlainTable(pool: PoolLike): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${PLAIN_TABLE}`);
  await pool.query(`CREATE TABLE ${PLAIN_TABLE} (
    position bigint, transaction_id xid8 DEFAULT pg_current_xact_id(), stream_id text, category text, revision bigint,
    event_id uuid, event_type text, data jsonb, metadata jsonb, recorded_at timestamptz DEFAULT now())`);
}

let plainPosition = 0;

function insertSingles(pool: PoolLike, events: BenchEvent[], writers: number): Promise<number> {
  return timed(events.length, writers, async (writer, index) => {
    const event = events[index];
    await pool.query(
      `INSERT INTO ${PLAIN_TABLE} (position, stream_id, category, revision, event_id, event_type, data, metadata) VALUES ($1, $2, 'bench', $3, $4, $5, $6, $7)`,
      [++plainPosition, `bench-${writer}`, index, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(plainMetadata(event))],
    );
  });
}

async function insertBatches(pool: PoolLike, events: BenchEvent[], batchSize: number): Promise<number> {
  const batches = chunk(events, batchSize);
  return (
    (await timed(batches.length, 1, async (_, index) => {
      const batch = batches[index];
      const first = plainPosition;
      plainPosition += batch.length;
      await pool.query(
        `INSERT INTO ${PLAIN_TABLE} (position, stream_id, category, revision, event_id, event_type, data, metadata)
         SELECT $1::bigint + e.ord, $2, 'bench', e.ord - 1, e.event_id, e.event_type, e.data, e.metadata
         FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(event_id, event_type, data, metadata, ord)`,
        [
          first,
          `bench-batch-${index}`,
          batch.map((e) => e.eventId),
          batch.map((e) => e.type),
          batch.map((e) => JSON.stringify(e.data)),
          batch.map((e) => JSON.stringify(plainMetadata(e))),
        ],
      );
    })) * batchSize
  );
}

async function readPlain(pool: PoolLike): Promise<number> {
  const started = process.hrtime.bigint();
  const { rows } = await pool.query(
    `SELECT position::text, event_id::text, event_type, stream_id, revision::int, data, metadata, recorded_at FROM ${PLAIN_TABLE}`,
  );
  return rows.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Metadata as the store writes it (the caller's plus two 64-character hashes), so rows are the same size. */
function plainMetadata(event: BenchEvent): Record<string, unknown> {
  return { ...event.metadata, previousHash: 'f'.repeat(64), hash: 'e'.repeat(64) };
}

function toAppend(event: BenchEvent): EventToAppend {
  return { eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Creates a database of its own next to the one in `url`, so the benchmark never touches real data. */
export async function createScratchDatabase(url: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      const dropper = new Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
