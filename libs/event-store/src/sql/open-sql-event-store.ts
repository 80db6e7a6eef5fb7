import type { SqlDatabase } from './sql-database';
import { migrateSchema, type MigrationReport } from './migrate';
import { EVENT_STORE_MIGRATIONS } from './migrations';
import { SqlEventStore, type SqlEventStoreOptions } from './sql-event-store';

export type OpenSqlEventStoreOptions = Omit<SqlEventStoreOptions, 'kind' | 'pool' | 'listen'>;

/** Brings the event store schema up to date, then returns the store over the given database. */
export async function openSqlEventStore(
  database: SqlDatabase,
  options: OpenSqlEventStoreOptions = {},
): Promise<{ store: SqlEventStore; migrations: MigrationReport }> {
  const migrations = await migrateSchema(database.pool, 'event_store', EVENT_STORE_MIGRATIONS);
  const listen = database.listen?.bind(database);
  const store = new SqlEventStore({ ...options, kind: database.kind, pool: database.pool, ...(listen ? { listen } : {}) });
  await store.listenForAppends();
  return { store, migrations };
}
