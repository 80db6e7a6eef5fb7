import {
  migrateSchema,
  openEsdbEventStore,
  openPgliteDatabase,
  openPostgresDatabase,
  openSqlEventStore,
  type EventStore,
  type SqlDatabase,
} from '@csc/event-store';
import { CHECKPOINT_MIGRATIONS } from '@csc/projections';
import { resolveChainKey } from './chain-key';
import type { Configuration } from './configuration';
import type { Logger } from './logger';

export interface Storage {
  database: SqlDatabase;
  eventStore: EventStore;
  /** The key stream heads are signed and checked with (chain-key.ts); the store signs with it at every append. */
  checkpointKey?: Buffer;
}

/**
 * Opens the SQL database (PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in the data
 * directory) and the event store chosen by EVENT_STORE, bringing their schemas up to date.
 */
export async function openStorage(config: Configuration, logger: Logger): Promise<Storage> {
  const database =
    config.database.kind === 'postgres'
      ? openPostgresDatabase({
          connectionString: config.database.url,
          poolSize: config.database.poolSize,
          onIdleClientError: (error) => logger.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool will replace it'),
          onClientError: (error) => logger.warn({ err: error }, 'a PostgreSQL connection in use failed; its request is answered 503 and the pool replaces it'),
        })
      : await openPgliteDatabase({
          dataDir: config.database.dataDir,
          onSessionError: (error) => logger.error({ err: error }, 'the embedded database session failed'),
        });
  try {
    // Checkpoints of everything that follows the log (read models, the Kafka publisher) live with the read models.
    await migrateSchema(database.pool, 'projections', CHECKPOINT_MIGRATIONS);
    const checkpointKey = resolveChainKey(config).key;
    const eventStore = await openEventStore(config, database, logger, checkpointKey);
    return { database, eventStore, checkpointKey };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

async function openEventStore(config: Configuration, database: SqlDatabase, logger: Logger, checkpointKey: Buffer): Promise<EventStore> {
  const onRecoverableError = (error: unknown, context: string): void => logger.warn({ err: error }, `event store: ${context}`);
  if (config.eventStore.kind === 'esdb') {
    const store = await openEsdbEventStore({ connectionString: config.eventStore.esdbConnectionString!, onRecoverableError });
    const health = await store.health();
    if (!health.ok) {
      await store.close();
      throw new Error(`EventStoreDB did not answer (${health.detail ?? 'no detail'})`);
    }
    return store;
  }
  const { store, migrations } = await openSqlEventStore(database, {
    pollIntervalMs: config.eventStore.pollIntervalMs,
    onRecoverableError,
    checkpointKey,
  });
  if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, 'event store schema migrated');
  return store;
}
