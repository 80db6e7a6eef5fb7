import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { inTransaction, migrateSchema, type Migration, type PoolLike, type Queryable } from '@csc/event-store';

/**
 * Each child's own data key, in `retention.child_keys`, apart from the events (with EventStoreDB too: the
 * keys stay in the SQL database beside the read models). Stored wrapped (AES-256-GCM) by the master key;
 * destroying a child's key sets it to null and vacuums the table, after which nothing can read the child's
 * personal fields, in the log or in any copy of it.
 */
export const CHILD_KEY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'child keys',
    sql: `
      CREATE TABLE retention.child_keys (
        child_id     text        PRIMARY KEY,
        wrapped_key  bytea,
        created_at   timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        destroyed_by text,
        CONSTRAINT child_keys_destroyed_has_no_key CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
      );
      COMMENT ON TABLE retention.child_keys IS
        'Each child''s data key, wrapped by the master key (CSC_MASTER_KEY_FILE). Null once the child''s record is destroyed.';`,
  },
];

/** A child's key, or the fact that it was destroyed. */
export type ChildKey = { state: 'live'; key: Buffer } | { state: 'destroyed'; destroyedAt: Date; destroyedBy: string };

export interface DestroyedKey {
  childId: string;
  destroyedAt: Date;
  destroyedBy: string;
  /** False when it was destroyed before (nothing changed). */
  destroyedNow: boolean;
}

interface KeyRow {
  child_id: string;
  wrapped_key: Buffer | null;
  destroyed_at: Date | null;
  destroyed_by: string | null;
}

export interface ChildKeyStoreOptions {
  pool: PoolLike;
  masterKey: Buffer;
  /** How long a live key read from the table is trusted before it is read again (another process may destroy it). */
  cacheMs?: number;
  now?: () => number;
}

const CACHE_MS = 30_000;
const MAX_CACHED = 200_000;

export class ChildKeyStore {
  private readonly cache = new Map<string, { key: ChildKey; until: number }>();
  /** Keys already unwrapped, by child and wrapped bytes: re-reading a live key costs a comparison, not a decryption. */
  private readonly unwrapped = new Map<string, { wrapped: Buffer; key: Buffer }>();

  private constructor(private readonly options: ChildKeyStoreOptions) {}

  /** Brings the key table up to date and returns the store. */
  static async open(options: ChildKeyStoreOptions): Promise<ChildKeyStore> {
    await migrateSchema(options.pool, 'retention', CHILD_KEY_MIGRATIONS);
    return new ChildKeyStore(options);
  }

  /**
   * The keys to encrypt new events of these children with (from the cache while it is fresh, like reads: a
   * key destroyed by another process is noticed within `cacheMs`, and by this process at once); a child seen
   * for the first time gets a new key. A destroyed child's entry says so.
   */
  async keysForAppend(childIds: readonly string[]): Promise<Map<string, ChildKey>> {
    const ids = [...new Set(childIds)];
    if (ids.length === 0) return new Map();
    const keys = await this.keysForRead(ids);
    const missing = ids.filter((childId) => !keys.has(childId));
    if (missing.length === 0) return keys;
    const fresh = new Map(missing.map((childId) => [childId, randomBytes(32)]));
    const { rows } = await this.options.pool.query<{ child_id: string }>(
      `INSERT INTO retention.child_keys (child_id, wrapped_key) SELECT * FROM unnest($1::text[], $2::bytea[])
       ON CONFLICT (child_id) DO NOTHING RETURNING child_id`,
      [missing, missing.map((childId) => this.wrap(childId, fresh.get(childId)!))],
    );
    for (const { child_id } of rows) keys.set(child_id, { state: 'live', key: fresh.get(child_id)! });
    // Another writer made the key of a child first (or destroyed it): use what it stored.
    const raced = missing.filter((childId) => !keys.has(childId));
    if (raced.length > 0) for (const [childId, key] of await this.load(this.options.pool, raced)) keys.set(childId, key);
    return keys;
  }

  /**
   * The keys to read these children's events with: from the cache while it is fresh. No entry: the child has no key
   * (nothing encrypted). Those not cached are read through `client` when given (a caller inside a transaction, with
   * PGlite's one connection, would otherwise wait on itself), else through the pool.
   */
  async keysForRead(childIds: readonly string[], client?: Queryable): Promise<Map<string, ChildKey>> {
    const now = this.now();
    const found = new Map<string, ChildKey>();
    const missing: string[] = [];
    for (const childId of new Set(childIds)) {
      const cached = this.cache.get(childId);
      if (cached && cached.until > now) found.set(childId, cached.key);
      else missing.push(childId);
    }
    if (missing.length > 0) for (const [childId, key] of await this.load(client ?? this.options.pool, missing)) found.set(childId, key);
    return found;
  }

  /**
   * Destroys a child's key in the caller's transaction (a child never seen gets a destroyed entry, so no key
   * can be made for it later). Call `vacuum` after the transaction commits.
   */
  async destroy(client: Queryable, childId: string, destroyedBy: string): Promise<DestroyedKey> {
    const { rows: before } = await client.query<KeyRow>(
      'SELECT child_id, wrapped_key, destroyed_at, destroyed_by FROM retention.child_keys WHERE child_id = $1 FOR UPDATE',
      [childId],
    );
    this.forget(childId);
    if (before[0]?.destroyed_at)
      return { childId, destroyedAt: new Date(before[0].destroyed_at), destroyedBy: before[0].destroyed_by ?? '', destroyedNow: false };
    const { rows } = await client.query<KeyRow>(
      `INSERT INTO retention.child_keys (child_id, wrapped_key, destroyed_at, destroyed_by) VALUES ($1, NULL, now(), $2)
       ON CONFLICT (child_id) DO UPDATE SET wrapped_key = NULL, destroyed_at = now(), destroyed_by = $2
       RETURNING child_id, wrapped_key, destroyed_at, destroyed_by`,
      [childId, destroyedBy],
    );
    return { childId, destroyedAt: new Date(rows[0].destroyed_at!), destroyedBy, destroyedNow: true };
  }

  /** Removes the dead copies PostgreSQL keeps of updated rows, so a destroyed key is gone from the table's files too. */
  async vacuum(): Promise<void> {
    await this.options.pool.query('VACUUM retention.child_keys');
  }

  /** Forgets what this process cached of a child's key (after destroying it here). */
  forget(childId: string): void {
    this.cache.delete(childId);
    this.unwrapped.delete(childId);
  }

  /** In one transaction with other work (destruction), for callers that need it. */
  inTransaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    return inTransaction(this.options.pool, work);
  }

  private async load(client: Queryable, childIds: readonly string[]): Promise<Map<string, ChildKey>> {
    const { rows } = await client.query<KeyRow>(
      'SELECT child_id, wrapped_key, destroyed_at, destroyed_by FROM retention.child_keys WHERE child_id = ANY($1::text[])',
      [childIds],
    );
    const now = this.now();
    const keys = new Map<string, ChildKey>();
    for (const row of rows) {
      const key: ChildKey = row.wrapped_key
        ? { state: 'live', key: this.unwrapOnce(row.child_id, Buffer.from(row.wrapped_key)) }
        : { state: 'destroyed', destroyedAt: new Date(row.destroyed_at!), destroyedBy: row.destroyed_by ?? '' };
      keys.set(row.child_id, key);
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      // A destruction is final: it is cached for good; a live key only for a while.
      this.cache.set(row.child_id, { key, until: key.state === 'destroyed' ? Number.POSITIVE_INFINITY : now + (this.options.cacheMs ?? CACHE_MS) });
    }
    return keys;
  }

  private wrap(childId: string, key: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.options.masterKey, iv);
    cipher.setAAD(Buffer.from(childId, 'utf8'));
    const ct = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]);
  }

  private unwrapOnce(childId: string, wrapped: Buffer): Buffer {
    const known = this.unwrapped.get(childId);
    if (known?.wrapped.equals(wrapped)) return known.key;
    const key = this.unwrap(childId, wrapped);
    if (this.unwrapped.size >= MAX_CACHED) this.unwrapped.delete(this.unwrapped.keys().next().value!);
    this.unwrapped.set(childId, { wrapped, key });
    return key;
  }

  private unwrap(childId: string, wrapped: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.options.masterKey, wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(childId, 'utf8'));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    } catch {
      throw new Error(`The key of child ${childId} cannot be unwrapped: CSC_MASTER_KEY_FILE is not the master key this database's keys were made with`);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
