import { Client } from 'pg';
import { EventStoreUnavailable } from '../errors';
import type { PoolClientLike, PoolLike, QueryResultLike } from '../sql/queryable';

type Release = (error?: Error | boolean) => void;

/** What TypeORM needs of a connection besides queries: to hear of session errors while it holds it. */
interface SessionEvents {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}
type ConnectCallback = (error: Error | undefined, client: PoolClientLike | undefined, release: Release) => void;

/**
 * A "pool" of exactly one long-lived pg Client over PGlite's single session. Callers queue for it
 * in order; a failed query never closes the session (pg-pool would, and PGlite's adapter then
 * delivers the old client's end to the next one). A connection released inside a transaction is
 * rolled back, so one caller's failure cannot leave the session in another caller's transaction.
 */
export class SingleSessionPool implements PoolLike {
  private readonly client: Client;
  private connected: Promise<void> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private ended = false;
  /** What broke the session: PGlite failed under it (an abort in its WASM, or closed). It never recovers. */
  private lost: Error | undefined;

  constructor(clientConfig: ConstructorParameters<typeof Client>[0], onError?: (error: Error) => void) {
    this.client = new Client(clientConfig);
    this.client.on('error', (error) => {
      this.lost ??= error;
      onError?.(error);
    });
  }

  async query<Row>(text: string, values?: readonly unknown[]): Promise<QueryResultLike<Row>> {
    const session = await this.connect();
    try {
      return await session.query<Row>(text, values);
    } finally {
      session.release();
    }
  }

  connect(): Promise<PoolClientLike>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<PoolClientLike> | void {
    const acquired = this.acquire();
    if (!callback) return acquired;
    acquired.then(
      (session) => callback(undefined, session, (error) => session.release(error)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }

  end(): Promise<void>;
  end(callback: (error?: Error) => void): void;
  end(callback?: (error?: Error) => void): Promise<void> | void {
    const ending = this.endSession();
    if (!callback) return ending;
    ending.then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  private async endSession(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.queue;
    if (this.connected) await this.client.end();
  }

  /** For libraries that listen to pool events (TypeORM does); the session reports through onError. */
  on(): this {
    return this;
  }

  private async acquire(): Promise<PoolClientLike & SessionEvents> {
    if (this.ended) throw new Error('Cannot use a pool after calling end on the pool');
    let free!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (free = resolve));
    await previous;
    try {
      this.connected ??= this.client.connect().then(() => undefined);
      await this.connected;
    } catch (error) {
      free();
      throw error;
    }
    let released = false;
    const client = this.client;
    return {
      query: <Row>(text: string, values?: readonly unknown[]) => {
        if (released) return Promise.reject(new Error('This connection was released back to the pool'));
        if (this.lost) return Promise.reject(this.unavailable());
        return (client.query(text, values as unknown[]) as unknown as Promise<QueryResultLike<Row>>).catch((error: unknown) => {
          // The session's own failure surfaces in the query in flight as whatever PGlite threw: say what it is.
          throw this.lost ? this.unavailable() : error;
        });
      },
      // TypeORM listens for session errors while it holds the connection.
      on: (event: string, listener: (...args: unknown[]) => void) => client.on(event as 'error', listener),
      removeListener: (event: string, listener: (...args: unknown[]) => void) => client.removeListener(event, listener),
      release: () => {
        if (released) return;
        released = true;
        void this.rollbackIfInTransaction().finally(free);
      },
    };
  }

  private unavailable(): EventStoreUnavailable {
    return new EventStoreUnavailable(`The embedded database (PGlite) failed and cannot be used until the service restarts: ${this.lost?.message}`, {
      cause: this.lost,
    });
  }

  private async rollbackIfInTransaction(): Promise<void> {
    if (this.lost) return;
    const status = (this.client as unknown as { _txStatus?: string | null })._txStatus;
    if (status === 'T' || status === 'E') {
      await this.client.query('ROLLBACK').catch(() => undefined);
    }
  }
}
