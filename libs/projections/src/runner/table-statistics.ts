import type { DataSource } from 'typeorm';

/** Events applied since the last analysis below which a catch-up leaves the statistics to autovacuum. */
export const ANALYZE_AFTER_EVENTS = 1_000;

/**
 * Brings the planner's statistics of a read model's tables up to date (PostgreSQL and PGlite `ANALYZE`). Autovacuum
 * does this once a tenth of a table has changed, when it runs at all (it can be turned off, and is on some servers)
 * and only after its next look: a rebuild or a long catch-up writes whole tables faster than that, and the queries
 * on them would be planned as if the tables were still empty (a nested loop over a county's children, seconds where
 * milliseconds do). `tables` are schema-qualified names the projection gave; the rest of the database is not touched.
 */
export async function analyzeTables(dataSource: DataSource, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const [schema, name] = table.split('.');
    await dataSource.query(`ANALYZE ${quoteIdentifier(schema)}.${quoteIdentifier(name)}`);
  }
}

function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
