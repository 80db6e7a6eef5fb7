import { migrateSchema, type SqlDatabase } from '@csc/event-store';
import type { Projection } from '../projection';
import { CHECKPOINT_MIGRATIONS } from './checkpoints';

/** Brings the checkpoint table and a projection's tables (in `schema`) up to date. */
export async function prepareReadModel(database: SqlDatabase, projection: Projection, schema = projection.schema): Promise<void> {
  await migrateSchema(database.pool, 'projections', CHECKPOINT_MIGRATIONS);
  await migrateSchema(
    database.pool,
    schema,
    projection.migrations.map((migration) => ({ version: migration.version, name: migration.name, sql: migration.sql(schema) })),
  );
}
