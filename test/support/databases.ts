import { openPgliteDatabase, openPostgresDatabase, openSqlEventStore, type EventStore, type SqlDatabase } from '@csc/event-store';
import { describeWith } from './external-services';
import { createScratchDatabase } from './scratch-database';

/**
 * Runs a suite once on embedded PGlite and once on PostgreSQL (when DATABASE_URL is reachable;
 * otherwise the PostgreSQL copy shows as skipped with the reason). Each PostgreSQL database opened is a
 * scratch database of its own, dropped on close: a suite that reads the whole log (a new read model
 * catching up from the start) must not depend on how much other suites have written before it.
 */
export function describeForEachDatabase(title: string, body: (openDatabase: () => Promise<SqlDatabase>) => void): void {
  describe(`${title} [PGlite]`, () => body(() => openPgliteDatabase({ dataDir: 'memory' })));
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) =>
    body(async () => {
      const scratch = await createScratchDatabase(value);
      const database = openPostgresDatabase({ connectionString: scratch.url, poolSize: 10 });
      return {
        ...database,
        async close() {
          await database.close();
          await scratch.drop();
        },
      };
    }),
  );
}

/** What `openEventStoreForSuite` hands over once the suite's database and store are open. */
export interface SuiteEventStore {
  readonly database: SqlDatabase;
  readonly store: EventStore;
}

/**
 * Opens a database and the SQL event store on it before the suite's tests (passing both to `opened`) and closes
 * both after them: the set-up every suite that talks to the store directly repeats.
 */
export function openEventStoreForSuite(openDatabase: () => Promise<SqlDatabase>, opened: (suite: SuiteEventStore) => void): void {
  let suite: SuiteEventStore | undefined;
  beforeAll(async () => {
    const database = await openDatabase();
    suite = { database, store: (await openSqlEventStore(database, { pollIntervalMs: 20 })).store };
    opened(suite);
  });
  afterAll(async () => {
    await suite?.store.close();
    await suite?.database.close();
  });
}
