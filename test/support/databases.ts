import { openPgliteDatabase, openPostgresDatabase, type SqlDatabase } from '@csc/event-store';
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
