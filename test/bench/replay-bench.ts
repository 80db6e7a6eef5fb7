import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { childStreamId, toStoredEvent, type ChildEvent } from '@csc/contracts';
import {
  migrateSchema,
  openPgliteDatabase,
  openPostgresDatabase,
  openSqlEventStore,
  type EventStore,
  type EventToAppend,
  type SqlDatabase,
} from '@csc/event-store';
import { accessStreamId, CHECKPOINT_MIGRATIONS } from '@csc/projections';
import { appendChildRecordRead } from '@csc/history';
import { createApplication } from '../../apps/case-tracker/src/application';
import { resolveAuthKeys } from '@csc/auth';
import { signJwt } from '@csc/auth';
import { loadConfiguration } from '@csc/runtime';
import { systemClock } from '@csc/runtime';
import { createLogger } from '@csc/runtime';
import { addDays, caseEventFactory } from '../../libs/domain/testing';
import { progress, type Figure } from './bench-report';
import { createScratchDatabase } from './store-bench';

export interface ReplayBenchOptions {
  /** Where the PostgreSQL benchmark may create (and drop) its own database; omit to measure PGlite only. */
  databaseUrl?: string;
  samples: number;
  /** Scales the number of requests per sample (1 = 200). */
  scale: number;
}

const SUITE = 'replay: history and state over HTTP';
const STREAM_SIZES = [10, 100, 1_000];
const SECRET = 'replay-bench-secret-not-for-production-0123456789';

/**
 * Latency of GET /v1/children/{id}/history (the whole stream in one page) and /state for streams of 10, 100
 * and 1,000 events, through the HTTP API of an in-process service with an auditor's token (so every read also
 * appends its access event), beside the bare readStream of the same stream from the same run.
 */
export async function runReplayBench(options: ReplayBenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  figures.push(...(await benchBackend('pglite', options, () => openPgliteDatabase({ dataDir: 'memory' }))));
  if (options.databaseUrl) {
    const scratch = await createScratchDatabase(options.databaseUrl, 'csc_bench_replay');
    try {
      const open = async () => openPostgresDatabase({ connectionString: scratch.url, poolSize: 10 });
      figures.push(...(await benchBackend('postgres', options, open, scratch.url)));
      // The API alone, as when the projections run in processes of their own (CSC_ROLES=api).
      figures.push(...(await benchBackend('postgres, CSC_ROLES=api', options, open, scratch.url, 'api')));
    } finally {
      await scratch.drop();
    }
  } else {
    progress('replay: PostgreSQL skipped: set DATABASE_URL to a server where the benchmark may create a database');
  }
  return figures;
}

async function benchBackend(
  backend: string,
  options: ReplayBenchOptions,
  open: () => Promise<SqlDatabase>,
  databaseUrl?: string,
  roles?: string,
): Promise<Figure[]> {
  progress(`replay: ${backend}: starting the service in this process`);
  const config = loadConfiguration({
    LOG_LEVEL: 'error',
    AUTH_JWT_SECRET: SECRET,
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(roles ? { CSC_ROLES: roles } : {}),
  });
  const database = await open();
  await migrateSchema(database.pool, 'projections', CHECKPOINT_MIGRATIONS);
  const { store } = await openSqlEventStore(database);
  const app = await createApplication({
    config,
    logger: createLogger('error'),
    storage: { database, eventStore: store },
    authKey: resolveAuthKeys(config).verification,
  });
  const figures: Figure[] = [];
  try {
    const base = await listen(app);
    const authorization = `Bearer ${auditorToken()}`;
    const requests = Math.max(20, Math.round(200 * options.scale));
    figures.push(...(await benchAccessAppend(backend, store, requests, options.samples)));
    for (const size of STREAM_SIZES) {
      const childId = `BENCH-REPLAY-${size}-${backend.length}`;
      await recordStream(store, childId, size);
      const history = () => timedGet(`${base}/v1/children/${childId}/history?limit=5000`, authorization, size);
      const state = () => timedGet(`${base}/v1/children/${childId}/state`, authorization);
      const readStream = async () => timed(async () => void (await store.readStream(childStreamId(childId))));
      for (const warmUp of [history, state, readStream]) for (let i = 0; i < 20; i++) await warmUp();
      const rounds = { history: [] as number[][], state: [] as number[][], readStream: [] as number[][] };
      for (let sample = 0; sample < options.samples; sample++) {
        rounds.history.push(await repeat(requests, history));
        rounds.state.push(await repeat(requests, state));
        rounds.readStream.push(await repeat(requests, readStream));
      }
      for (const percentile of [50, 99]) {
        const at = (latencies: number[][]) => latencies.map((round) => percentileOf(round, percentile));
        const baseline = { name: `readStream of the same ${size} events, p${percentile}`, samples: at(rounds.readStream) };
        const note = `${requests} sequential requests per sample; each also appends its access event, side by side with the read`;
        for (const endpoint of ['history', 'state'] as const) {
          const figure: Figure = {
            suite: SUITE,
            backend,
            name: `${endpoint}, ${size} events, p${percentile}`,
            unit: 'ms',
            samples: at(rounds[endpoint]),
            baseline,
            note,
          };
          progress(`replay: ${backend}: ${figure.name}: ${median(figure.samples).toFixed(2)} ms (readStream ${median(baseline.samples).toFixed(2)} ms)`);
          figures.push(figure);
        }
      }
    }
  } finally {
    await app.close();
  }
  return figures;
}

/** The durable append every read waits for: one access event, with expectedRevision 'any', as AccessLog makes it. */
async function benchAccessAppend(backend: string, store: EventStore, requests: number, samples: number): Promise<Figure[]> {
  const read = {
    childId: `BENCH-ACCESS-${backend.length}`,
    subject: 'bench',
    roles: ['auditor'],
    what: 'history' as const,
    parameters: {},
    via: 'http' as const,
  };
  const append = () => timed(() => appendChildRecordRead(store, { ...read, at: systemClock.now().toISOString() }));
  const readBack = () => timed(async () => void (await store.readStream(accessStreamId(read.childId), { maxCount: 10 })));
  for (let i = 0; i < 20; i++) await append();
  const appends: number[][] = [];
  const reads: number[][] = [];
  for (let sample = 0; sample < samples; sample++) {
    appends.push(await repeat(requests, append));
    reads.push(await repeat(requests, readBack));
  }
  return [50, 99].map((percentile) => ({
    suite: SUITE,
    backend,
    name: `the access event append alone, p${percentile}`,
    unit: 'ms',
    samples: appends.map((round) => percentileOf(round, percentile)),
    baseline: { name: `readStream of 10 events, p${percentile}`, samples: reads.map((round) => percentileOf(round, percentile)) },
    note: 'a durable commit (fsync on PostgreSQL): the floor under every logged read',
  }));
}

/** A child's stream of `size` events: a referral, assessment, allocation and plan, then visits and reviews every few days. */
async function recordStream(store: EventStore, childId: string, size: number): Promise<void> {
  const c = caseEventFactory(childId);
  const start = '2015-01-05';
  const events: ChildEvent[] = [
    c.referral(start, 'R1'),
    c.decision(start, 'R1', 'assessment'),
    c.assessmentStarted(addDays(start, 1), 'A1', 'R1'),
    c.allocated(addDays(start, 1), 'W1', 'TEAM-1'),
    c.assessmentAuthorised(addDays(start, 20), 'A1'),
    c.planStarted(addDays(start, 21), 'P1', 'CIN'),
  ];
  for (let day = 23; events.length < size; day += 2) {
    events.push(
      events.length % 10 === 0 ? c.planReviewed(addDays(start, day), 'P1') : c.visit(addDays(start, day), `V${day}`, { seen: true, seenAlone: day % 4 === 1 }),
    );
  }
  const stored = events.slice(0, size).map((event) => toStoredEvent(event, { channel: 'import' }) as EventToAppend);
  for (let from = 0; from < stored.length; from += 500)
    await store.appendToStream(childStreamId(childId), stored.slice(from, from + 500), { expectedRevision: 'any' });
}

async function listen(app: NestExpressApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  // Longer than any pause between requests (recording a stream), so a kept-alive socket is never closed under fetch.
  app.getHttpServer().keepAliveTimeout = 120_000;
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function auditorToken(): string {
  const now = Math.floor(systemClock.now().getTime() / 1000);
  return signJwt({ sub: 'bench-auditor', roles: ['auditor'], iat: now, exp: now + 3600 }, { algorithm: 'HS256', key: SECRET });
}

async function timedGet(url: string, authorization: string, expectedEvents?: number): Promise<number> {
  return timed(async () => {
    const response = await fetch(url, { headers: { authorization } });
    const body = (await response.json()) as { events?: unknown[] };
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body)}`);
    if (expectedEvents !== undefined && body.events?.length !== expectedEvents)
      throw new Error(`${url} listed ${body.events?.length} events, not ${expectedEvents}`);
  });
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function repeat(times: number, run: () => Promise<number>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < times; i++) latencies.push(await run());
  return latencies;
}

/** The nearest-rank percentile. */
function percentileOf(values: readonly number[], percentile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)];
}

function median(values: readonly number[]): number {
  return percentileOf(values, 50);
}
