import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openSqlEventStore, type EventStore, type EventToAppend, type SqlDatabase } from '@csc/event-store';
import { describeForEachDatabase } from '@csc/test-support';
import { ProjectionError, type Projection } from '../projection';
import { openReadModelDataSource } from '../read-model-data-source';
import { prepareReadModel } from './prepare-read-model';
import { ProjectionRunner, type RunnerLogger } from './projection-runner';

const quiet: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Counts events per stream and remembers every event id, so a repeated event is visible. */
function countingProjection(category: string, options: { poison?: string } = {}): Projection {
  const schema = `rm_test_${category}`;
  return {
    name: `counter-${category}`,
    schema,
    filter: { categories: [category] },
    migrations: [
      {
        version: 1,
        name: 'counts',
        sql: (target) => `CREATE TABLE ${target}.counts (stream_id text PRIMARY KEY, n int NOT NULL);
                          CREATE TABLE ${target}.seen (event_id text PRIMARY KEY);`,
      },
    ],
    async apply(events, { manager, schema: target }) {
      for (const event of events) {
        if (event.type === options.poison) throw new ProjectionError(`counter-${category}`, event.eventId, event.position, 'poison event');
        await manager.query(`INSERT INTO ${target}.seen (event_id) VALUES ($1)`, [event.eventId]);
        await manager.query(`INSERT INTO ${target}.counts (stream_id, n) VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = counts.n + 1`, [
          event.streamId,
        ]);
      }
    },
  };
}

const event = (type = 'Counted'): EventToAppend => ({ eventId: randomUUID(), type, data: {} });

describeForEachDatabase('ProjectionRunner', (openDatabase) => {
  let database: SqlDatabase;
  let store: EventStore;
  let dataSource: DataSource;
  let category: string;

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
    category = `p${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  });

  async function appendTo(stream: string, count: number): Promise<number> {
    let position = 0;
    for (let i = 0; i < count; i++) position = (await store.appendToStream(`${category}-${stream}`, [event()], { expectedRevision: 'any' })).position;
    return position;
  }

  async function counts(projection: Projection): Promise<Record<string, number>> {
    const rows = (await dataSource.query(`SELECT stream_id, n FROM ${projection.schema}.counts ORDER BY stream_id`)) as Array<{ stream_id: string; n: number }>;
    return Object.fromEntries(rows.map((row) => [row.stream_id.slice(category.length + 1), row.n]));
  }

  function runner(projection: Projection, extra: Partial<ConstructorParameters<typeof ProjectionRunner>[0]> = {}): ProjectionRunner {
    return new ProjectionRunner({ store, dataSource, projection, logger: quiet, batchSize: 7, ...extra });
  }

  it('catches up from the start of the log, applies every event once, then follows live appends', async () => {
    const projection = countingProjection(category);
    await prepareReadModel(database, projection);
    await appendTo('a', 20);
    const position = await appendTo('b', 5);
    const projector = runner(projection);
    projector.start();
    expect(await projector.waitForPosition(position, 20_000)).toBe(true);
    expect(await counts(projection)).toEqual({ a: 20, b: 5 });

    const live = await appendTo('a', 3);
    expect(await projector.waitForPosition(live, 20_000)).toBe(true);
    expect(await counts(projection)).toEqual({ a: 23, b: 5 });
    // On a shared database other suites' events lie past `live` too: the checkpoint may already stand after them, and
    // an older transaction elsewhere may keep the runner from declaring itself caught up for a moment.
    const status = projector.status();
    expect(status.appliedEvents).toBe(28);
    expect(status.position).toBeGreaterThanOrEqual(live);
    expect(['catching-up', 'live']).toContain(status.state);
    await projector.stop();
  });

  it('continues from its checkpoint after a restart without repeating an event', async () => {
    const projection = countingProjection(category);
    await prepareReadModel(database, projection);
    const first = await appendTo('a', 10);
    const before = runner(projection);
    before.start();
    await before.waitForPosition(first, 20_000);
    await before.stop();

    const last = await appendTo('a', 4);
    const after = runner(projection);
    after.start();
    expect(await after.waitForPosition(last, 20_000)).toBe(true);
    expect(await counts(projection)).toEqual({ a: 14 });
    expect(after.status().appliedEvents).toBe(4);
    await after.stop();
  });

  it('leaves no trace of a batch whose transaction dies before commit, and applies it exactly once on restart', async () => {
    const projection = countingProjection(category);
    await prepareReadModel(database, projection);
    const last = await appendTo('a', 30);
    // The third batch that carries events dies before commit; the two before it were committed.
    let batchesWithEvents = 0;
    let committedBefore = 0;
    const crashing = runner(projection, {
      beforeCommit: (batch) => {
        if (batch.length === 0) return;
        if (++batchesWithEvents === 3) throw Object.assign(new Error('process killed before commit'), { code: '57P01' });
        committedBefore += batch.length;
      },
    });
    crashing.start();
    while (crashing.status().state !== 'retrying') await new Promise((resolve) => setImmediate(resolve));
    await crashing.stop();
    expect(committedBefore).toBeGreaterThan(0);
    expect(committedBefore).toBeLessThan(30);
    expect(await counts(projection)).toEqual({ a: committedBefore });

    const restarted = runner(projection);
    restarted.start();
    expect(await restarted.waitForPosition(last, 20_000)).toBe(true);
    expect(await counts(projection)).toEqual({ a: 30 });
    await restarted.stop();
  });

  it('stops at an event it cannot apply, names it, keeps the checkpoint before it and applies what came earlier', async () => {
    const projection = countingProjection(category, { poison: 'Poison' });
    await prepareReadModel(database, projection);
    await appendTo('a', 3);
    const poison = await store.appendToStream(`${category}-a`, [event('Poison')], { expectedRevision: 'any' });
    await appendTo('a', 3);
    const projector = runner(projection);
    projector.start();
    await projector.finished();

    const status = projector.status();
    expect(status.state).toBe('failed');
    expect(status.failure).toMatchObject({ position: poison.position, reason: 'poison event' });
    expect(await counts(projection)).toEqual({ a: 3 });
    const [checkpoint] = (await dataSource.query('SELECT position::text, failure, failed_position::text FROM projections.checkpoints WHERE projection = $1', [
      projection.name,
    ])) as Array<Record<string, string>>;
    expect(Number(checkpoint.position)).toBeLessThan(poison.position);
    expect(checkpoint).toMatchObject({ failure: 'poison event', failed_position: String(poison.position) });
  });

  it('names the failing event even when the projection throws an ordinary error mid-batch', async () => {
    const projection = countingProjection(category);
    await prepareReadModel(database, projection);
    await appendTo('a', 2);
    const duplicate = randomUUID();
    await store.appendToStream(`${category}-a`, [{ eventId: duplicate, type: 'Counted', data: {} }], { expectedRevision: 'any' });
    await dataSource.query(`INSERT INTO ${projection.schema}.seen (event_id) VALUES ($1)`, [duplicate]);
    await appendTo('a', 2);
    const projector = runner(projection);
    projector.start();
    await projector.finished();
    expect(projector.status().failure).toMatchObject({ eventId: duplicate });
    expect(await counts(projection)).toEqual({ a: 2 });
  });

  it('keeps figures exact when two runners of one projection race', async () => {
    const projection = countingProjection(category);
    await prepareReadModel(database, projection);
    const last = await appendTo('a', 40);
    const [one, two] = [runner(projection), runner(projection)];
    one.start();
    two.start();
    await Promise.all([one.waitForPosition(last, 20_000), two.waitForPosition(last, 20_000)]);
    await Promise.all([one.stop(), two.stop()]);
    expect(await counts(projection)).toEqual({ a: 40 });
  });
});
