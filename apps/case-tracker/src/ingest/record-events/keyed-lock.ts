/**
 * Runs work for one key at a time, in arrival order; different keys run side by side. Requests for
 * the same child in one process queue here instead of racing to append, so only writers in other
 * processes can conflict.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /**
   * Runs work holding every key at once. Keys are taken in sorted order, so two callers wanting
   * overlapping sets can never each hold a key the other waits for.
   */
  async runAll<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const holdFrom = (at: number): Promise<T> => (at === sorted.length ? work() : this.run(sorted[at], () => holdFrom(at + 1)));
    return holdFrom(0);
  }
}
