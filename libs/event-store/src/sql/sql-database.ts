import type { PoolLike } from './queryable';

/**
 * An open SQL database: the event store and the read models share it. With PGlite it is one
 * connection, so everything that runs in a transaction must use that transaction's client.
 */
export interface SqlDatabase {
  readonly kind: 'postgres' | 'pglite';
  readonly pool: PoolLike;
  /** Where it is, for logs and /health, without credentials. */
  readonly description: string;
  /** The PGlite instance when kind is 'pglite' (read models connect through it). */
  readonly pglite?: unknown;
  /**
   * PostgreSQL: a connection of its own that LISTENs on a channel and calls `onNotify` for each notification
   * (and after reconnecting, in case one was missed); resolves to a function that stops listening.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
