import type { DataSource } from 'typeorm';
import { inTransaction, type EventStore, type SqlDatabase } from '@csc/event-store';
import type { Projection } from '../projection';
import { prepareReadModel } from './prepare-read-model';
import { ProjectionRunner, type RunnerLogger } from './projection-runner';

export interface RebuildProgress {
  phase: 'preparing' | 'replaying' | 'switching' | 'done' | 'failed';
  applied: number;
  position: number;
  head: number;
  error?: string;
}

export interface RebuildOptions {
  store: EventStore;
  database: SqlDatabase;
  dataSource: DataSource;
  projection: Projection;
  logger: RunnerLogger;
  onProgress?: (progress: RebuildProgress) => void;
  batchSize?: number;
  /**
   * The checkpoint of the runner that feeds the live version: the projection's own by default, or the
   * engine's that feeds every read model together (`read-models`).
   */
  liveCheckpoint?: string;
}

/**
 * Builds a new version of a read model from the start of the log into a schema of its own while the
 * current version keeps answering queries, then switches over in one transaction: the schemas swap
 * names and the live checkpoint jumps to where the rebuild stopped. A runner of the old version,
 * here or in another process, finds its checkpoint moved and carries on from there into the new
 * tables. The old version is dropped after the switch, with the children it had parked: after a fix,
 * a rebuild is how a parked child is released, without a restart.
 */
export async function rebuildReadModel(options: RebuildOptions): Promise<RebuildProgress> {
  const { projection, database, store, dataSource } = options;
  const next = `${projection.schema}__rebuild`;
  const retired = `${projection.schema}__retired`;
  const checkpointName = `${projection.name}@rebuild`;
  const live = options.liveCheckpoint ?? projection.name;
  const report = (progress: RebuildProgress): RebuildProgress => {
    options.onProgress?.(progress);
    return progress;
  };

  report({ phase: 'preparing', applied: 0, position: 0, head: await store.headPosition() });
  await database.pool.query(`DROP SCHEMA IF EXISTS ${next} CASCADE`);
  await database.pool.query(`DROP SCHEMA IF EXISTS ${retired} CASCADE`);
  await prepareReadModel(database, projection, next);
  await database.pool.query('DELETE FROM projections.checkpoints WHERE projection = $1', [checkpointName]);
  await database.pool.query('DELETE FROM projections.parked_subjects WHERE projection = $1', [checkpointName]);

  const runner = new ProjectionRunner({
    store,
    dataSource,
    projection,
    logger: options.logger,
    checkpointName,
    schema: next,
    stopWhenCaughtUp: true,
    batchSize: options.batchSize,
  });
  const ticker = setInterval(() => void progressOf(runner, store).then((progress) => report(progress)), 2_000);
  try {
    runner.start();
    await runner.finished();
  } finally {
    clearInterval(ticker);
  }
  const replayed = runner.status();
  if (replayed.state === 'failed') {
    await database.pool.query(`DROP SCHEMA IF EXISTS ${next} CASCADE`);
    return report({
      phase: 'failed',
      applied: replayed.appliedEvents,
      position: replayed.position,
      head: await store.headPosition(),
      error: JSON.stringify(replayed.failure),
    });
  }

  report({ phase: 'switching', applied: replayed.appliedEvents, position: replayed.position, head: await store.headPosition() });
  await tidy(database, next);
  await inTransaction(database.pool, async (client) => {
    // Holding the live checkpoint's row lock means no batch of the old version is half applied while the schemas swap.
    await client.query('INSERT INTO projections.checkpoints (projection) VALUES ($1) ON CONFLICT (projection) DO NOTHING', [live]);
    await client.query('SELECT position FROM projections.checkpoints WHERE projection = $1 FOR UPDATE', [live]);
    await client.query(`ALTER SCHEMA ${projection.schema} RENAME TO ${retired}`);
    await client.query(`ALTER SCHEMA ${next} RENAME TO ${projection.schema}`);
    // A runner of this read model alone carries on from where the rebuild stopped. An engine that feeds other read
    // models too goes back there if it was ahead, so the new tables miss nothing, and otherwise stays where it is
    // (applying a child's events again changes nothing); it never skips events the others have not applied.
    await client.query(
      `UPDATE projections.checkpoints SET position = ${live === projection.name ? '$2' : 'LEAST(position, $2)'}, updated_at = now(),
         failure = NULL, failed_event_id = NULL, failed_position = NULL, failed_at = NULL WHERE projection = $1`,
      [live, replayed.position],
    );
    await client.query('DELETE FROM projections.checkpoints WHERE projection = $1', [checkpointName]);
    // The children the old version parked go with it; those the new version could not apply take their place.
    await client.query('DELETE FROM projections.parked_subjects WHERE projection = $1', [projection.name]);
    await client.query('UPDATE projections.parked_subjects SET projection = $1 WHERE projection = $2', [projection.name, checkpointName]);
  });
  await database.pool.query(`DROP SCHEMA IF EXISTS ${retired} CASCADE`);
  return report({ phase: 'done', applied: replayed.appliedEvents, position: replayed.position, head: await store.headPosition() });
}

/**
 * Rebuilding rewrites each child's rows many times over: the new tables are mostly dead rows and have no
 * statistics. Vacuum and analyse them before they answer queries, rather than wait for autovacuum.
 */
async function tidy(database: SqlDatabase, schema: string): Promise<void> {
  const { rows } = await database.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  for (const { table_name } of rows) await database.pool.query(`VACUUM (ANALYZE) ${schema}."${table_name}"`);
}

async function progressOf(runner: ProjectionRunner, store: EventStore): Promise<RebuildProgress> {
  const status = runner.status();
  return { phase: 'replaying', applied: status.appliedEvents, position: status.position, head: await store.headPosition().catch(() => 0) };
}
