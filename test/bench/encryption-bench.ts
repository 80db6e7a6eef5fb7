import { randomBytes, randomUUID } from 'node:crypto';
import { openPgliteDatabase, openPostgresDatabase, openSqlEventStore, type EventStore, type SqlDatabase, type StreamAppend } from '@csc/event-store';
import { ChildKeyStore, EncryptingEventStore } from '@csc/retention';
import { progress, summarise, type Figure } from './bench-report';
import { generatedEvents, type BenchEvent } from './bench-events';
import { createScratchDatabase } from './store-bench';

const SUITE = 'encryption: appends and replay with and without per-child encryption';
/** Events per multi-stream append: what one ingest request of 500 envelopes appends. */
const PER_APPEND = 500;

export interface EncryptionBenchOptions {
  databaseUrl?: string;
  samples: number;
  scale: number;
}

/**
 * The cost of encrypting children's personal fields: the same county events appended (multi-stream appends of
 * 500, as ingest does) and replayed (the whole range read in pages of 1,000, keys looked up cold), through the
 * plain store and through the encrypting one, alternating in the same run.
 */
export async function runEncryptionBench(options: EncryptionBenchOptions): Promise<Figure[]> {
  const figures = await benchBackend('pglite', options, () => openPgliteDatabase({ dataDir: 'memory' }));
  if (!options.databaseUrl) {
    progress('PostgreSQL skipped: set DATABASE_URL to a server where the benchmark may create a database');
    return figures;
  }
  const { url, drop } = await createScratchDatabase(options.databaseUrl, 'csc_bench_encryption');
  try {
    figures.push(...(await benchBackend('postgres', options, async () => openPostgresDatabase({ connectionString: url, poolSize: 10 }))));
  } finally {
    await drop();
  }
  return figures;
}

async function benchBackend(backend: string, options: EncryptionBenchOptions, open: () => Promise<SqlDatabase>): Promise<Figure[]> {
  const database = await open();
  const { store } = await openSqlEventStore(database);
  const masterKey = randomBytes(32);
  const count = Math.max(1_000, Math.round(20_000 * options.scale));
  const rates = {
    plainAppend: [] as number[],
    encryptedAppend: [] as number[],
    plainAgain: [] as number[],
    encryptedAgain: [] as number[],
    plainReplay: [] as number[],
    encryptedReplay: [] as number[],
  };
  try {
    for (let i = 0; i < options.samples; i++) {
      const encryptingStore = new EncryptingEventStore(store, await ChildKeyStore.open({ pool: database.pool, masterKey }));
      const runPlain = () => appendAndReplay(store, () => Promise.resolve(store), count);
      // A fresh key store for the replay: every child's key is read and unwrapped, as after a restart.
      const runEncrypted = () =>
        appendAndReplay(encryptingStore, async () => new EncryptingEventStore(store, await ChildKeyStore.open({ pool: database.pool, masterKey })), count);
      // Which goes first alternates, so the log growing during a sample favours neither.
      let plain: Rates;
      let encrypted: Rates;
      if (i % 2 === 0) {
        plain = await runPlain();
        encrypted = await runEncrypted();
      } else {
        encrypted = await runEncrypted();
        plain = await runPlain();
      }
      rates.plainAppend.push(plain.append);
      rates.encryptedAppend.push(encrypted.append);
      rates.plainAgain.push(plain.again);
      rates.encryptedAgain.push(encrypted.again);
      rates.plainReplay.push(plain.replay);
      rates.encryptedReplay.push(encrypted.replay);
    }
  } finally {
    await store.close();
    await database.close();
  }
  const note = `${count.toLocaleString('en-GB')} county events per sample`;
  return [
    figure(backend, 'appends to new children, encrypted (a key made for each)', rates.encryptedAppend, 'appends, plain', rates.plainAppend, note),
    figure(backend, 'appends to known children, encrypted', rates.encryptedAgain, 'appends, plain', rates.plainAgain, note),
    figure(backend, 'replay, encrypted (keys read cold)', rates.encryptedReplay, 'replay, plain', rates.plainReplay, note),
  ];
}

interface Rates {
  append: number;
  again: number;
  replay: number;
}

/**
 * Appends `count` county events on fresh streams, then as many again to the same streams (children now known),
 * then reads the first lot back; events per second of each.
 */
async function appendAndReplay(writer: EventStore, reader: () => Promise<EventStore>, count: number): Promise<Rates> {
  const run = randomUUID().slice(0, 8);
  const from = await writer.headPosition();
  const append = await appendAll(writer, generatedEvents(count), run);
  const again = await appendAll(writer, generatedEvents(count), run);
  const store = await reader();
  const replayStarted = process.hrtime.bigint();
  let read = 0;
  for (let position = from; read < count;) {
    const page = await store.readAll({ fromPosition: position, maxCount: 1_000 });
    if (page.length === 0) break;
    read += page.length;
    position = page[page.length - 1].position;
  }
  return { append, again, replay: read / seconds(replayStarted) };
}

async function appendAll(writer: EventStore, events: readonly BenchEvent[], run: string): Promise<number> {
  const started = process.hrtime.bigint();
  for (let at = 0; at < events.length; at += PER_APPEND) {
    const outcomes = await writer.appendToStreams(byStream(events.slice(at, at + PER_APPEND), run));
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed && !failed.ok) throw failed.error;
  }
  return events.length / seconds(started);
}

/** One append per stream of the batch, in order; the run's tag keeps each sample's streams new. */
function byStream(events: readonly BenchEvent[], run: string): StreamAppend[] {
  const streams = new Map<string, BenchEvent[]>();
  for (const event of events) {
    const { childId, workerId } = event.metadata as { childId?: string; workerId?: string };
    const streamId = childId !== undefined ? `child-${childId}~${run}` : `worker-${workerId}~${run}`;
    streams.set(streamId, [...(streams.get(streamId) ?? []), event]);
  }
  return [...streams].map(([streamId, streamEvents]) => ({ streamId, events: streamEvents, expectedRevision: 'any' as const }));
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function figure(backend: string, name: string, samples: number[], baselineName: string, baseline: number[], note: string): Figure {
  const ratio = summarise(samples).median / summarise(baseline).median;
  progress(
    `${backend}: ${name}: ${Math.round(summarise(samples).median).toLocaleString('en-GB')} events/s, ${((1 - ratio) * 100).toFixed(1)}% slower than plain`,
  );
  return { suite: SUITE, backend, name, unit: 'events/s', samples, baseline: { name: baselineName, samples: baseline }, note };
}
