import { EventEmitter } from 'node:events';
import { abortableDelay } from '../polling-subscription';
import type { PoolLike } from './queryable';

/** The channel appends are announced on (PostgreSQL LISTEN/NOTIFY). */
export const APPENDED_CHANNEL = 'csc_event_store_appended';

export interface AppendAnnouncementsOptions {
  kind: 'postgres' | 'pglite';
  pool: PoolLike;
  /** PostgreSQL: listens for appends announced by other processes; resolves to a function that stops listening. */
  listen?: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
  onRecoverableError?: (error: unknown, context: string) => void;
}

/**
 * One in-process announcer per database pool, so every store opened over the same database in this process wakes
 * on the others' appends too (with PGlite they are all there is: the fallback poll is long).
 */
const appendedByPool = new WeakMap<PoolLike, EventEmitter & { announced: number }>();
function appendedOn(pool: PoolLike): EventEmitter & { announced: number } {
  let emitter = appendedByPool.get(pool);
  if (!emitter) {
    emitter = Object.assign(new EventEmitter().setMaxListeners(0), { announced: 0 });
    // Counted as heard, so a subscription can tell an append it has not read from one it has.
    emitter.on('appended', () => (emitter!.announced += 1));
    appendedByPool.set(pool, emitter);
  }
  return emitter;
}

/**
 * How a store's subscriptions hear of appends without polling: in process always, and on PostgreSQL from other
 * processes too, by NOTIFY (coalesced: one in flight at a time) and LISTEN. Polling stays the fallback.
 */
export class AppendAnnouncements {
  private readonly appended: EventEmitter & { announced: number };
  private notifying = false;
  private notifyAgain = false;
  private listenStarted = false;
  private listening = false;
  private stopListening: (() => Promise<void>) | undefined;
  private closed = false;

  constructor(private readonly options: AppendAnnouncementsOptions) {
    this.appended = appendedOn(options.pool);
  }

  /** Wakes this process's subscriptions, and on PostgreSQL other processes' too. */
  announce(): void {
    this.appended.emit('appended');
    if (this.options.kind !== 'postgres' || !this.options.listen) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    void this.options.pool
      .query(`NOTIFY ${APPENDED_CHANNEL}`)
      .catch((error: unknown) => this.options.onRecoverableError?.(error, 'could not announce an append; other processes will poll'))
      .finally(() => {
        this.notifying = false;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.announce();
        }
      });
  }

  /** How many appends have been heard of (made here, or NOTIFY from other processes): it only grows. */
  get announced(): number {
    return this.appended.announced;
  }

  /** Whether every append reaches this process's subscriptions without polling (PGlite has no other process). */
  get complete(): boolean {
    return this.options.kind === 'pglite' || this.listening;
  }

  /**
   * PostgreSQL: starts hearing of appends by other processes. Best effort: if it cannot listen, subscriptions
   * poll instead, and a later call tries again.
   */
  async listen(): Promise<void> {
    if (this.options.kind !== 'postgres' || !this.options.listen || this.listenStarted) return;
    this.listenStarted = true;
    try {
      const stop = await this.options.listen(APPENDED_CHANNEL, () => this.appended.emit('appended'));
      this.listening = true;
      this.stopListening = async () => {
        this.listening = false;
        await stop();
      };
      if (this.closed) await this.stopListening();
    } catch (error) {
      this.listenStarted = false;
      this.options.onRecoverableError?.(error, 'could not listen for appends; polling instead');
    }
  }

  /** Resolves at the next append announced, after pollIntervalMs, or when the signal aborts, whichever is first. */
  waitForAppend(signal: AbortSignal, pollIntervalMs: number): Promise<void> {
    if (this.closed) return abortableDelay(0, signal);
    return new Promise((resolve) => {
      const wake = new AbortController();
      const done = (): void => {
        this.appended.off('appended', done);
        signal.removeEventListener('abort', done);
        wake.abort();
        resolve();
      };
      this.appended.once('appended', done);
      signal.addEventListener('abort', done, { once: true });
      void abortableDelay(pollIntervalMs, wake.signal).then(done);
    });
  }

  /** Wakes every waiter for the last time and stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    this.appended.emit('appended');
    await this.stopListening?.().catch(() => undefined);
  }
}
