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
import { ChildKeyStore, EncryptingEventStore, resolveMasterKey } from '@csc/retention';
import { resolveChainKey } from './chain-key';
import type { Configuration } from './configuration';
import type { Logger } from './logger';

export interface Storage {
  database: SqlDatabase;
  /** The store the service reads and writes: children's personal fields encrypted on the way in, decrypted on the way out. */
  eventStore: EventStore;
  /** The events as stored (encrypted): what the hash chains cover and what the Kafka publisher sends. Absent: same as eventStore. */
  storedEventStore?: EventStore;
  /** The children's keys (absent only where a benchmark opens a store without encryption). */
  childKeys?: ChildKeyStore;
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
    const storedEventStore = await openEventStore(config, database, logger, checkpointKey);
    return { ...(await encryptStorage(config, database, storedEventStore, logger)), checkpointKey };
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

/**
 * Puts the encrypting store in front of an opened one: reads the master key (making it on first start when
 * no CSC_MASTER_KEY_FILE is set) and brings the key table up to date.
 */
export async function encryptStorage(config: Configuration, database: SqlDatabase, storedEventStore: EventStore, logger?: Logger): Promise<Storage> {
  const master = resolveMasterKey(config.retention.masterKeyFile, config.retention.generateMasterKey);
  if (master.generated) {
    logger?.warn(
      { masterKeyFile: master.source },
      'No CSC_MASTER_KEY_FILE was set, so the service made a master key. Back it up apart from the database: without it no personal field can be read',
    );
  }
  const childKeys = await ChildKeyStore.open({ pool: database.pool, masterKey: master.key });
  return { database, eventStore: new EncryptingEventStore(storedEventStore, childKeys), storedEventStore, childKeys };
}
