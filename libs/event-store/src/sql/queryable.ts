/** The part of node-postgres' Pool the SQL adapters use; PGlite's node-postgres adapter provides it too. */
export interface QueryResultLike<Row> {
  rows: Row[];
  rowCount: number | null;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResultLike<Row>>;
}

export interface PoolClientLike extends Queryable {
  release(error?: Error | boolean): void;
}

export interface PoolLike extends Queryable {
  connect(): Promise<PoolClientLike>;
  end(): Promise<void>;
}

/** Runs `work` in one transaction on one connection, committing on success and rolling back on error. */
export async function inTransaction<T>(pool: PoolLike, work: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
