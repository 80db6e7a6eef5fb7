import * as pg from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { SqlDatabase } from '@csc/event-store';

/**
 * A TypeORM DataSource over the database the event store already opened, sharing its pool: with
 * PGlite that pool is the one session, so TypeORM's transactions cannot interleave with the store's.
 * The database owns the pool, so TypeORM ending it does nothing.
 */
export async function openReadModelDataSource(
  database: SqlDatabase,
  entities: MixedList<string | (new () => unknown) | EntitySchema> = [],
): Promise<DataSource> {
  const pool = database.pool as unknown as {
    connect: (...args: unknown[]) => unknown;
    query: (...args: unknown[]) => unknown;
    on?: (...args: unknown[]) => unknown;
  };
  const sharedPool = {
    connect: (...args: unknown[]) => pool.connect(...args),
    query: (...args: unknown[]) => pool.query(...args),
    on(...args: unknown[]) {
      pool.on?.(...args);
      return sharedPool;
    },
    end: (callback?: (error?: Error) => void) => callback?.(),
  };
  const driver = Object.create(pg, {
    Pool: {
      value: function SharedPool() {
        return sharedPool;
      },
    },
  });
  const dataSource = new DataSource({ type: 'postgres', driver, entities, synchronize: false, migrationsRun: false, logging: false });
  return dataSource.initialize();
}
