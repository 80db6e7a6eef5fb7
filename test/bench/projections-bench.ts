import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DEFAULT_LOCAL_STANDARDS } from '@csc/timescales';
import {
  allReadModelsEngine,
  ProjectionRunner,
  READ_MODELS_ENGINE,
  openReadModelDataSource,
  prepareReadModel,
  readModelProjections,
  rebuildReadModel,
  READ_MODEL_NAMES,
  type ReadModelName,
  type RunnerLogger,
} from '@csc/projections';
import { openPgliteDatabase, openSqlEventStore, type EventStore } from '@csc/event-store';
import { caseEventFactory } from '../../libs/domain/testing';
import { countyConfig } from '../../apps/cli/src/generate';
import { CountySimulation } from '../../apps/cli/src/generate/simulation/county-simulation';
import { appendToStore } from '../../apps/cli/src/generate/sinks/store-sink';
import { createApplication } from '../../apps/case-tracker/src/application';
import { resolveAuthKeys } from '@csc/auth';
import { signJwt } from '@csc/auth';
import { encryptStorage, loadConfiguration } from '@csc/runtime';
import { openStorage, type Storage } from '@csc/runtime';
import { createLogger } from '@csc/runtime';
import { progress, type Figure } from './bench-report';
import { createScratchDatabase } from './store-bench';
import { measureLiveLag, type LiveLag } from './projections-lag-bench';

export interface ProjectionsBenchOptions {
  /** Where the benchmark may create (and drop) its own database. Required: a million events need PostgreSQL. */
  databaseUrl?: string;
  samples: number;
  /**
   * Scales the log: 1 = a county over 9 years, about 1.1 million events; below 1 fewer years; above 1 the same
   * 9 years of a larger authority (referrals and workers times the scale: 4.5 gives about 5 million events).
   */
  scale: number;
}

const SUITE = 'projections: catch-up and queries';
const SECRET = 'projections-bench-secret-not-for-production-0123';
const QUIET: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * How fast each read model is built from a whole log (from position 0 to the head, as a rebuild does),
 * one at a time and all five at once, beside the bare read of the same log; then the latency of every
 * query endpoint over HTTP on the built read models, beside GET /health.
 */
export async function runProjectionsBench(options: ProjectionsBenchOptions): Promise<Figure[]> {
  if (!options.databaseUrl) {
    progress('projections: skipped: set DATABASE_URL to a PostgreSQL server where the benchmark may create a database');
    return [];
  }
  const scratch = await createScratchDatabase(options.databaseUrl, 'csc_bench_projections');
  const env = { DATABASE_URL: scratch.url, LOG_LEVEL: 'error', AUTH_JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '1000000' };
  let storage: Storage | undefined;
  try {
    const config = loadConfiguration(env);
    const years = Math.max(1, Math.min(9, Math.round(9 * options.scale)));
    const size = Math.max(1, options.scale);
    const authority = { referralsPerYear: Math.round(6_000 * size), workers: Math.round(290 * size) };
    progress(
      `projections: generating ${authority.referralsPerYear.toLocaleString('en-GB')} referrals a year over ${years} years into the store (a few minutes at full scale)`,
    );
    const started = performance.now();
    const filled = await appendToStore(new CountySimulation(countyConfig('county', { ...authority, years, seed: 11, start: '2016-04-01' })), { env });
    progress(`projections: ${filled.appended.toLocaleString('en-GB')} events appended in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    storage = await openStorage(config, createLogger('error'));
    const { database, eventStore: store } = storage;
    const dataSource = await openReadModelDataSource(database);
    const projections = readModelProjections(DEFAULT_LOCAL_STANDARDS);
    for (const name of READ_MODEL_NAMES) await prepareReadModel(database, projections[name]);
    const events = filled.appended;
    const note = `${events.toLocaleString('en-GB')} events in the log`;

    const readLog = await sample(options.samples, () => readWholeLog(store));
    const baseline = { name: 'readAll of the whole log, pages of 1,000', samples: readLog.map((seconds) => events / seconds) };
    const figures: Figure[] = [];
    // Building a million-event read model takes minutes: BENCH_PROJECTIONS_BUILD_SAMPLES (default 2) caps its samples.
    const buildSamples = Math.min(options.samples, Number(process.env.BENCH_PROJECTIONS_BUILD_SAMPLES ?? 2));
    const build = (name: ReadModelName) => rebuildReadModel({ store, database, dataSource, projection: projections[name], logger: QUIET });
    // Each read model rebuilt alone (as `csc projections rebuild` does); BENCH_PROJECTIONS_ALONE=0 leaves these out.
    for (const name of process.env.BENCH_PROJECTIONS_ALONE === '0' ? [] : READ_MODEL_NAMES) {
      const seconds = await sample(buildSamples, async () => timedSeconds(() => build(name)));
      figures.push(
        report({
          suite: SUITE,
          backend: 'postgres',
          name: `${name}: build from the whole log`,
          unit: 'events/s',
          samples: seconds.map((s) => events / s),
          baseline,
          note,
        }),
      );
    }
    const engine = allReadModelsEngine(DEFAULT_LOCAL_STANDARDS);
    const buildAll = async (): Promise<void> => {
      for (const name of READ_MODEL_NAMES) {
        await database.pool.query(`DROP SCHEMA IF EXISTS ${projections[name].schema} CASCADE`);
        await prepareReadModel(database, projections[name]);
      }
      await database.pool.query('DELETE FROM projections.checkpoints WHERE projection = $1', [READ_MODELS_ENGINE]);
      engine.forget?.();
      const runner = new ProjectionRunner({ store, dataSource, projection: engine, logger: QUIET, stopWhenCaughtUp: true });
      runner.start();
      await runner.finished();
      if (runner.status().state === 'failed') throw new Error(`the engine failed: ${JSON.stringify(runner.status().failure)}`);
      // As a rebuild does before its tables answer: statistics for the planner.
      const { rows: tables } = await database.pool.query<{ name: string }>(
        `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema = ANY($1::text[]) AND table_type = 'BASE TABLE'`,
        [READ_MODEL_NAMES.map((name) => projections[name].schema)],
      );
      for (const table of tables) await database.pool.query(`ANALYZE ${table.name}`);
    };
    const together = await sample(buildSamples, async () => timedSeconds(buildAll));
    figures.push(
      report({
        suite: SUITE,
        backend: 'postgres',
        name: 'all five together (one engine, one fold per child): build from the whole log',
        unit: 'events/s',
        samples: together.map((s) => events / s),
        baseline,
        note: `${note}; one read of the log, each child folded once per batch for every read model; the runner's default batch size (5,000)`,
      }),
    );
    await dataSource.destroy();
    figures.push(...(await benchQueries(env, storage, options)));
    figures.push(...(await benchLiveLag(env, options, note)));
    figures.push(await benchIdle(options));
    return figures;
  } finally {
    await storage?.eventStore.close().catch(() => undefined);
    await storage?.database.close().catch(() => undefined);
    await scratch.drop();
  }
}

/**
 * The CPU an idle service uses on PGlite (the embedded default, every role in one process): after it has
 * caught up with a few events, the process's user and system CPU over BENCH_IDLE_SECONDS (default 10), as a
 * share of one core. Nothing else runs in this process meanwhile.
 */
async function benchIdle(options: ProjectionsBenchOptions): Promise<Figure> {
  const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
  const config = loadConfiguration({ LOG_LEVEL: 'error', AUTH_JWT_SECRET: SECRET });
  const database = await openPgliteDatabase({ dataDir: 'memory' });
  const { store } = await openSqlEventStore(database, { pollIntervalMs: config.eventStore.pollIntervalMs });
  const app = await createApplication({
    config,
    logger: createLogger('error'),
    // As the service opens it: children's personal fields encrypted, with the key table retention needs.
    storage: await encryptStorage(config, database, store),
    authKey: resolveAuthKeys(config).verification,
  });
  await app.init();
  try {
    const base = await listen(app);
    const headers = { authorization: `Bearer ${token(['recorder', 'admin'])}`, 'content-type': 'application/json' };
    const child = caseEventFactory('IDLE-1');
    const recorded = await fetch(`${base}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ events: [child.referral('2024-03-04', 'R1')] }) });
    const { position } = (await recorded.json()) as { position: number };
    // Caught up: the tracker answers only once the read models have applied the position.
    const caughtUp = await fetch(`${base}/v1/children/IDLE-1/tracker?asOf=2024-03-05&minPosition=${position}`, { headers });
    if (caughtUp.status !== 200) throw new Error(`the service did not catch up: ${caughtUp.status}`);
    const shares: number[] = [];
    for (let run = 0; run < options.samples; run++) {
      const before = process.cpuUsage();
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      const used = process.cpuUsage(before);
      shares.push(((used.user + used.system) / 1000 / (performance.now() - started)) * 100);
    }
    return report({
      suite: SUITE,
      backend: 'pglite',
      name: 'idle service, every role in one process: CPU',
      unit: '% of a core',
      samples: shares,
      note: `${seconds} s idle after catching up, per sample; SUBSCRIPTION_POLL_INTERVAL_MS ${config.eventStore.pollIntervalMs}`,
    });
  } finally {
    await app.close();
    await store.close();
    await database.close();
  }
}

/**
 * The live lag on the built read models: the service with its defaults (every role in one process) appends
 * BENCH_LAG_RATE events a second (default 100), one a request, for BENCH_LAG_SECONDS (default 30) per sample, and
 * each event's lag is the time from its acknowledgement to the engine's checkpoint reaching its position. One engine
 * with one checkpoint feeds all five read models, so one figure stands for each of them. The baseline is a plain
 * subscription on the same store in the same process: the time from the same acknowledgement to its delivery of the
 * event, the floor a runner woken by the same announcement could reach without applying anything. PostgreSQL
 * readers see only events below the oldest transaction running on the whole server (the store's horizon), so
 * another database's open transaction delays both: the figure means something only on a server of its own.
 */
async function benchLiveLag(env: Record<string, string>, options: ProjectionsBenchOptions, logNote: string): Promise<Figure[]> {
  const seconds = Number(process.env.BENCH_LAG_SECONDS ?? 30);
  const rate = Number(process.env.BENCH_LAG_RATE ?? 100);
  const count = Math.max(1, Math.round(seconds * rate));
  progress(`projections: live lag: ${rate} events/s for ${seconds} s per sample`);
  const runs: LiveLag[] = [];
  for (let run = 0; run < options.samples; run++) {
    runs.push(await measureLiveLag(env, { count, ratePerSecond: rate, sample: run, token: token(['recorder']) }));
  }
  const ack = (p: number) => runs.map((run) => percentile(run.ack, p).toFixed(1)).join(', ');
  const late = runs.reduce((sum, run) => sum + run.late, 0);
  for (const p of [50, 99]) {
    const subscription = runs.map((run) => percentile(run.subscription, p).toFixed(1)).join(', ');
    progress(`projections: live lag p${p}: a plain subscription ${subscription} ms; ack ${ack(p)} ms`);
  }
  const drain = runs.map((run) => run.drainMs.toFixed(0)).join(', ');
  return [50, 99].map((p) =>
    report({
      suite: SUITE,
      backend: 'postgres, every role in one process',
      name: `live lag, ${rate} events/s appended: acknowledgement to checkpoint, p${p}`,
      unit: 'ms',
      samples: runs.map((run) => percentile(run.engine, p)),
      baseline: { name: `acknowledgement to a plain subscription's delivery, p${p}`, samples: runs.map((run) => percentile(run.subscription, p)) },
      note:
        `${logNote} before the run; ${count.toLocaleString('en-GB')} events of new children per sample, one a POST /v1/events, sent on a fixed ` +
        `schedule (${late} sent over 10 ms late); one engine checkpoint feeds all five read models; ack (POST to answer) ` +
        `p50 ${ack(50)} ms, p99 ${ack(99)} ms by sample; checkpoint at the last position ${drain} ms after the last ack; ` +
        `readers see only events below the oldest transaction running anywhere on the server, so a transaction left open in ` +
        `another database delays both figures: run on a server of its own`,
    }),
  );
}

/** p50 and p99 of each query endpoint, through the HTTP API of an in-process service that only answers (CSC_ROLES=api). */
async function benchQueries(env: Record<string, string>, storage: Storage, options: ProjectionsBenchOptions): Promise<Figure[]> {
  const config = loadConfiguration({ ...env, CSC_ROLES: 'api' });
  const app = await createApplication({ config, logger: createLogger('error'), storage, authKey: resolveAuthKeys(config).verification });
  try {
    const base = await listen(app);
    const headers = { authorization: `Bearer ${token(['admin', 'auditor', 'analyst'])}` };
    const { rows } = await storage.database.pool.query<{ child_id: string }>(
      `SELECT DISTINCT metadata->>'childId' AS child_id FROM event_store.events WHERE metadata ? 'childId' LIMIT 2000`,
    );
    const children = rows.map((row) => row.child_id);
    const { rows: teams } = await storage.database.pool.query<{ team_id: string }>(
      `SELECT DISTINCT data->>'teamId' AS team_id FROM event_store.events WHERE event_type = 'SocialWorkerJoined' LIMIT 50`,
    );
    const head = await storage.database.pool.query<{ day: string }>(`SELECT max(metadata->>'occurredAt') AS day FROM event_store.events`);
    const asOf = head.rows[0].day.slice(0, 10);
    const yearBefore = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`;
    const pick = <T>(items: T[], i: number): T => items[(i * 7919) % items.length];
    const queries: Array<[string, (i: number) => string]> = [
      ['child tracker', (i) => `/v1/children/${pick(children, i)}/tracker?asOf=${asOf}`],
      ['overdue clocks of a team', (i) => `/v1/trackers/overdue?asOf=${asOf}&teamId=${pick(teams, i).team_id}`],
      ['timeliness, a year, all rules', () => `/v1/metrics/timeliness?from=${yearBefore}&to=${asOf}`],
      ['timeliness, a year, one team', (i) => `/v1/metrics/timeliness?from=${yearBefore}&to=${asOf}&teamId=${pick(teams, i).team_id}`],
      ['continuity, 12 months, every open case', () => `/v1/metrics/continuity?asOf=${asOf}&months=12&cohort=all`],
      ['continuity, 12 months, looked after', () => `/v1/metrics/continuity?asOf=${asOf}&months=12&cohort=cla`],
      ['waiting times, a year', () => `/v1/metrics/waiting?from=${yearBefore}&to=${asOf}`],
      ['caseloads on a date', () => `/v1/metrics/caseloads?asOf=${asOf}`],
    ];
    const requests = Math.max(20, Math.round(200 * Math.min(1, options.scale * 2)));
    const health = () => timedGet(`${base}/health`, {});
    const floor = await sample(options.samples, () => latencies(requests, health));
    const figures: Figure[] = [];
    for (const [name, path] of queries) {
      for (let i = 0; i < 10; i++) await timedGet(`${base}${path(i)}`, headers);
      const rounds = await sample(options.samples, () => latencies(requests, (i) => timedGet(`${base}${path(i)}`, headers)));
      for (const p of [50, 99]) {
        figures.push(
          report({
            suite: SUITE,
            backend: 'postgres, CSC_ROLES=api',
            name: `${name}, p${p}`,
            unit: 'ms',
            samples: rounds.map((round) => percentile(round, p)),
            baseline: { name: `GET /health, p${p}`, samples: floor.map((round) => percentile(round, p)) },
            note: `${requests} sequential requests per sample`,
          }),
        );
      }
    }
    return figures;
  } finally {
    await app.close();
  }
}

function report(figure: Figure): Figure {
  const median = [...figure.samples].sort((a, b) => a - b)[Math.floor(figure.samples.length / 2)];
  progress(`projections: ${figure.name}: ${figure.unit === 'ms' ? median.toFixed(1) : Math.round(median).toLocaleString('en-GB')} ${figure.unit}`);
  return figure;
}

async function readWholeLog(store: EventStore): Promise<number> {
  return timedSeconds(async () => {
    let position = 0;
    for (;;) {
      const page = await store.readAll({ fromPosition: position, maxCount: 1_000 });
      if (page.length === 0) return;
      position = page[page.length - 1].position;
    }
  });
}

async function timedSeconds(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export async function sample<T>(times: number, run: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < times; i++) results.push(await run());
  return results;
}

export async function latencies(count: number, request: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await request(i));
  return out;
}

export async function timedGet(url: string, headers: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function listen(app: NestExpressApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

export function token(roles: string[]): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ sub: 'bench', roles, iat: now, exp: now + 24 * 3600 }, { algorithm: 'HS256', key: SECRET });
}
