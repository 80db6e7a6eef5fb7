/** The ids of a stream's latest events, ending at its head, as this process last saw them. */
interface KnownTail {
  headRevision: number;
  /** Lower-case ids in revision order: ids[i] is at revision headRevision - ids.length + 1 + i. */
  ids: string[];
  /** True when `ids` start at the stream's first event. */
  complete: boolean;
}

/**
 * EventStoreDB has no unique index on event ids, so an append looks for its ids among the stream's
 * latest `window` events before writing. This memory holds those ids for streams this process has
 * just read or written, so the usual read-decide-append needs no extra round trip. Bounded: each
 * stream keeps at most `window` ids and the least recently used streams go first past `budget` ids.
 */
export class RecentEventIds {
  private readonly tails = new Map<string, KnownTail>();
  private total = 0;

  constructor(
    readonly window: number,
    private readonly budget = 200_000,
  ) {
    if (!Number.isSafeInteger(window) || window < 1) throw new RangeError(`The retry detection window must be a positive integer; got ${window}`);
  }

  /** Records ids read up to the stream's head, oldest first; `complete` when they start at its first event. */
  remember(streamId: string, headRevision: number, ids: readonly string[], complete: boolean): void {
    const kept = ids.length > this.window ? ids.slice(-this.window) : ids;
    this.store(streamId, { headRevision, ids: kept.map((id) => id.toLowerCase()), complete: complete && kept.length === ids.length });
  }

  /** Records ids just appended after `previousHead`; forgets the stream if its tail was not known there. */
  extend(streamId: string, previousHead: number, ids: readonly string[]): void {
    const tail = this.tails.get(streamId);
    if (!tail || tail.headRevision !== previousHead) {
      this.forget(streamId);
      return;
    }
    this.remember(streamId, previousHead + ids.length, [...tail.ids, ...ids], tail.complete);
  }

  forget(streamId: string): void {
    const tail = this.tails.get(streamId);
    if (!tail) return;
    this.total -= tail.ids.length;
    this.tails.delete(streamId);
  }

  /**
   * The revisions at which any of `eventIds` are stored among the latest `window` events of a stream
   * whose head is `headRevision`; an empty map when none are. Undefined when this process does not
   * know that much of the stream, and must read it first.
   */
  find(streamId: string, headRevision: number, eventIds: readonly string[]): Map<string, number> | undefined {
    const tail = this.tails.get(streamId);
    if (!tail || tail.headRevision !== headRevision || !(tail.complete || tail.ids.length >= this.window)) return undefined;
    this.tails.delete(streamId);
    this.tails.set(streamId, tail);
    const wanted = new Set(eventIds.map((id) => id.toLowerCase()));
    const first = tail.headRevision - tail.ids.length + 1;
    const found = new Map<string, number>();
    tail.ids.forEach((id, index) => {
      if (wanted.has(id)) found.set(id, first + index);
    });
    return found;
  }

  private store(streamId: string, tail: KnownTail): void {
    this.forget(streamId);
    this.tails.set(streamId, tail);
    this.total += tail.ids.length;
    for (const [oldest, { ids }] of this.tails) {
      if (this.total <= this.budget || oldest === streamId) break;
      this.total -= ids.length;
      this.tails.delete(oldest);
    }
  }
}
