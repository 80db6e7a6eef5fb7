import type { DataSource } from 'typeorm';
import { streamIdFor, toStoredEvent, type CaseEvent } from '@csc/contracts';
import { openPgliteDatabase, openPostgresDatabase, openSqlEventStore, type EventStore, type SqlDatabase } from '@csc/event-store';
import { DEFAULT_LOCAL_STANDARDS } from '@csc/timescales';
import { openReadModelDataSource } from '../src/read-model-data-source';
import { prepareReadModel } from '../src/runner/prepare-read-model';
import { ProjectionRunner, type RunnerLogger } from '../src/runner/projection-runner';
import { allReadModelsEngine, readModelProjections, READ_MODEL_NAMES, type ReadModelName } from '../src/read-models/read-models';
import type { Projection } from '../src/projection';

const quiet: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Every read model over a real store and database of its own: record events as a case management
 * system would send them (in arrival order), catch the projections up, and query.
 */
export class ReadModelHarness {
  readonly projections: Record<ReadModelName, Projection> = readModelProjections(DEFAULT_LOCAL_STANDARDS);
  /** The engine that feeds them all, as the service runs it. */
  readonly engine: Projection = allReadModelsEngine(DEFAULT_LOCAL_STANDARDS);

  private constructor(
    readonly database: SqlDatabase,
    readonly store: EventStore,
    readonly dataSource: DataSource,
    private readonly dropDatabase?: () => Promise<void>,
  ) {}

  /** PGlite in memory when `databaseUrl` is undefined; otherwise that (scratch) PostgreSQL database. */
  static async open(databaseUrl?: string, dropDatabase?: () => Promise<void>): Promise<ReadModelHarness> {
    const database = databaseUrl ? openPostgresDatabase({ connectionString: databaseUrl, poolSize: 5 }) : await openPgliteDatabase({ dataDir: 'memory' });
    const { store } = await openSqlEventStore(database, { pollIntervalMs: 20 });
    const dataSource = await openReadModelDataSource(database);
    const harness = new ReadModelHarness(database, store, dataSource, dropDatabase);
    for (const name of READ_MODEL_NAMES) await prepareReadModel(database, harness.projections[name]);
    return harness;
  }

  /** Appends events in the order given, each stream's together where they are consecutive. */
  async record(...events: CaseEvent[]): Promise<void> {
    for (const event of events) {
      await this.store.appendToStream(streamIdFor(event), [toStoredEvent(event, { channel: 'import' }) as never], { expectedRevision: 'any' });
    }
  }

  /** Runs the engine until every read model has applied everything recorded so far. */
  async catchUp(options: { beforeCommit?: () => void; batchSize?: number } = {}): Promise<void> {
    const runner = new ProjectionRunner({
      store: this.store,
      dataSource: this.dataSource,
      projection: this.engine,
      logger: quiet,
      stopWhenCaughtUp: true,
      batchSize: options.batchSize ?? 50,
      beforeCommit: options.beforeCommit ? () => options.beforeCommit!() : undefined,
    });
    runner.start();
    await runner.finished();
    const status = runner.status();
    if (status.state === 'failed') throw new Error(`the read models failed: ${JSON.stringify(status.failure)}`);
  }

  /** Every row of every table of one read model, in a stable order, to compare two runs. */
  async snapshot(name: ReadModelName): Promise<Record<string, unknown[]>> {
    const schema = this.projections[name].schema;
    const tables = (await this.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'schema_migrations' ORDER BY table_name`,
      [schema],
    )) as Array<{ table_name: string }>;
    const snapshot: Record<string, unknown[]> = {};
    for (const { table_name: table } of tables) {
      // Positions depend on the database's transaction ids; the events themselves and their order are what count.
      const sql =
        table === 'subject_events'
          ? `SELECT stream_id, event FROM ${schema}.${table} ORDER BY stream_id, position`
          : `SELECT * FROM ${schema}.${table} ORDER BY 1, 2, 3`;
      snapshot[table] = (await this.dataSource.query(sql)) as unknown[];
    }
    return snapshot;
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.dataSource.destroy();
    await this.database.close();
    await this.dropDatabase?.();
  }
}
