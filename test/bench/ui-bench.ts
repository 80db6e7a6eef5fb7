import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAuthKeys, signJwt } from '@csc/auth';
import { createLogger, loadConfiguration, openStorage } from '@csc/runtime';
import { countyConfig } from '../../apps/cli/src/generate';
import { CountySimulation } from '../../apps/cli/src/generate/simulation/county-simulation';
import { appendToStore } from '../../apps/cli/src/generate/sinks/store-sink';
import { createApplication } from '../../apps/case-tracker/src/application';
import { progress, type Figure } from './bench-report';
import { latencies, listen, percentile, sample, timedGet } from './projections-bench';
import { createScratchDatabase } from './store-bench';

const SUITE = 'pages: each page and the one API request behind it';
const SECRET = 'ui-bench-secret-not-for-production-0123456789';
const START = '2025-04-01';

export interface UiBenchOptions {
  databaseUrl?: string;
  samples: number;
  /** 1 = a county (6,000 referrals a year) over one year. */
  scale: number;
}

/**
 * For each page: the p50 and p99 of the API request that carries its data, and of the whole page (the HTML,
 * rendered by the service) through the session cookie, on a generated county whose read models are built.
 */
export async function runUiBench(options: UiBenchOptions): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'csc-ui-bench-'));
  const scratch = options.databaseUrl ? await createScratchDatabase(options.databaseUrl, 'csc_bench_ui') : undefined;
  const backend = scratch ? 'postgres' : 'pglite';
  const env = {
    ...(scratch ? { DATABASE_URL: scratch.url } : { CSC_DATA_DIR: dataDir }),
    LOG_LEVEL: 'error',
    AUTH_JWT_SECRET: SECRET,
    RATE_LIMIT_PER_MINUTE: '1000000',
    READ_MODEL_WAIT_MS: '60000',
  };
  try {
    const referralsPerYear = Math.max(200, Math.round(6_000 * options.scale));
    const config = countyConfig('county', { referralsPerYear, workers: Math.max(12, Math.round(referralsPerYear / 20.7)), years: 1, seed: 21, start: START });
    progress(`ui: generating a county of ${referralsPerYear.toLocaleString('en-GB')} referrals a year into ${backend}`);
    const filled = await appendToStore(new CountySimulation(config), { env });
    const settings = loadConfiguration(env);
    const storage = await openStorage(settings, createLogger('error'));
    const app = await createApplication({ config: settings, logger: createLogger('error'), storage, authKey: resolveAuthKeys(settings).verification });
    try {
      const base = await listen(app);
      const admin = { authorization: `Bearer ${tokenFor(['admin'])}` };
      const head = await storage.eventStore.headPosition();
      const started = performance.now();
      for (const path of ['/v1/metrics/timeliness', '/v1/metrics/continuity', '/v1/metrics/waiting', '/v1/metrics/caseloads']) {
        const response = await fetch(`${base}${path}?minPosition=${head}`, { headers: admin });
        if (!response.ok) throw new Error(`${path} did not catch up: ${response.status} ${await response.text()}`);
      }
      progress(`ui: ${filled.appended.toLocaleString('en-GB')} events; read models caught up in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      const asOf = '2026-03-31';
      const overdue = (await (await fetch(`${base}/v1/trackers/overdue?asOf=${asOf}&limit=2000`, { headers: admin })).json()) as {
        clocks: Array<{ childId: string; teamId: string | null }>;
      };
      const children = [...new Set(overdue.clocks.map((clock) => clock.childId))];
      const teams = [...new Set(overdue.clocks.map((clock) => clock.teamId).filter((team): team is string => Boolean(team)))];
      const pick = <T>(items: readonly T[], i: number): T => items[(i * 7919) % items.length];
      const pages: Array<[string, (i: number) => string, (i: number) => string]> = [
        ['child tracker', (i) => `/v1/children/${pick(children, i)}/tracker?asOf=${asOf}`, (i) => `/ui/children/${pick(children, i)}?asOf=${asOf}`],
        ['team worktray', (i) => `/v1/teams/${pick(teams, i)}/worktray?asOf=${asOf}`, (i) => `/ui/teams/${pick(teams, i)}?asOf=${asOf}`],
        ['waiting', () => `/v1/metrics/waiting?to=${asOf}`, () => `/ui/waiting?to=${asOf}`],
        ['timeliness', () => `/v1/metrics/timeliness?from=${START}&to=${asOf}`, () => `/ui/timeliness?from=${START}&to=${asOf}`],
        ['continuity', () => `/v1/metrics/continuity/trend?asOf=${asOf}`, () => `/ui/continuity?asOf=${asOf}`],
        ['caseloads', () => `/v1/metrics/caseloads?asOf=${asOf}`, () => `/ui/caseloads?asOf=${asOf}`],
        ['board pack', () => `/v1/metrics/board?month=2026-03`, () => `/ui/board?month=2026-03`],
      ];
      const requests = Math.max(20, Math.round(Number(process.env.BENCH_UI_REQUESTS ?? 100)));
      const bearer = { authorization: `Bearer ${tokenFor(['admin'])}` };
      const cookie = { cookie: `csc_ui_token=${tokenFor(['admin'])}` };
      const figures: Figure[] = [];
      for (const [name, api, page] of pages) {
        for (const [kind, path, headers] of [
          ['API request', api, bearer],
          ['page', page, cookie],
        ] as const) {
          for (let i = 0; i < 5; i++) await timedGet(`${base}${path(i)}`, headers);
          const rounds = await sample(options.samples, () => latencies(requests, (i) => timedGet(`${base}${path(i)}`, headers)));
          for (const p of [50, 99]) {
            const figure: Figure = {
              suite: SUITE,
              backend,
              name: `${name}: ${kind}, p${p}`,
              unit: 'ms',
              samples: rounds.map((round) => percentile(round, p)),
              note: `${filled.appended.toLocaleString('en-GB')} events; ${requests} sequential requests per sample`,
            };
            progress(`ui: ${figure.name}: ${[...figure.samples].sort((a, b) => a - b)[Math.floor(figure.samples.length / 2)].toFixed(1)} ms`);
            figures.push(figure);
          }
        }
      }
      return figures;
    } finally {
      await app.close();
    }
  } finally {
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function tokenFor(roles: string[]): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ sub: 'ui-bench', roles, iat: now, exp: now + 24 * 3600 }, { algorithm: 'HS256', key: SECRET });
}
