import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { EventStoreUnavailable, isDatabaseUnavailable } from '../errors';
import { SingleSessionPool } from './single-session-pool';

describe('the PGlite session pool when PGlite fails under it', () => {
  it('answers every later query, the one in flight included, as unavailable rather than with what PGlite threw', async () => {
    const pglite = await PGlite.create();
    const sessionErrors: Error[] = [];
    const pool = new SingleSessionPool(createPgConfig(pglite), (error) => sessionErrors.push(error));
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

    await pglite.close();
    const failures = await Promise.all(
      [pool.query('SELECT 1'), pool.query('SELECT 2')].map((query) =>
        query.then(
          () => undefined,
          (error: unknown) => error,
        ),
      ),
    );

    expect(sessionErrors.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(EventStoreUnavailable);
      expect(isDatabaseUnavailable(failure)).toBe(true);
      expect((failure as Error).message).toContain('PGlite');
    }
    await pool.end();
  });

  it('keeps a statement error a statement error while the session is healthy', async () => {
    const pglite = await PGlite.create();
    const pool = new SingleSessionPool(createPgConfig(pglite));
    const failure = await pool.query('SELECT * FROM no_such_table').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).not.toBeInstanceOf(EventStoreUnavailable);
    expect(isDatabaseUnavailable(failure)).toBe(false);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
    await pglite.close();
  });
});
