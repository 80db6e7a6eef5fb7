import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { openPgliteDatabase, openPostgresDatabase, openSqlEventStore, type SqlDatabase } from '@csc/event-store';
import { createApplication } from '../../apps/case-tracker/src/application';
import { encryptStorage, loadConfiguration, resolveChainKey } from '@csc/runtime';
import type { Clock } from '@csc/runtime';
import type { Storage } from '@csc/runtime';
import { createLogger } from '@csc/runtime';
import { resolveAuthKeys } from '@csc/auth';
import { TEST_JWT_SECRET, testMasterKeyFile } from './tokens';
import { capturedLog } from './captured-log';
import type { LocalStandards } from '@csc/timescales';
import { CHECKPOINT_MIGRATIONS } from '@csc/projections';
import { migrateSchema } from '@csc/event-store';

export interface TestApplication {
  app: NestExpressApplication;
  storage: Storage;
  close(): Promise<void>;
}

export interface TestApplicationOptions {
  /** A PostgreSQL URL, or undefined for a fresh in-memory PGlite. */
  databaseUrl?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  standards?: LocalStandards;
}

/**
 * The whole HTTP application in this process, on a real database, logging warnings and worse to a captured
 * log that is printed only if a test fails.
 */
export async function startTestApplication(options: TestApplicationOptions = {}): Promise<TestApplication> {
  const config = loadConfiguration({
    LOG_LEVEL: 'warn',
    // One master key for every test run: test databases are shared between runs, and each child's key is wrapped by it.
    CSC_MASTER_KEY_FILE: testMasterKeyFile(),
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: '100000',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const logger = createLogger(config.logLevel, capturedLog());
  const database: SqlDatabase = options.databaseUrl
    ? openPostgresDatabase({ connectionString: options.databaseUrl, poolSize: 10 })
    : await openPgliteDatabase({ dataDir: 'memory' });
  await migrateSchema(database.pool, 'projections', CHECKPOINT_MIGRATIONS);
  // A key of the test's own unless it names one (CHAIN_KEY_FILE), as a test must when csc checks the same heads.
  const checkpointKey = config.chainKeyFile ? resolveChainKey(config).key : randomBytes(32);
  const { store } = await openSqlEventStore(database, { pollIntervalMs: 20, checkpointKey });
  const storage: Storage = { ...(await encryptStorage(config, database, store)), checkpointKey };
  const app = await createApplication({
    config,
    logger,
    storage,
    clock: options.clock,
    standards: options.standards,
    authKey: resolveAuthKeys(config).verification,
  });
  await app.init();
  return { app, storage, close: () => app.close() };
}
