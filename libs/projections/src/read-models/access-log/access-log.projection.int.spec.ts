import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openPgliteDatabase, openPostgresDatabase, openSqlEventStore, type EventStore, type JsonObject, type SqlDatabase } from '@csc/event-store';
import { describeWith } from '@csc/test-support';
import { createScratchDatabase } from '../../../../../test/support/scratch-database';
import { openReadModelDataSource } from '../../read-model-data-source';
import { prepareReadModel } from '../../runner/prepare-read-model';
import { ProjectionRunner, type RunnerLogger } from '../../runner/projection-runner';
import { accessStreamId, CHILD_RECORD_READ, type ChildRecordReadData } from './access-log.events';
import { ACCESS_LOG_SCHEMA, accessLogProjection } from './access-log.projection';
import { accessLogRows } from './access-log.queries';

const quiet: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function describeOnBothDatabases(title: string, body: (open: () => Promise<{ database: SqlDatabase; drop?: () => Promise<void> }>) => void): void {
  describe(`${title} [PGlite]`, () => body(async () => ({ database: await openPgliteDatabase({ dataDir: 'memory' }) })));
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) =>
    body(async () => {
      const scratch = await createScratchDatabase(value, 'csc_access_rm');
      return { database: openPostgresDatabase({ connectionString: scratch.url, poolSize: 5 }), drop: scratch.drop };
    }),
  );
}

describeOnBothDatabases('the access log read model', (open) => {
  let database: SqlDatabase;
  let drop: (() => Promise<void>) | undefined;
  let store: EventStore;
  let dataSource: DataSource;

  const look = (childId: string, subject: string, at: string): ChildRecordReadData => ({
    childId,
    subject,
    roles: ['auditor'],
    what: 'history',
    parameters: { occurredBy: '2024-03-31' },
    at,
    via: 'http',
  });
  const append = (data: object) =>
    store.appendToStream(
      accessStreamId(String((data as { childId?: string }).childId ?? 'X')),
      [{ eventId: randomUUID(), type: CHILD_RECORD_READ, data: data as JsonObject }],
      {
        expectedRevision: 'any',
      },
    );
  const catchUp = async () => {
    const runner = new ProjectionRunner({ store, dataSource, projection: accessLogProjection, logger: quiet, stopWhenCaughtUp: true, batchSize: 2 });
    runner.start();
    await runner.finished();
    return runner.status();
  };
  const everything = () => accessLogRows(dataSource, ACCESS_LOG_SCHEMA, { limit: 1_000 });

  beforeAll(async () => {
    ({ database, drop } = await open());
    store = (await openSqlEventStore(database, { pollIntervalMs: 20 })).store;
    dataSource = await openReadModelDataSource(database);
    await prepareReadModel(database, accessLogProjection);
    await append(look('A', 'jane', '2024-06-01T09:00:00.000Z'));
    await append(look('A', 'ken', '2024-06-02T09:00:00.000Z'));
    await append(look('B', 'jane', '2024-06-03T09:00:00.000Z'));
    await store.appendToStream('child-A', [{ eventId: randomUUID(), type: 'ReferralReceived', data: { referralId: 'R1' } }], { expectedRevision: 'any' });
    expect((await catchUp()).state).not.toBe('failed');
  });
  afterAll(async () => {
    await store.close();
    await dataSource.destroy();
    await database.close();
    await drop?.();
  });

  it('holds one row per look, and none for case events', async () => {
    expect((await everything()).map((row) => `${row.read.childId} ${row.read.subject}`)).toEqual(['A jane', 'A ken', 'B jane']);
  });

  it('answers by person, by child and by period, oldest first, with one row more than the page to say another follows', async () => {
    const bySubject = await accessLogRows(dataSource, ACCESS_LOG_SCHEMA, { subject: 'jane', limit: 1 });
    expect(bySubject.map((row) => row.read.childId)).toEqual(['A', 'B']);
    const next = await accessLogRows(dataSource, ACCESS_LOG_SCHEMA, { subject: 'jane', limit: 1, afterPosition: bySubject[0].position });
    expect(next.map((row) => row.read.childId)).toEqual(['B']);
    const inPeriod = await accessLogRows(dataSource, ACCESS_LOG_SCHEMA, {
      fromMs: Date.parse('2024-06-02T00:00:00Z'),
      toMs: Date.parse('2024-06-02T23:59:59Z'),
      limit: 10,
    });
    expect(inPeriod.map((row) => row.read.subject)).toEqual(['ken']);
    expect((await accessLogRows(dataSource, ACCESS_LOG_SCHEMA, { childId: 'B', limit: 10 }))[0].read).toEqual(look('B', 'jane', '2024-06-03T09:00:00.000Z'));
  });

  it('changes nothing when every event is applied a second time', async () => {
    const before = await everything();
    await dataSource.query(`UPDATE projections.checkpoints SET position = 0 WHERE projection = 'access-log'`);
    await catchUp();
    expect(await everything()).toEqual(before);
  });

  it('stops on an access event it cannot read, naming it, rather than skipping it', async () => {
    await append({ childId: 'C', roles: [], what: 'history', parameters: {}, at: '2024-06-04T09:00:00Z' });
    const status = await catchUp();
    expect(status.state).toBe('failed');
    expect(status.failure?.reason).toContain('subject is missing');
  });
});
