import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openSqlEventStore, type EventStore, type SqlDatabase } from '@csc/event-store';
import { describeForEachDatabase } from '@csc/test-support';
import { openReadModelDataSource } from '../read-model-data-source';
import { parkedSubjects } from '../runner/parked-subjects';
import { prepareReadModel } from '../runner/prepare-read-model';
import { ProjectionRunner, type RunnerLogger } from '../runner/projection-runner';
import { rebuildReadModel } from '../runner/rebuild-read-model';
import type { CaseReadModel } from './case-read-model';
import { readModelEngine } from './read-model-engine';

const quiet: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Counts each child's events and keeps the date of the latest. A `Poison` event makes derive throw
 * (until `fixed`); a `Dated` event carries a date the database may refuse to store.
 */
function countingReadModel(name: string, fix: { fixed: boolean }) {
  const model: CaseReadModel = {
    name,
    schema: `rm_${name.replace(/-/g, '_')}`,
    categories: ['child'],
    eventTypes: ['Counted', 'Poison', 'Dated'],
    tables: [{ name: 'counts', subject: 'child', subjectColumn: 'child_id', columns: ['child_id', 'n', 'latest_on'] }],
    migrations: [{ version: 1, name: 'counts', sql: (schema) => `CREATE TABLE ${schema}.counts (child_id text PRIMARY KEY, n int NOT NULL, latest_on date)` }],
    derive(subject, folded) {
      // The test's own event types are not in the contract's catalogue.
      const events = folded.events as unknown as ReadonlyArray<{ eventId: string; type: string; data: Record<string, string> }>;
      const live = events.filter((event) => !events.some((other) => other.type === 'EventRetracted' && other.data.retractedEventId === event.eventId));
      if (!fix.fixed && live.some((event) => event.type === 'Poison')) throw new Error('a poison event');
      const dated = live.filter((event) => event.type === 'Dated').map((event) => event.data.on);
      return {
        counts: [{ child_id: subject.id, n: live.filter((event) => event.type !== 'EventRetracted').length, latest_on: dated[dated.length - 1] ?? null }],
      };
    },
  };
  return readModelEngine({ name, models: [model] });
}

describeForEachDatabase('a read model that meets an event it cannot apply', (openDatabase) => {
  let database: SqlDatabase;
  let store: EventStore;
  let dataSource: DataSource;
  let name: string;

  beforeAll(async () => {
    database = await openDatabase();
    store = (await openSqlEventStore(database, { pollIntervalMs: 20 })).store;
    dataSource = await openReadModelDataSource(database);
  });
  afterAll(async () => {
    await store.close();
    await dataSource.destroy();
    await database.close();
  });
  beforeEach(() => {
    name = `parking-${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  });

  const child = (label: string): string => `child-${name}-${label}`;
  async function append(label: string, type: string, data: object = {}): Promise<{ eventId: string; position: number }> {
    const eventId = randomUUID();
    const { position } = await store.appendToStream(
      child(label),
      [
        {
          eventId,
          type,
          data: { childId: `${name}-${label}`, ...data },
          metadata: { schemaVersion: 1, childId: `${name}-${label}`, occurredAt: '2024-03-04', source: { system: 'test' } },
        },
      ],
      {
        expectedRevision: 'any',
      },
    );
    return { eventId, position };
  }
  async function counts(schema: string): Promise<Record<string, number>> {
    // The database is shared with other suites: count only this test's children.
    const rows = (await dataSource.query(`SELECT child_id, n FROM ${schema}.counts WHERE child_id LIKE $1 ORDER BY child_id`, [`${name}-%`])) as Array<{
      child_id: string;
      n: number;
    }>;
    return Object.fromEntries(rows.map((row) => [row.child_id.slice(name.length + 1), row.n]));
  }
  async function parkedHere(): Promise<Array<{ streamId: string; position: number; reason: string }>> {
    return (await parkedSubjects(database.pool, name)).filter((subject) => subject.streamId.startsWith(`child-${name}-`));
  }
  async function follow(projection: ReturnType<typeof countingReadModel>): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner({ store, dataSource, projection, logger: quiet, batchSize: 4 });
    runner.start();
    expect(await runner.waitForPosition(await store.headPosition(), 20_000)).toBe(true);
    return runner;
  }

  it('parks only the child whose event throws, keeps its rows as they were, and carries on with every other child', async () => {
    const fix = { fixed: false };
    const projection = countingReadModel(name, fix);
    await prepareReadModel(database, projection);
    await append('a', 'Counted');
    await append('a', 'Counted');
    const runner = await follow(projection);
    const poison = await append('a', 'Poison');
    await append('b', 'Counted');
    await append('a', 'Counted');
    await append('c', 'Counted');
    expect(await runner.waitForPosition(await store.headPosition(), 20_000)).toBe(true);

    expect(runner.status().state).not.toBe('failed');
    expect(await counts(projection.schema)).toEqual({ a: 2, b: 1, c: 1 });
    const parked = await parkedHere();
    expect(parked.map(({ streamId, reason }) => ({ streamId, reason }))).toEqual([{ streamId: child('a'), reason: expect.stringContaining('a poison event') }]);
    expect(parked[0].position).toBeGreaterThanOrEqual(poison.position);

    // Later events of other children keep flowing; a's next event still cannot be applied.
    await append('b', 'Counted');
    await append('a', 'Counted');
    expect(await runner.waitForPosition(await store.headPosition(), 20_000)).toBe(true);
    expect(await counts(projection.schema)).toEqual({ a: 2, b: 2, c: 1 });
    expect((await parkedHere()).map((subject) => subject.streamId)).toEqual([child('a')]);

    // Retracting the poison releases the child on its next batch.
    await append('a', 'EventRetracted', { retractedEventId: poison.eventId });
    expect(await runner.waitForPosition(await store.headPosition(), 20_000)).toBe(true);
    expect(await counts(projection.schema)).toEqual({ a: 4, b: 2, c: 1 });
    expect(await parkedHere()).toEqual([]);
    await runner.stop();
  });

  it('parks a child whose rows the database refuses to store, and no other', async () => {
    const projection = countingReadModel(name, { fixed: false });
    await prepareReadModel(database, projection);
    await append('a', 'Dated', { on: '2024-03-04' });
    const runner = await follow(projection);
    await append('b', 'Dated', { on: '2024-03-05' });
    await append('a', 'Dated', { on: '0000-01-01' });
    await append('c', 'Dated', { on: '2024-03-06' });
    expect(await runner.waitForPosition(await store.headPosition(), 20_000)).toBe(true);
    expect(await counts(projection.schema)).toEqual({ a: 1, b: 1, c: 1 });
    expect((await parkedHere()).map(({ streamId, reason }) => ({ streamId, reason }))).toEqual([
      { streamId: child('a'), reason: expect.stringContaining(`writing the rows of ${child('a')} failed`) },
    ]);
    await runner.stop();
  });

  it('clears the parked child with a rebuild after a fix, while the live runner keeps running', async () => {
    const fix = { fixed: false };
    const projection = countingReadModel(name, fix);
    await prepareReadModel(database, projection);
    await append('a', 'Poison');
    await append('b', 'Counted');
    const runner = await follow(projection);
    expect((await parkedHere()).map((subject) => subject.streamId)).toEqual([child('a')]);

    fix.fixed = true;
    const rebuilt = await rebuildReadModel({ store, database, dataSource, projection, logger: quiet });
    expect(rebuilt.phase).toBe('done');
    expect(await parkedHere()).toEqual([]);
    expect(await counts(projection.schema)).toEqual({ a: 1, b: 1 });

    await append('a', 'Counted');
    expect(await runner.waitForPosition(await store.headPosition(), 20_000)).toBe(true);
    expect(await counts(projection.schema)).toEqual({ a: 2, b: 1 });
    await runner.stop();
  });
});
