import { Pool, types, type CustomTypesConfig } from 'pg';
import { getPostgreSQLEventStore, PostgreSQLEventStoreDefaultStreamVersion } from '@event-driven-io/emmett-postgresql';
import type { BenchEvent } from './bench-events';
import { BENCH_POOL_SIZE, type StorePeer } from './store-bench';

/** As many connections as our store gets in the benchmark. */
const POOL_SIZE = BENCH_POOL_SIZE;

/** The type ids whose global parsers Emmett's driver (dumbo) replaces: int8 (to bigint), jsonb and json. */
const REPLACED_TYPES = [20, 3802, 114] as const;

type TextParser = (value: string) => unknown;

/** The parsers Emmett's driver installed, once it has; Emmett's pool reads with them, every other pool with pg's. */
const emmettParsers = new Map<number, TextParser>();

const emmettTypes = {
  getTypeParser: (oid: number, format: 'text' | 'binary' = 'text') =>
    format === 'text' && emmettParsers.has(oid) ? emmettParsers.get(oid)! : types.getTypeParser(oid, format),
} as CustomTypesConfig;

/**
 * Emmett (`@event-driven-io/emmett-postgresql`) on the same PostgreSQL database as our store, appending the same
 * events: its own tables (emt_streams, emt_messages), its own pool of the same size, its own SQL function per append.
 *
 * Emmett's stream version counts events (0n: no stream; 3n after three events) where our revision is the 0-based
 * revision of the last event, so revision r is version r + 1, and 'no-stream' is version 0n: in 0.42 the
 * PostgreSQL store turns STREAM_DOES_NOT_EXIST into "no check" (it reads the current version), while 0n makes it
 * insert the stream row, which fails if the stream exists, the same guarantee as our 'no-stream'.
 * Our event id goes in as `metadata.messageId`, which Emmett stores as the message id and leaves out of the
 * stored metadata, so both stores keep the same id, type, data and metadata.
 */
export const emmettPeer: StorePeer = {
  name: 'Emmett',
  async open(connectionString) {
    const pool = new Pool({ connectionString, max: POOL_SIZE, application_name: 'bench-emmett', types: emmettTypes });
    const store = withGlobalParsersKept(() => getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } }));
    // Creates the schema now; otherwise Emmett creates it on the first append, inside the first timed sample.
    await store.schema.migrate();
    return {
      async append(streamId: string, events: BenchEvent[], expectedRevision: number | 'no-stream') {
        await store.appendToStream(
          streamId,
          events.map((event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata, messageId: event.eventId } })),
          { expectedStreamVersion: expectedRevision === 'no-stream' ? PostgreSQLEventStoreDefaultStreamVersion : BigInt(expectedRevision + 1) },
        );
      },
      async close() {
        await store.close(); // leaves a pool it was given open
        await pool.end();
      },
    };
  },
};

/**
 * Emmett's driver sets pg's process-wide type parsers on its first use (int8 to bigint, JSON through its own
 * serialiser), which would change what every other pool in the process reads, our store's included. This runs
 * `open`, keeps the parsers it installed for Emmett's pool (`emmettTypes`) and puts the previous ones back.
 */
function withGlobalParsersKept<T>(open: () => T): T {
  const before = REPLACED_TYPES.map((oid) => [oid, types.getTypeParser(oid, 'text') as TextParser] as const);
  const result = open();
  for (const [oid, parser] of before) {
    const installed = types.getTypeParser(oid, 'text') as TextParser;
    if (installed !== parser) emmettParsers.set(oid, installed);
    types.setTypeParser(oid, 'text', parser);
  }
  return result;
}
