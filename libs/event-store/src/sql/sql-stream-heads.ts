import type { RecordedEvent, StreamAppend } from '../event-store';
import { GENESIS_HASH } from '../integrity';
import { StreamHeadCache, type StreamHead } from '../stream-heads';
import { READ_HEAD, READ_HEADS } from './sql-statements';

type Query = <Row>(text: string, values: readonly unknown[], what: string) => Promise<{ rows: Row[] }>;

/**
 * The stream heads appends chain from: remembered from the last append or read of a stream (bounded, least recently
 * used first out), else read from the database. The append statement always checks the head it was given.
 */
export class SqlStreamHeads {
  private readonly cache = new StreamHeadCache();

  constructor(private readonly query: Query) {}

  get(streamId: string): StreamHead | undefined {
    return this.cache.get(streamId);
  }

  set(streamId: string, head: StreamHead): void {
    this.cache.set(streamId, head);
  }

  forget(streamId: string): void {
    this.cache.forget(streamId);
  }

  /** The heads a multi-stream append can chain from: remembered, expected empty, or read in one query. */
  async known(appends: readonly StreamAppend[]): Promise<Map<string, StreamHead>> {
    const heads = new Map<string, StreamHead>();
    const unknown: string[] = [];
    for (const { streamId, expectedRevision } of appends) {
      const head = this.cache.get(streamId) ?? (expectedRevision === 'no-stream' ? { revision: -1, hash: GENESIS_HASH } : undefined);
      if (head) heads.set(streamId, head);
      else unknown.push(streamId);
    }
    if (unknown.length === 0) return heads;
    const { rows } = await this.query<{ stream_id: string; revision: number; hash: string | null }>(
      READ_HEADS,
      [unknown],
      `read the heads of ${unknown.length} streams`,
    );
    for (const streamId of unknown) heads.set(streamId, { revision: -1, hash: GENESIS_HASH });
    for (const row of rows) heads.set(row.stream_id, { revision: Number(row.revision), hash: row.hash ?? GENESIS_HASH });
    return heads;
  }

  async read(streamId: string): Promise<StreamHead> {
    const { rows } = await this.query<{ revision: number; hash: string | null }>(READ_HEAD, [streamId], `read the head of ${streamId}`);
    const row = rows[0];
    return row ? { revision: Number(row.revision), hash: row.hash ?? GENESIS_HASH } : { revision: -1, hash: GENESIS_HASH };
  }

  /** After a read of a stream: remembers its head when the read reached it. */
  rememberRead(streamId: string, events: RecordedEvent[], backwards: boolean, from: number, limit: number): void {
    const readToEnd = !backwards && events.length < limit && (events.length > 0 || from === 0);
    const readFromEnd = backwards && from === Number.MAX_SAFE_INTEGER;
    const last = backwards ? events[0] : events[events.length - 1];
    if (!(readToEnd || readFromEnd)) return;
    this.cache.set(streamId, last ? { revision: last.revision, hash: String(last.metadata.hash ?? GENESIS_HASH) } : { revision: -1, hash: GENESIS_HASH });
  }
}
