import { BACKWARDS, END, WrongExpectedVersionError, type AppendResult as ClientAppendResult, type EventStoreDBClient } from '@eventstore/db-client';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreHealth,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  StreamAppend,
  StreamAppendOutcome,
} from '../event-store';
import { StreamRevisionConflict } from '../errors';
import { appendStreamByStream, assertDistinctStreams } from '../multi-stream-append';
import { assertValidAppend, assertValidStreamId } from '../append-validation';
import { GENESIS_HASH, canonicalJson, chainEvents } from '../integrity';
import { findIdempotentResult } from '../idempotency';
import { StreamHeadCache, type StreamHead } from '../stream-heads';
import { toEventData } from './esdb-events';
import { isInvalidPosition, toAppendError } from './esdb-errors';
import { describeRevision, fromCurrentRevision, satisfies, toAppendRevision, toReadPosition } from './esdb-positions';
import { collect, readHeadPosition, readStreamEvents } from './esdb-reads';
import { followLog, readLastRecordPosition } from './esdb-log';
import { EsdbSubscription } from './esdb-subscription';
import { RecentEventIds } from './recent-event-ids';

export interface EsdbEventStoreOptions {
  client: EventStoreDBClient;
  /**
   * How many of a stream's latest events an append searches for its event ids (EventStoreDB has no
   * unique index on ids). A retry, or an id reused in the same stream, further back is not seen.
   */
  retryDetectionWindow?: number;
  /** Reports failures the store recovers from by itself (a subscription dropping and resuming). */
  onRecoverableError?: (error: unknown, context: string) => void;
}

/** What one append attempt found: done, or the stream was not at the head we chained against. */
type AppendOutcome = { kind: 'appended'; result: AppendResult } | { kind: 'moved'; actual?: number };

const MAX_APPEND_ATTEMPTS = 50;
const HEALTH_TIMEOUT_MS = 5_000;
const EMPTY_STREAM: StreamHead = { revision: -1, hash: GENESIS_HASH };

/** The EventStore port on EventStoreDB (and KurrentDB) through @eventstore/db-client 6.2.1. */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  private readonly client: EventStoreDBClient;
  private readonly heads = new StreamHeadCache();
  private readonly recentIds: RecentEventIds;
  private readonly openSubscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = options.client;
    this.recentIds = new RecentEventIds(options.retryDetectionWindow ?? 1_000);
  }

  /** EventStoreDB's client appends one stream per call: the streams are appended one after another. */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    assertDistinctStreams(appends);
    return appendStreamByStream((streamId, events, options) => this.appendToStream(streamId, events, options), appends);
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    assertValidAppend(streamId, events, options);
    const expected = options.expectedRevision;
    let head = this.heads.get(streamId);
    let headIsFresh = false;
    let lastSeen = -1;
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      if (!head || (!headIsFresh && !satisfies(expected, head.revision))) {
        head = await this.readTail(streamId);
        headIsFresh = true;
      }
      lastSeen = head.revision;
      if (!satisfies(expected, head.revision)) return this.refuse(streamId, events, expected, head.revision);
      const stored = this.recentIds.find(streamId, head.revision, idsOf(events));
      if (!stored || stored.size > 0) {
        // Not enough of the stream known to rule out a retry, or some ids are already stored.
        const original = stored ? await this.resolveStoredIds(streamId, events, expected, stored) : undefined;
        if (original) return original;
        head = await this.readTail(streamId);
        headIsFresh = true;
        continue;
      }
      const outcome = await this.tryAppend(streamId, events, head);
      if (outcome.kind === 'appended') return outcome.result;
      head = undefined;
      headIsFresh = false;
      if (outcome.actual !== undefined) {
        lastSeen = outcome.actual;
        if (!satisfies(expected, outcome.actual)) return this.refuse(streamId, events, expected, outcome.actual);
      }
    }
    throw new StreamRevisionConflict(streamId, expected, describeRevision(lastSeen));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertValidStreamId(streamId);
    const events = await readStreamEvents(this.client, streamId, options);
    this.rememberTail(streamId, events, options);
    return events;
  }

  /**
   * A page of the log through the server-filtered subscription: it ends at `maxCount` events, or
   * once the log's last record as it stood at the call has been delivered or examined, or when the
   * server says its catch-up is done.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? 1_000;
    const after = options.fromPosition ?? 0;
    toReadPosition(after); // refuses a negative or fractional position before asking the server
    const target = await readLastRecordPosition(this.client);
    if (limit <= 0 || target <= after) return [];
    const events: RecordedEvent[] = [];
    const stop = new AbortController();
    try {
      for await (const item of followLog(this.client, after, { categories: options.categories, eventTypes: options.eventTypes }, stop.signal)) {
        if (item.kind === 'event') events.push(item.event);
        if (item.kind === 'foreign')
          this.options.onRecoverableError?.(item.error, `readAll skipped the record at position ${item.position}: it is not this store's JSON`);
        const position = item.kind === 'event' ? item.event.position : item.kind === 'server-caught-up' ? target : item.position;
        if (events.length >= limit || position >= target) break;
      }
    } catch (error) {
      if (isInvalidPosition(error))
        throw new RangeError(`EventStoreDB has no record at position ${after}: read from a position this store returned, or from 0`, { cause: error });
      throw error;
    } finally {
      stop.abort();
    }
    return events;
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const subscription: Subscription = new EsdbSubscription({
      client: this.client,
      fromPosition: options.fromPosition ?? 0,
      filter: { categories: options.categories, eventTypes: options.eventTypes },
      retryDelayMs: 1_000,
      onRecoverableError: this.options.onRecoverableError,
      onClose: () => this.openSubscriptions.delete(subscription),
    });
    this.openSubscriptions.add(subscription);
    return subscription;
  }

  headPosition(): Promise<number> {
    return readHeadPosition(this.client);
  }

  async health(): Promise<EventStoreHealth> {
    const timeout = AbortSignal.timeout(HEALTH_TIMEOUT_MS);
    try {
      await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), 'check EventStoreDB', timeout);
      return { kind: this.kind, ok: true };
    } catch (error) {
      const detail = timeout.aborted ? `EventStoreDB did not answer within ${HEALTH_TIMEOUT_MS} ms` : (error as Error).message;
      return { kind: this.kind, ok: false, detail };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.openSubscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** Chains the events to `head` and appends them at exactly that revision. */
  private async tryAppend(streamId: string, events: readonly EventToAppend[], head: StreamHead): Promise<AppendOutcome> {
    // EventStoreDB sets each event's record time itself, and no client can change it: chain version 1.
    const chained = chainEvents(streamId, head, events, new Date(0), 1);
    const proposed = events.map((event, index) => toEventData(event, chained.metadata[index]));
    let result: ClientAppendResult;
    try {
      result = await this.client.appendToStream(streamId, proposed, { expectedRevision: toAppendRevision(head.revision) });
    } catch (error) {
      this.forget(streamId);
      if (error instanceof WrongExpectedVersionError) {
        const actual = fromCurrentRevision(error.actualVersion);
        return { kind: 'moved', actual: Number.isSafeInteger(actual) ? actual : undefined };
      }
      throw toAppendError(error, streamId);
    }
    if (!result.success) {
      // Only with throwOnAppendFailure=false, whose batch-append revision is unreliable in 6.2.1: look again.
      this.forget(streamId);
      return { kind: 'moved' };
    }
    return { kind: 'appended', result: await this.confirmAppended(streamId, events, head, chained.metadata) };
  }

  /**
   * EventStoreDB answers an append whose event ids are already stored right after the expected
   * revision exactly as it answers a fresh write (success, that revision and those events' position),
   * whatever the stored content. So the append reads back what is stored there: its own events,
   * chained as sent, are the success; anything else is judged as a retry or refused as a reused id,
   * and the head it remembers is the stored one.
   */
  private async confirmAppended(streamId: string, events: readonly EventToAppend[], head: StreamHead, metadata: JsonObject[]): Promise<AppendResult> {
    const stored = await readStreamEvents(this.client, streamId, { fromRevision: head.revision + 1, maxCount: events.length });
    if (stored.length === events.length && stored.every((event, index) => isProposed(event, events[index], metadata[index]))) {
      const last = stored[stored.length - 1];
      this.heads.set(streamId, headOf(last));
      this.recentIds.extend(streamId, head.revision, idsOf(events));
      return { nextExpectedRevision: last.revision, position: last.position };
    }
    this.forget(streamId);
    const original = findIdempotentResult(streamId, events, head.revision < 0 ? 'no-stream' : head.revision, withIdsOf(events, stored));
    if (!original) {
      throw new Error(`EventStoreDB reported the append to ${streamId} after revision ${head.revision} as done, but its events are not there`);
    }
    return original;
  }

  /** The expected revision is not met: a retry of an append stored at that place, or a conflict. */
  private async refuse(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, actual: number): Promise<AppendResult> {
    const original = await this.findAtPlace(streamId, events, expected);
    if (original) return original;
    const storedElsewhere = this.recentIds.find(streamId, actual, idsOf(events));
    if (storedElsewhere && storedElsewhere.size > 0) {
      const result = await this.resolveStoredIds(streamId, events, expected, storedElsewhere);
      if (result) return result;
    }
    throw new StreamRevisionConflict(streamId, expected, describeRevision(actual));
  }

  /** Reads the events at the place `expected` names and, if any carries one of our ids, judges the retry. */
  private async findAtPlace(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult | undefined> {
    if (expected === 'any' || expected === 'exists') return undefined;
    const fromRevision = expected === 'no-stream' ? 0 : expected + 1;
    const stored = await readStreamEvents(this.client, streamId, { fromRevision, maxCount: events.length });
    return findIdempotentResult(streamId, events, expected, withIdsOf(events, stored));
  }

  /** Some ids are stored in this stream (revisions known): a retry returns its result, anything else is refused. */
  private async resolveStoredIds(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    stored: Map<string, number>,
  ): Promise<AppendResult | undefined> {
    const revisions = [...stored.values()];
    const fromRevision = Math.min(...revisions);
    const found = await readStreamEvents(this.client, streamId, { fromRevision, maxCount: Math.max(...revisions) - fromRevision + 1 });
    return findIdempotentResult(streamId, events, expected, withIdsOf(events, found));
  }

  /** Reads the stream's latest events: its head for chaining and its recent ids for retry detection. */
  private async readTail(streamId: string): Promise<StreamHead> {
    const window = this.recentIds.window;
    const latestFirst = await readStreamEvents(this.client, streamId, { direction: 'backwards', maxCount: window });
    const head = latestFirst.length > 0 ? headOf(latestFirst[0]) : EMPTY_STREAM;
    this.heads.set(streamId, head);
    this.recentIds.remember(streamId, head.revision, idsOf(latestFirst).reverse(), latestFirst.length < window);
    return head;
  }

  /** A read that reached the stream's head tells us the head, and the ids it read, for the next append. */
  private rememberTail(streamId: string, events: RecordedEvent[], options: ReadStreamOptions): void {
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    const from = options.fromRevision ?? 0;
    if (backwards) {
      if (options.fromRevision !== undefined) return;
      const head = events.length > 0 ? headOf(events[0]) : EMPTY_STREAM;
      this.heads.set(streamId, head);
      this.recentIds.remember(streamId, head.revision, idsOf(events).reverse(), events.length < limit);
      return;
    }
    if (events.length >= limit || (events.length === 0 && from !== 0)) return;
    const head = events.length > 0 ? headOf(events[events.length - 1]) : EMPTY_STREAM;
    this.heads.set(streamId, head);
    this.recentIds.remember(streamId, head.revision, idsOf(events), from === 0);
  }

  private forget(streamId: string): void {
    this.heads.forget(streamId);
    this.recentIds.forget(streamId);
  }
}

function headOf(event: RecordedEvent): StreamHead {
  return { revision: event.revision, hash: String(event.metadata.hash ?? GENESIS_HASH) };
}

function idsOf(events: readonly { eventId: string }[]): string[] {
  return events.map((event) => event.eventId);
}

/** Whether a stored event is this proposed event with exactly the chained metadata it was sent with. */
function isProposed(stored: RecordedEvent, event: EventToAppend, metadata: JsonObject): boolean {
  return (
    stored.eventId.toLowerCase() === event.eventId.toLowerCase() &&
    stored.type === event.type &&
    canonicalJson(stored.data) === canonicalJson(event.data) &&
    canonicalJson(stored.metadata) === canonicalJson(metadata)
  );
}

/** The stored events that carry one of the append's ids (what findIdempotentResult judges). */
function withIdsOf(events: readonly EventToAppend[], stored: readonly RecordedEvent[]): RecordedEvent[] {
  const ids = new Set(idsOf(events).map((id) => id.toLowerCase()));
  return stored.filter((event) => ids.has(event.eventId.toLowerCase()));
}
