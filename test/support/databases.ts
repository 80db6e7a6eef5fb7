import { openPgliteDatabase, openPostgresDatabase, type SqlDatabase } from '@csc/event-store';
import { describeWith } from './external-services';

/**
 * Runs a suite once on embedded PGlite and once on PostgreSQL (when DATABASE_URL is reachable;
 * otherwise the PostgreSQL copy shows as skipped with the reason).
 */
export function describeForEachDatabase(title: string, body: (openDatabase: () => Promise<SqlDatabase>) => void): void {
  describe(`${title} [PGlite]`, () => body(() => openPgliteDatabase({ dataDir: 'memory' })));
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) => body(async () => openPostgresDatabase({ connectionString: value, poolSize: 10 })));
}
