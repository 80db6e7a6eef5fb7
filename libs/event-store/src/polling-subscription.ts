import type { RecordedEvent, Subscription, SubscriptionMessage } from './event-store';

/** One read of the log after a position, as far as it is safe to read now. */
export interface LogPage {
  events: RecordedEvent[];
  /** True when the read reached the end of what is safe to read (fewer events than asked for). */
  reachedEnd: boolean;
  /** The last position examined, matching the filter or not; a consumer may stand there after the page's events. */
  examinedTo: number;
  /**
   * With reachedEnd: committed events exist beyond what is safe to read, held back by a transaction that
   * began before them and is still running. The reader is not caught up yet; it waits and reads again.
   */
  heldBack?: boolean;
}

export interface PollingOptions {
  fromPosition: number;
  readPage: (after: number) => Promise<LogPage>;
  /**
   * Resolves when new events may have been appended, or after the poll interval at the latest. `heldBack`:
   * the last read found committed events held back by an older transaction, which no append will announce.
   */
  waitForAppend: (signal: AbortSignal, heldBack: boolean) => Promise<void>;
  /** Called when a read fails; the subscription retries after this many milliseconds. */
  onReadError?: (error: unknown) => number;
}

/**
 * A subscription for stores that are read by polling: reads pages after its position, delivers
 * them, says when it has caught up, then waits for appends. Closing it ends iteration cleanly.
 */
export class PollingSubscription implements Subscription {
  private readonly abort = new AbortController();
  private started = false;

  constructor(private readonly options: PollingOptions) {}

  async close(): Promise<void> {
    this.abort.abort();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    if (this.started) throw new Error('A subscription can be iterated only once');
    this.started = true;
    const generator = this.run();
    return {
      next: () => generator.next(),
      return: async (value?: unknown) => {
        await this.close();
        return generator.return(value as undefined);
      },
    };
  }

  private async *run(): AsyncGenerator<SubscriptionMessage, undefined> {
    const { signal } = this.abort;
    let position = this.options.fromPosition;
    let caughtUp = false;
    let prefetched: Promise<LogPage> | undefined;
    while (!signal.aborted) {
      let page: LogPage;
      try {
        page = await (prefetched ?? this.options.readPage(position));
      } catch (error) {
        const retryInMs = this.options.onReadError?.(error) ?? 1_000;
        await abortableDelay(retryInMs, signal);
        continue;
      } finally {
        prefetched = undefined;
      }
      // While the consumer works through this page, the next one is read: catching up, reads and applies overlap.
      if (!page.reachedEnd) {
        const next = Math.max(page.examinedTo, page.events.at(-1)?.position ?? position);
        prefetched = this.options.readPage(next);
        prefetched.catch(() => undefined);
      }
      for (const event of page.events) {
        if (signal.aborted) return undefined;
        position = event.position;
        yield { kind: 'event', event };
      }
      // Events the filter skipped were examined too: a consumer may stand after them.
      if (page.examinedTo > position) {
        position = page.examinedTo;
        if (signal.aborted) return undefined;
        yield { kind: 'checkpoint', position };
      }
      if (!page.reachedEnd) continue;
      if (!caughtUp && !page.heldBack) {
        caughtUp = true;
        if (signal.aborted) return undefined;
        yield { kind: 'caught-up', position };
      }
      if (signal.aborted) return undefined;
      await this.options.waitForAppend(signal, page.heldBack === true);
    }
    return undefined;
  }
}

/** Waits `ms` milliseconds, or less if the signal aborts first. Never rejects. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
