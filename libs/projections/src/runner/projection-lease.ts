import { abortableDelay } from '@csc/event-store';

/** Whether this process is the one that applies a projection's events, and who is when it is not. */
export interface LeaseStatus {
  state: 'active' | 'standby';
  /** Who holds the lease (`host:pid`), when known; this process itself when active. */
  holder: string | null;
  /** How the lease is kept: one PostgreSQL session's advisory lock, or a single process (PGlite). */
  kind: 'advisory-lock' | 'single-process';
  /** When this process last became active or stood by. */
  since: string;
  /** Why this process stands by or stepped down last (the lock is held elsewhere, the lock connection was lost). */
  reason?: string;
}

/**
 * The right to run one projection among several processes. `acquire` resolves true once this process holds it
 * (false if the signal aborts first); `onLost` is told at once if it is lost afterwards, and the holder must
 * then stop writing.
 */
export interface ProjectionLease {
  acquire(signal: AbortSignal, onLost: (reason: string) => void): Promise<boolean>;
  release(): Promise<void>;
  status(): LeaseStatus;
}

/**
 * PGlite: one process owns the data directory (its lock file refuses a second one), so the lease is held by
 * whoever runs, and never lost.
 */
export function singleProcessLease(holder: string): ProjectionLease {
  const since = new Date().toISOString();
  return {
    acquire: async (signal) => !signal.aborted,
    release: async () => undefined,
    status: () => ({ state: 'active', holder, kind: 'single-process', since }),
  };
}

/** The part of a `pg` Client the lease uses: a connection of its own, never one lent by a pool. */
export interface LeaseConnection {
  connect(): Promise<unknown>;
  query<Row>(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
  end(): Promise<void>;
  on(event: 'error' | 'end', listener: (error?: Error) => void): unknown;
}

export interface AdvisoryLockLeaseOptions {
  /** The projection's checkpoint name: one lease per checkpoint. */
  name: string;
  /** Who this process is, shown to the others (`host:pid`). */
  holder: string;
  /** A new, unconnected client each call. */
  connect: () => LeaseConnection;
  /** How often a standby tries the lock. */
  retryMs?: number;
  /** How often the holder checks that its lock connection still answers, and how long it waits for it. */
  heartbeatMs?: number;
}

/** The first key of every lease's lock, so they cannot meet another advisory lock of the project (migrations use the one-key form). */
const LEASE_NAMESPACE = 'csc.projection-lease';
const KEYS = 'hashtext($1), hashtext($2)';

/**
 * A lease kept as a session-level advisory lock on a connection of its own. PostgreSQL releases the lock the
 * moment that session ends, so when the holder dies (killed, its host gone, its connection cut) a standby
 * trying every `retryMs` takes over within about that long, with no lease row to expire and no clock to
 * trust. The holder checks its connection every `heartbeatMs`; an error, an end, or a check that does not
 * answer in time means the lock may be gone, so it steps down at once and reconnects as a standby.
 */
export function advisoryLockLease(options: AdvisoryLockLeaseOptions): ProjectionLease {
  const retryMs = options.retryMs ?? 1_000;
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  let connection: LeaseConnection | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let current: LeaseStatus = { state: 'standby', holder: null, kind: 'advisory-lock', since: new Date().toISOString(), reason: 'not yet tried' };
  const become = (state: LeaseStatus['state'], holder: string | null, reason?: string): void => {
    if (current.state !== state || current.holder !== holder) current = { state, holder, kind: 'advisory-lock', since: new Date().toISOString(), reason };
    else current = { ...current, reason };
  };

  const drop = (): void => {
    clearInterval(heartbeat);
    heartbeat = undefined;
    const lost = connection;
    connection = undefined;
    // Ending the session is what releases the lock if the server still has it; never wait on a dead socket.
    void lost?.end().catch(() => undefined);
  };

  const open = async (onGone: (reason: string) => void): Promise<LeaseConnection> => {
    const client = options.connect();
    let gone = false;
    const lose = (reason: string): void => {
      if (gone) return;
      gone = true;
      if (connection === client) onGone(reason);
    };
    client.on('error', (error) => lose(`the lock connection failed: ${error?.message ?? 'unknown error'}`));
    client.on('end', () => lose('the lock connection ended'));
    await client.connect();
    await client.query(`SELECT set_config('application_name', $1, false)`, [`csc-projections ${options.holder}`]);
    return client;
  };

  const holderElsewhere = async (client: LeaseConnection): Promise<string | null> => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = hashtext($1)::oid AND l.objid = hashtext($2)::oid`,
      [LEASE_NAMESPACE, options.name],
    );
    return rows[0]?.name.replace(/^csc-projections /, '') ?? null;
  };

  return {
    async acquire(signal, onLost) {
      let lostBeforeHeld: string | undefined;
      while (!signal.aborted) {
        try {
          lostBeforeHeld = undefined;
          connection ??= await open((reason) => {
            lostBeforeHeld = reason;
            if (current.state === 'active') {
              become('standby', null, reason);
              drop();
              onLost(reason);
            } else drop();
          });
          const client = connection;
          const { rows } = await client.query<{ held: boolean }>(`SELECT pg_try_advisory_lock(${KEYS}) AS held`, [LEASE_NAMESPACE, options.name]);
          if (rows[0].held && !lostBeforeHeld && connection === client) {
            become('active', options.holder);
            heartbeat = setInterval(() => void check(client, onLost), heartbeatMs);
            heartbeat.unref();
            return true;
          }
          become('standby', await holderElsewhere(client), 'the lease is held by another process');
        } catch (error) {
          become('standby', null, `cannot reach the database for the lease: ${(error as Error).message}`);
          drop();
        }
        await abortableDelay(retryMs, signal);
      }
      return false;
    },
    async release() {
      if (!connection) return;
      const client = connection;
      const wasActive = current.state === 'active';
      clearInterval(heartbeat);
      heartbeat = undefined;
      connection = undefined;
      become('standby', null, 'released');
      if (wasActive) await client.query(`SELECT pg_advisory_unlock(${KEYS})`, [LEASE_NAMESPACE, options.name]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
    status: () => ({ ...current }),
  };

  async function check(client: LeaseConnection, onLost: (reason: string) => void): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the lock connection did not answer within ${heartbeatMs} ms`)), heartbeatMs);
        }),
      ]);
    } catch (error) {
      if (connection !== client || current.state !== 'active') return;
      const reason = (error as Error).message;
      become('standby', null, reason);
      drop();
      onLost(reason);
    } finally {
      clearTimeout(timer);
    }
  }
}
