import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Column, Entity, PrimaryColumn, type DataSource } from 'typeorm';
import type { SqlDatabase } from '@csc/event-store';
import { describeForEachDatabase } from '@csc/test-support';
import { openReadModelDataSource } from './read-model-data-source';

@Entity({ name: 'thing', schema: 'rm_datasource_test' })
class Thing {
  @PrimaryColumn('text') id!: string;
  @Column('int') n!: number;
}

describeForEachDatabase('the read model DataSource shares the store database', (openDatabase) => {
  let database: SqlDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openDatabase();
    await database.pool.query(
      'CREATE SCHEMA IF NOT EXISTS rm_datasource_test; CREATE TABLE IF NOT EXISTS rm_datasource_test.thing (id text PRIMARY KEY, n int NOT NULL)',
    );
    dataSource = await openReadModelDataSource(database, [Thing]);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.close();
  });

  it('commits a transaction through entities and raw SQL alike, and rolls a failed one back whole', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await dataSource.transaction(async (manager) => {
      await manager.getRepository(Thing).insert({ id: a, n: 1 });
      await manager.query('INSERT INTO rm_datasource_test.thing VALUES ($1, $2)', [b, 2]);
    });
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.getRepository(Thing).insert({ id: c, n: 3 });
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');

    const stored = await dataSource.getRepository(Thing).findBy([{ id: a }, { id: b }, { id: c }]);
    expect(stored.map((thing) => thing.n).sort()).toEqual([1, 2]);
  });

  it('serves store queries and entity queries concurrently without interleaving transactions', async () => {
    const id = randomUUID();
    const writes = dataSource.transaction(async (manager) => {
      await manager.getRepository(Thing).insert({ id, n: 10 });
      await manager.query('UPDATE rm_datasource_test.thing SET n = n + 1 WHERE id = $1', [id]);
    });
    const reads = Promise.all([database.pool.query('SELECT 1'), dataSource.getRepository(Thing).count()]);
    await Promise.all([writes, reads]);
    expect((await dataSource.getRepository(Thing).findOneByOrFail({ id })).n).toBe(11);
  });

  it('leaves the shared pool open when TypeORM is destroyed: the database owns it', async () => {
    const second = await openReadModelDataSource(database, [Thing]);
    await second.destroy();
    expect((await database.pool.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
  });
});
