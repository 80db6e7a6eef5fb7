import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openPostgresDatabase, openSqlEventStore, type EventStore, type EventToAppend, type SqlDatabase } from '@csc/event-store';
import { describeWith } from '@csc/test-support';
import { createScratchDatabase } from '../../../../test/support/scratch-database';
import type { Projection } from '../projection';
import { openReadModelDataSource } from '../read-model-data-source';
import { prepareReadModel } from './prepare-read-model';
import { ProjectionRunner } from './projection-runner';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const event = (): EventToAppend => ({ eventId: randomUUID(), type: 'Counted', data: {} });

// On PostgreSQL a reader of the log sees events only below the oldest transaction that holds a transaction id, in any
// database of the server (positions come from transaction ids). A runner that took one at the start of each batch
// would hold back every other subscriber (the Kafka publisher, other read models) for as long as the batch takes.
describeWith('postgres', 'a batch being applied [PostgreSQL]', ({ value }) => {
  let drop: () => Promise<void>;
  let database: SqlDatabase;
  let store: EventStore;
  let dataSource: DataSource;

  beforeAll(async () => {
    const scratch = await createScratchDatabase(value, 'csc_horizon');
    drop = scratch.drop;
    database = openPostgresDatabase({ connectionString: scratch.url, poolSize: 4 });
    // A read waits up to 5 s for older transactions to end: others' (other suites on the same server) end by then,
    // while one this runner held for the batch would not end before the read returned.
    store = (await openSqlEventStore(database, { pollIntervalMs: 20, readHeldBackWaitMs: 5_000 })).store;
    dataSource = await openReadModelDataSource(database);
  });
  afterAll(async () => {
    await store?.close();
    await dataSource?.destroy();
    await database?.close();
    await drop?.();
  });

  it('holds back no other reader until its projection writes: an event appended while the projection works is readable at once', async () => {
    const category = `h${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    let readableWhileApplying: boolean | undefined;
    const projection: Projection = {
      name: `horizon-${category}`,
      schema: `rm_test_${category}`,
      filter: { categories: [category] },
      migrations: [{ version: 1, name: 'seen', sql: (schema) => `CREATE TABLE ${schema}.seen (event_id text PRIMARY KEY);` }],
      async apply(events, { manager, schema }) {
        if (readableWhileApplying === undefined) {
          // Another writer, on another connection, while this batch is read and worked out.
          const appended = await store.appendToStream(`other${category}-1`, [event()], { expectedRevision: 'any' });
          const read = await store.readAll({ fromPosition: appended.position - 1, maxCount: 10 });
          readableWhileApplying = read.some((recorded) => recorded.position === appended.position);
        }
        for (const recorded of events) await manager.query(`INSERT INTO ${schema}.seen (event_id) VALUES ($1)`, [recorded.eventId]);
      },
    };
    await prepareReadModel(database, projection);
    await store.appendToStream(`${category}-1`, [event()], { expectedRevision: 'no-stream' });

    const runner = new ProjectionRunner({ store, dataSource, projection, logger: quiet, stopWhenCaughtUp: true });
    runner.start();
    await runner.finished();

    expect(runner.status().state).not.toBe('failed');
    expect(readableWhileApplying).toBe(true);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM ${projection.schema}.seen`)).toEqual([{ n: 1 }]);
  });
});
