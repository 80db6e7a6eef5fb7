import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { SqlDatabase } from '../sql/sql-database';
import { lockDirectory } from './directory-lock';
import { SingleSessionPool } from './single-session-pool';

export interface PgliteDatabaseOptions {
  /** The service's data directory; the database lives in its `pglite` folder. 'memory' keeps nothing. */
  dataDir: string | 'memory';
  onSessionError?: (error: Error) => void;
}

/**
 * Embedded PostgreSQL (PGlite) through its node-postgres adapter, with exactly one connection: PGlite
 * is a single session, and more than one pooled "connection" would interleave transactions.
 */
export async function openPgliteDatabase(options: PgliteDatabaseOptions): Promise<SqlDatabase> {
  const inMemory = options.dataDir === 'memory';
  const directory = inMemory ? undefined : resolve(options.dataDir);
  const lock = directory ? lockDirectory(directory) : undefined;
  let pglite: PGlite;
  try {
    pglite = directory ? await PGlite.create(join(directory, 'pglite')) : await PGlite.create();
  } catch (error) {
    lock?.release();
    throw error;
  }
  const pool = new SingleSessionPool(createPgConfig(pglite), options.onSessionError);
  let closed = false;
  return {
    kind: 'pglite',
    pool,
    pglite,
    description: directory ? `pglite:${join(directory, 'pglite')}` : 'pglite:memory',
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pool.end();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
