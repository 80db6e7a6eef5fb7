import { migrateSchema, openPgliteDatabase, openPostgresDatabase, openSqlEventStore, type EventStore, type SqlDatabase } from '@csc/event-store';
import { CHECKPOINT_MIGRATIONS } from '@csc/projections';
import { createApplication } from '../../apps/case-tracker/src/application';
import { resolveAuthKeys } from '@csc/auth';
import { signJwt } from '@csc/auth';
import { encryptStorage, loadConfiguration } from '@csc/runtime';
import { systemClock } from '@csc/runtime';
import { createLogger } from '@csc/runtime';
import { progress, type Figure } from './bench-report';
import { appendLanes, countyWorkload, listen, median, postLanes, requestBodies, storeBatches, type IngestTally, type Workload } from './ingest-bench-support';
import { createScratchDatabase } from './store-bench';
import { engineOf } from './projections-lag-bench';

export interface IngestBenchOptions {
  /** Where the PostgreSQL benchmark may create (and drop) its own databases; omit to measure PGlite only. */
  databaseUrl?: string;
  samples: number;
  /** Scales the events per sample (1 = 1,000 in single-event requests, 5,000 in batches of 100, 10,000 in batches of 1,000). */
  scale: number;
}

const SUITE = 'ingest: POST /v1/events';
const SECRET = 'ingest-bench-secret-not-for-production-0123456789';
const SUBJECT = 'bench-recorder';
const SEED = 2026;
const CLIENTS = [1, 10];
/** The service's default pool (DATABASE_POOL_SIZE), for the service and for the baseline's store alike. */
const POOL_SIZE = 10;
/**
 * Events per sample at scale 1, by batch size: 2 to 8 seconds a sample on either backend here (the service records
 * some 200 single events or 1,000 to 3,000 batched events a second). With 10 clients, batches of 1,000 need 10,000
 * events for each lane to send a full batch or so.
 */
const EVENTS_PER_BATCH_SIZE = new Map([
  [1, 1_000],
  [100, 5_000],
  [1_000, 10_000],
]);

/** One backend's fresh, empty database for one measured run. */
interface Backend {
  name: string;
  /** Opens a new empty database (and, on PostgreSQL, creates it); `release` drops it once it is closed. */
  fresh(): Promise<{ database: SqlDatabase; url?: string; release: () => Promise<void> }>;
}

/**
 * Throughput of POST /v1/events (events recorded or recognised as duplicates per second) into an in-process service
 * with a recorder's token, for batches of 1, 100 and 1,000 events and 1 or 10 concurrent clients, on PGlite (in
 * memory) and, given a database URL, PostgreSQL. The events are the synthetic county's, in emission order, each
 * stream kept to one client. Every run (sample) starts from an empty database of its own, since the generator's
 * child and worker ids do not change with the seed. Each figure's baseline is the store's own append rate for the
 * same events, lanes and batches, measured in the same run on a database of its own: the ratio is what HTTP,
 * validation and the domain rules cost over the store.
 */
export async function runIngestBench(options: IngestBenchOptions): Promise<Figure[]> {
  const workloads = new Map<number, Workload>();
  const workload = (count: number): Workload => {
    if (!workloads.has(count)) workloads.set(count, countyWorkload(count, SEED));
    return workloads.get(count)!;
  };
  const figures: Figure[] = [];
  const pglite: Backend = {
    name: 'pglite',
    fresh: async () => ({ database: await openPgliteDatabase({ dataDir: 'memory' }), release: async () => undefined }),
  };
  figures.push(...(await benchBackend(pglite, options, workload)));
  if (options.databaseUrl) {
    const databaseUrl = options.databaseUrl;
    const postgres: Backend = {
      name: 'postgres',
      fresh: async () => {
        const scratch = await createScratchDatabase(databaseUrl, 'csc_bench_ingest');
        try {
          return { database: openPostgresDatabase({ connectionString: scratch.url, poolSize: POOL_SIZE }), url: scratch.url, release: scratch.drop };
        } catch (error) {
          await scratch.drop();
          throw error;
        }
      },
    };
    figures.push(...(await benchBackend(postgres, options, workload)));
  } else {
    progress('ingest: PostgreSQL skipped: set DATABASE_URL to a server where the benchmark may create a database');
  }
  return figures;
}

async function benchBackend(backend: Backend, options: IngestBenchOptions, workload: (count: number) => Workload): Promise<Figure[]> {
  const count = (batchSize: number): number => Math.max(100, Math.round(EVENTS_PER_BATCH_SIZE.get(batchSize)! * options.scale));
  progress(`ingest: ${backend.name}: a warm-up run (not measured)`);
  await httpRun(backend, workload(count(1)), 2, 100, 'api');
  const figures: Figure[] = [];
  for (const batchSize of EVENTS_PER_BATCH_SIZE.keys()) {
    for (const clients of CLIENTS) {
      const events = workload(count(batchSize));
      const rates: number[] = [];
      const baseline: number[] = [];
      const tallies: IngestTally[] = [];
      // Batches of 1,000 also with the service's default roles: the projections follow the log in the same process.
      const embedded = batchSize === 1_000;
      const withProjections: number[] = [];
      const embeddedTallies: EmbeddedTally[] = [];
      for (let sample = 0; sample < options.samples; sample++) {
        const tally = await httpRun(backend, events, clients, batchSize, 'api');
        tallies.push(tally);
        rates.push(rateOf(tally));
        const store = await storeRun(backend, events, clients, batchSize);
        baseline.push(store.appended / store.seconds);
        if (embedded) {
          const both = await httpRun(backend, events, clients, batchSize, 'all');
          embeddedTallies.push(both);
          withProjections.push(rateOf(both));
        }
      }
      figures.push(ingestFigure(backend.name, events, batchSize, clients, rates, baseline, tallies));
      if (embedded) figures.push(embeddedFigure(backend.name, events, batchSize, clients, withProjections, rates, embeddedTallies));
    }
  }
  return figures;
}

function rateOf(tally: IngestTally): number {
  return (tally.recorded + tally.duplicate) / tally.seconds;
}

/**
 * The rate of acknowledged ingest with every role in one process (the default): the timed window is the same as
 * the API alone's, from the first request to the last answer, while the projection engine applies the events in the
 * same process, on the same cores and pool. The engine's catching up after the last answer is not in the rate; its
 * time is in the note.
 */
function embeddedFigure(
  backend: string,
  workload: Workload,
  batchSize: number,
  clients: number,
  rates: number[],
  apiOnly: number[],
  tallies: EmbeddedTally[],
): Figure {
  const name = `batches of ${batchSize.toLocaleString('en-GB')}, ${clients} client${clients > 1 ? 's' : ''}, projections in the same process`;
  const rejected = tallies.reduce((sum, tally) => sum + tally.rejected, 0);
  const catchUp = tallies.map((tally) => tally.catchUpSeconds?.toFixed(1) ?? '?').join(', ');
  progress(
    `ingest: ${backend}: ${name}: ${Math.round(median(rates)).toLocaleString('en-GB')} events/s ` +
      `(API alone ${Math.round(median(apiOnly)).toLocaleString('en-GB')} events/s); caught up ${catchUp} s after the last answer`,
  );
  return {
    suite: SUITE,
    backend,
    name,
    unit: 'events/s',
    samples: rates,
    baseline: { name: `the same requests with CSC_ROLES=api (the API alone), ${clients} client${clients > 1 ? 's' : ''}`, samples: apiOnly },
    note:
      `${plural(workload.emissions.length, 'county event')} per sample, as the API-alone figure; CSC_ROLES unset (every role; no Kafka, ` +
      `so the projections and the API); rate of acknowledged ingest, from the first request to the last answer, while the ` +
      `engine applies the events; the engine caught up ${catchUp} s after the last answer (by sample, not in the rate); ` +
      `${rejected === 0 ? 'no rejections' : plural(rejected, 'rejection')}`,
  };
}

function ingestFigure(
  backend: string,
  workload: Workload,
  batchSize: number,
  clients: number,
  rates: number[],
  baseline: number[],
  tallies: IngestTally[],
): Figure {
  const name = `${batchSize === 1 ? 'single events' : `batches of ${batchSize.toLocaleString('en-GB')}`}, ${clients} client${clients > 1 ? 's' : ''}`;
  const rejected = tallies.reduce((sum, tally) => sum + tally.rejected, 0);
  const codes = new Map<string, number>();
  for (const tally of tallies) for (const [code, count] of tally.rejections) codes.set(code, (codes.get(code) ?? 0) + count);
  const rejections =
    rejected === 0
      ? 'no rejections'
      : `${plural(rejected, 'rejection')} over ${plural(tallies.length, 'sample')} (${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')})`;
  const duplicates = tallies[0]?.duplicate ?? 0;
  const perRequest = workload.emissions.length / (tallies[0]?.requests ?? 1);
  const figure: Figure = {
    suite: SUITE,
    backend,
    name,
    unit: 'events/s',
    samples: rates,
    baseline: {
      name: `appendToStreams of the same batches, grouped as the service groups them, ${clients} writer${clients > 1 ? 's' : ''}`,
      samples: baseline,
    },
    note:
      `${plural(workload.emissions.length, 'county event')} per sample to ${plural(workload.streams, 'stream')} ` +
      `(${plural(workload.retractions, 'retraction')}, ${workload.resent} sent twice: ${duplicates} answered duplicate) ` +
      `in ${plural(tallies[0]?.requests ?? 0, 'request')} of ${Math.round(perRequest)} on average; ${rejections}; ` +
      `each sample on an empty database with the ${workload.workforce.length} workers in post recorded first; CSC_ROLES=api; ` +
      `the service's store encrypts children's personal fields, as the service opens it, the baseline's does not; ` +
      `the baseline leaves out the events sent twice`,
  };
  progress(
    `ingest: ${backend}: ${name}: ${Math.round(median(rates)).toLocaleString('en-GB')} events/s ` +
      `(store ${Math.round(median(baseline)).toLocaleString('en-GB')} events/s); ${rejections}`,
  );
  for (const example of tallies.flatMap((tally) => tally.examples).slice(0, 5)) progress(`ingest: ${backend}:   rejected ${example}`);
  return figure;
}

/** A run with the projections in the process: also how long the engine took to apply the last event after the last answer. */
interface EmbeddedTally extends IngestTally {
  catchUpSeconds?: number;
}

/**
 * One measured run: a fresh database, the service in this process (the API alone, or every role: the default), the
 * workforce posted before the clock starts, then every lane posting its batches. With the projections, the engine
 * has applied the workforce before the clock starts, and after the last answer the run waits for it to reach the head.
 */
async function httpRun(backend: Backend, workload: Workload, clients: number, batchSize: number, roles: 'api' | 'all'): Promise<EmbeddedTally> {
  const workforce = requestBodies(workload.workforce, 1, 1_000)[0];
  const bodies = requestBodies(workload.emissions, clients, batchSize);
  const { database, url, release } = await backend.fresh();
  try {
    const config = loadConfiguration({
      LOG_LEVEL: 'error',
      AUTH_JWT_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: '1000000',
      // 'api': only the API; 'all' (CSC_ROLES unset): the projections follow the log in the same process, on the same cores and pool.
      ...(roles === 'api' ? { CSC_ROLES: 'api' } : {}),
      ...(url ? { DATABASE_URL: url, DATABASE_POOL_SIZE: String(POOL_SIZE) } : {}),
    });
    let app: Awaited<ReturnType<typeof createApplication>> | undefined;
    try {
      await migrateSchema(database.pool, 'projections', CHECKPOINT_MIGRATIONS);
      const { store } = await openSqlEventStore(database);
      app = await createApplication({
        config,
        logger: createLogger('error'),
        // As the service opens it: children's personal fields encrypted, with the key table retention needs.
        storage: await encryptStorage(config, database, store),
        authKey: resolveAuthKeys(config).verification,
      });
      const endpoint = `${await listen(app)}/v1/events`;
      const authorization = `Bearer ${recorderToken()}`;
      const staffed = await postLanes(endpoint, authorization, [workforce]);
      if (staffed.recorded !== workload.workforce.length) throw new Error(`The workforce was not recorded: ${staffed.examples.join('; ')}`);
      const runner = roles === 'all' ? await engineOf(app) : undefined;
      if (runner && !(await runner.waitForPosition(await store.headPosition(), 60_000))) throw new Error('the engine did not apply the workforce');
      const tally = await postLanes(endpoint, authorization, bodies);
      if (!runner) return tally;
      const answered = process.hrtime.bigint();
      const head = await store.headPosition();
      if (!(await runner.waitForPosition(head, 600_000))) throw new Error(`the engine did not reach ${head}: ${JSON.stringify(runner.status())}`);
      return { ...tally, catchUpSeconds: Number(process.hrtime.bigint() - answered) / 1e9 };
    } finally {
      // Closing the application closes the store and the database.
      if (app) await app.close();
      else await database.close();
    }
  } finally {
    await release();
  }
}

/** The baseline: the same workforce first, then the same events, lanes and batches appended straight to a store on a fresh database. */
async function storeRun(backend: Backend, workload: Workload, clients: number, batchSize: number): Promise<{ seconds: number; appended: number }> {
  const workforce = storeBatches(workload.workforce, 1, 1_000, SUBJECT);
  const lanes = storeBatches(workload.emissions, clients, batchSize, SUBJECT);
  const { database, release } = await backend.fresh();
  let store: EventStore | undefined;
  try {
    store = (await openSqlEventStore(database)).store;
    await appendLanes(store, workforce);
    return await appendLanes(store, lanes);
  } finally {
    await store?.close();
    await database.close();
    await release();
  }
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;
}

function recorderToken(): string {
  const now = Math.floor(systemClock.now().getTime() / 1000);
  return signJwt({ sub: SUBJECT, roles: ['recorder'], iat: now, exp: now + 3600 }, { algorithm: 'HS256', key: SECRET });
}
