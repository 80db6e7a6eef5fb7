import { DEFAULT_LOCAL_STANDARDS } from '@csc/timescales';
import {
  allReadModelsEngine,
  ProjectionRunner,
  READ_MODELS_ENGINE,
  openReadModelDataSource,
  prepareReadModel,
  readModelProjections,
  READ_MODEL_NAMES,
} from '@csc/projections';
import { loadConfiguration, openStorage, createLogger } from '@csc/runtime';
import { countyConfig } from '../../apps/cli/src/generate';
import { CountySimulation } from '../../apps/cli/src/generate/simulation/county-simulation';
import { appendToStore } from '../../apps/cli/src/generate/sinks/store-sink';

/**
 * For profiling a rebuild of every read model (run under `node --cpu-prof`): fills DATABASE_URL with a generated
 * county once (PROFILE_YEARS, default 3), then builds all read models together from the whole log, timed.
 * Unlike `npm run bench:projections` it keeps its database, so the next run skips the generation.
 */
async function main(): Promise<void> {
  const env = { DATABASE_URL: process.env.DATABASE_URL!, LOG_LEVEL: 'error', AUTH_JWT_SECRET: 'profile-secret-not-for-production-0123456789' };
  const config = loadConfiguration(env);
  const storage = await openStorage(config, createLogger('error'));
  const { database, eventStore: store } = storage;
  let head = await store.headPosition();
  if (head === 0) {
    const years = Number(process.env.PROFILE_YEARS ?? 3);
    const filled = await appendToStore(new CountySimulation(countyConfig('county', { years, seed: 11, start: '2016-04-01' })), { env });
    process.stdout.write(`${filled.appended} events appended\n`);
    head = await store.headPosition();
  }
  const { rows } = await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  const events = Number(rows[0].n);
  const dataSource = await openReadModelDataSource(database);
  const projections = readModelProjections(DEFAULT_LOCAL_STANDARDS);
  for (const name of READ_MODEL_NAMES) {
    await database.pool.query(`DROP SCHEMA IF EXISTS ${projections[name].schema} CASCADE`);
    await prepareReadModel(database, projections[name]);
  }
  await database.pool.query('DELETE FROM projections.checkpoints WHERE projection = $1', [READ_MODELS_ENGINE]);
  await database.pool.query('DELETE FROM projections.parked_subjects');
  const engine = allReadModelsEngine(DEFAULT_LOCAL_STANDARDS);
  // Time spent in each kind of statement, and in the engine's apply as a whole (the rest is folding, deriving, diffing).
  const spent = new Map<string, number>();
  const add = (key: string, ms: number): void => void spent.set(key, (spent.get(key) ?? 0) + ms);
  const timed: typeof engine = {
    ...engine,
    async apply(batch, context) {
      const manager = new Proxy(context.manager, {
        get(target, key, receiver) {
          if (key !== 'query') return Reflect.get(target, key, receiver);
          return async (sql: string, values?: unknown[]) => {
            const at = performance.now();
            try {
              return await target.query(sql, values);
            } finally {
              add(
                `sql: ${sql
                  .replace(/\s+/g, ' ')
                  .trim()
                  .replace(/rm_[a-z_]+\./g, '')
                  .slice(0, 60)}`,
                performance.now() - at,
              );
            }
          };
        },
      });
      const at = performance.now();
      await engine.apply(batch, { ...context, manager });
      add('apply (all)', performance.now() - at);
    },
  };
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const batchSize = Number(process.env.PROFILE_BATCH_SIZE ?? 1_000);
  const started = performance.now();
  const runner = new ProjectionRunner({ store, dataSource, projection: timed, logger: quiet, batchSize, stopWhenCaughtUp: true });
  runner.start();
  await runner.finished();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${runner.status().state}: ${events} events in ${seconds.toFixed(1)} s = ${Math.round(events / seconds)} events/s\n`);
  for (const [key, ms] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stdout.write(`${(ms / 1000).toFixed(1).padStart(7)} s  ${key}\n`);
  await dataSource.destroy();
  await store.close();
  await database.close();
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
