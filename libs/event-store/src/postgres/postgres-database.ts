import { Client, Pool } from 'pg';
import type { SqlDatabase } from '../sql/sql-database';
import type { PoolLike } from '../sql/queryable';

export interface PostgresDatabaseOptions {
  connectionString: string;
  poolSize?: number;
  applicationName?: string;
  /** Idle connections can fail (the server restarts); the pool replaces them, and this hears of it. */
  onIdleClientError?: (error: Error) => void;
  /** A connection failed while in use (the server went away, or its backend was terminated). */
  onClientError?: (error: Error) => void;
}

export function openPostgresDatabase(options: PostgresDatabaseOptions): SqlDatabase {
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'csc-case-tracker',
    connectionTimeoutMillis: 10_000,
    // Every statement here is short. JIT compilation pays off only for long analytical queries, and a
    // misestimated plan can spend most of a read-model query's time compiling.
    options: '-c jit=off',
  });
  pool.on('error', (error) => options.onIdleClientError?.(error));
  // A connection in use has no pool listener: without one of its own, a backend terminated mid-request
  // (57P01) is an unhandled 'error' event and ends the process. The query in flight fails with the same
  // error, its caller answers 503, and the pool discards the client when it is released.
  pool.on('connect', (client) => client.on('error', (error) => options.onClientError?.(error)));
  let closed = false;
  return {
    kind: 'postgres',
    pool: pool as unknown as PoolLike,
    description: describePostgresUrl(options.connectionString),
    listen: (channel, onNotify) => listenOn(options, channel, onNotify, () => closed),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

const RELISTEN_DELAY_MS = 1_000;

/**
 * Listens on a dedicated connection. A lost connection is reported and replaced after a second; meanwhile
 * subscriptions fall back to polling, so nothing is missed, only heard of later.
 */
async function listenOn(options: PostgresDatabaseOptions, channel: string, onNotify: () => void, closed: () => boolean): Promise<() => Promise<void>> {
  let client: Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const retry = (): void => {
    if (!stopped && !closed()) timer = setTimeout(() => void connect().catch(retry), RELISTEN_DELAY_MS);
  };
  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: options.connectionString, application_name: `${options.applicationName ?? 'csc-case-tracker'} listener` });
    next.on('notification', () => onNotify());
    next.on('error', (error) => {
      options.onIdleClientError?.(error);
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      retry();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
    onNotify();
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => undefined);
  };
}

/** host:port/database of a connection string, never its password. */
export function describePostgresUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'postgres (unparseable DATABASE_URL)';
  }
}
