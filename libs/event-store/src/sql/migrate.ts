import type { Migration } from './migrations';
import { inTransaction, type PoolLike } from './queryable';

export interface MigrationReport {
  applied: Array<{ version: number; name: string }>;
  current: number;
}

/**
 * Applies the missing migrations of one schema in a single transaction, holding an advisory lock so
 * that two processes starting together cannot both apply them.
 */
export async function migrateSchema(pool: PoolLike, schema: string, migrations: readonly Migration[]): Promise<MigrationReport> {
  assertOrdered(migrations);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.schema_migrations`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations`);
    const done = new Set(rows.map((row) => Number(row.version)));
    const known = new Set(migrations.map((migration) => migration.version));
    const unknown = [...done].filter((version) => !known.has(version));
    if (unknown.length > 0) {
      throw new Error(
        `Schema ${schema} has migration(s) ${unknown.join(', ')} that this build does not know: the database was ` +
          'written by a newer version of the service. Run that version, or restore a backup.',
      );
    }
    const applied: MigrationReport['applied'] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push({ version: migration.version, name: migration.name });
    }
    return { applied, current: Math.max(0, ...migrations.map((migration) => migration.version)) };
  });
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3...; found version ${migration.version} at place ${index + 1}`);
    }
  });
}
