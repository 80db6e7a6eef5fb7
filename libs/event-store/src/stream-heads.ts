/** The last event of a stream as the appender last saw it: enough to chain the next event's hash. */
export interface StreamHead {
  /** -1 when the stream has no events. */
  revision: number;
  hash: string;
}

/**
 * A bounded, least-recently-used memory of stream heads, so that an append after a read or another
 * append of the same stream needs no extra round trip. Always verified by the append statement.
 */
export class StreamHeadCache {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): StreamHead | undefined {
    const head = this.heads.get(streamId);
    if (head) {
      this.heads.delete(streamId);
      this.heads.set(streamId, head);
    }
    return head;
  }

  set(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) {
      const oldest = this.heads.keys().next().value;
      if (oldest !== undefined) this.heads.delete(oldest);
    }
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }
}
