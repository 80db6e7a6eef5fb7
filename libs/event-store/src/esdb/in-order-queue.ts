/**
 * Puts a client subscription's events and its side signals back in one order. The client pushes
 * events through a Readable stream, but calls `checkpointReached` while events received before the
 * checkpoint may still sit in that stream's buffer; delivering the checkpoint first would let a
 * consumer store a position past events it has not seen. A signal therefore waits until every event
 * that was buffered when it arrived has been taken from the stream.
 */
export class InOrderQueue<T> {
  private taken = 0;
  private readonly ready: T[] = [];
  private readonly waiting: Array<{ afterTaken: number; item: T }> = [];
  private wake?: () => void;
  private failure?: { error: unknown };
  private ended = false;

  get size(): number {
    return this.ready.length;
  }

  /** An event taken from the client stream, in stream order. */
  pushEvent(item: T): void {
    this.taken += 1;
    this.ready.push(item);
    this.releaseSignals();
    this.notify();
  }

  /** A signal raised while `stillBuffered` events were in the client stream's readable buffer. */
  pushSignal(item: T, stillBuffered: number): void {
    this.waiting.push({ afterTaken: this.taken + stillBuffered, item });
    this.releaseSignals();
    this.notify();
  }

  /** The subscription failed: the next `next()` rejects, dropping what was not yet delivered. */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.notify();
  }

  /** Stop: a pending and every later `next()` resolves undefined. */
  end(): void {
    this.ended = true;
    this.notify();
  }

  async next(): Promise<T | undefined> {
    for (;;) {
      if (this.ended) return undefined;
      if (this.failure) throw this.failure.error;
      if (this.ready.length > 0) return this.ready.shift();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private releaseSignals(): void {
    while (this.waiting.length > 0 && this.waiting[0].afterTaken <= this.taken) {
      this.ready.push(this.waiting.shift()!.item);
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
