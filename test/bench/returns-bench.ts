import { DEFAULT_LOCAL_STANDARDS } from '@csc/timescales';
import { openReadModelDataSource, prepareReadModel, readModelProjections, rebuildReadModel, type RunnerLogger } from '@csc/projections';
import { collectionYear, exportAnnexA, exportCinCensus, exportCscApi, exportSsda903, type ReturnSource } from '@csc/returns';
import { loadConfiguration, openStorage, createLogger, type Storage } from '@csc/runtime';
import { countyConfig } from '../../apps/cli/src/generate';
import { CountySimulation } from '../../apps/cli/src/generate/simulation/county-simulation';
import { appendToStore } from '../../apps/cli/src/generate/sinks/store-sink';
import { progress, type Figure } from './bench-report';
import { createScratchDatabase } from './store-bench';

const SUITE = 'returns: each export of a generated county';
const QUIET: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Seconds and peak resident memory of each return for a county (a year from 1 April 2024, collection year 2025):
 * the child tracker and continuity read models built first, as the service keeps them, then each export made
 * from them and the log, as `csc export` and `GET /v1/returns` make it.
 */
export async function runReturnsBench(options: { databaseUrl?: string; samples: number; scale: number }): Promise<Figure[]> {
  if (!options.databaseUrl) {
    progress('returns: skipped: set DATABASE_URL to a PostgreSQL server where the benchmark may create a database');
    return [];
  }
  const scratch = await createScratchDatabase(options.databaseUrl, 'csc_bench_returns');
  const env = { DATABASE_URL: scratch.url, LOG_LEVEL: 'error' };
  let storage: Storage | undefined;
  try {
    const referralsPerYear = Math.round(6_000 * options.scale);
    progress(`returns: generating a county (${referralsPerYear.toLocaleString('en-GB')} referrals a year) into the store`);
    const filled = await appendToStore(new CountySimulation(countyConfig('county', { years: 1, seed: 7, referralsPerYear })), { env });
    storage = await openStorage(loadConfiguration(env), createLogger('error'));
    const { database, eventStore: store } = storage;
    const dataSource = await openReadModelDataSource(database);
    const projections = readModelProjections(DEFAULT_LOCAL_STANDARDS);
    // Annex A reads the child tracker, which joins the continuity and timeliness read models.
    for (const name of ['child-tracker', 'continuity', 'timeliness'] as const) {
      await prepareReadModel(database, projections[name]);
      await rebuildReadModel({ store, database, dataSource, projection: projections[name], logger: QUIET, batchSize: 1_000 });
    }
    const source: ReturnSource = { store, readModels: dataSource };
    const year = collectionYear(2025);
    const note = `${filled.appended.toLocaleString('en-GB')} events`;
    const exports: Array<[string, () => Promise<string>]> = [
      ['CIN census 2025 (XML)', async () => `${(await exportCinCensus(source, { year, now: new Date(), release: 'bench' })).children} children`],
      ['SSDA903 2025 (CSV tables and XML)', async () => `${(await exportSsda903(source, { year })).children} children`],
      ['Annex A as at 31 March 2025 (xlsx)', async () => `${(await exportAnnexA(source, { asAt: '2025-03-31' })).rows.list_6} children in need`],
      ['Annex A as at 30 September 2024 (xlsx)', async () => `${(await exportAnnexA(source, { asAt: '2024-09-30' })).rows.list_6} children in need`],
      ['CSC API as at 31 March 2025 (NDJSON)', async () => `${(await exportCscApi(source, { asAt: '2025-03-31' })).children.length} children`],
    ];
    const figures: Figure[] = [];
    for (const [name, run] of exports) {
      const seconds: number[] = [];
      const peaks: number[] = [];
      let written = '';
      for (let i = 0; i < options.samples; i++) {
        const measured = await measure(run);
        seconds.push(measured.seconds);
        peaks.push(measured.peakMb);
        written = measured.result;
      }
      progress(`returns: ${name}: ${seconds.map((s) => s.toFixed(2)).join(', ')} s; ${written}`);
      figures.push({ suite: SUITE, backend: 'postgres', name: `${name}: seconds`, unit: 's', samples: seconds, note: `${note}; ${written}` });
      figures.push({ suite: SUITE, backend: 'postgres', name: `${name}: peak resident memory`, unit: 'MB', samples: peaks, note });
    }
    await dataSource.destroy();
    return figures;
  } finally {
    await storage?.eventStore.close();
    await storage?.database.close();
    await scratch.drop();
  }
}

/** Wall time and the highest resident set size seen (sampled every 10 ms) while the export ran. */
async function measure<T>(run: () => Promise<T>): Promise<{ seconds: number; peakMb: number; result: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = process.hrtime.bigint();
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: Math.round(peak / 1024 / 1024), result };
  } finally {
    clearInterval(timer);
  }
}
