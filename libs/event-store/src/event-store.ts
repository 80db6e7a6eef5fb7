import type { StreamCheckpoint } from './integrity';
/**
 * The event store port: the only way the rest of the system reads or writes events. Adapters
 * (PostgreSQL, PGlite, EventStoreDB) translate it to their database and their errors to ours.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * What the caller believes about the stream before appending:
 * a revision number (the revision of the stream's last event), `'no-stream'` (it must not exist),
 * `'exists'` (it must have at least one event) or `'any'` (no check).
 */
export type ExpectedRevision = number | 'no-stream' | 'any' | 'exists';

export interface EventToAppend {
  /** Unique id of the event (a UUID): a retried append with the same ids stores nothing twice. */
  eventId: string;
  type: string;
  data: JsonObject;
  metadata?: JsonObject;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event written: pass it as `expectedRevision` to append again. */
  nextExpectedRevision: number;
  /** Global position of the last event written. */
  position: number;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  streamId: string;
  events: readonly EventToAppend[];
  expectedRevision: ExpectedRevision;
}

/**
 * How one stream's part of a multi-stream append ended: appended, or refused with the error
 * `appendToStream` would have raised for it (`StreamRevisionConflict`, `EventIdReused`, `InvalidAppend`).
 */
export type StreamAppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

export interface RecordedEvent {
  eventId: string;
  type: string;
  streamId: string;
  /** 0-based place of the event in its stream. */
  revision: number;
  /**
   * Place of the event in the global log. Positions increase in log order (the order every reader
   * sees) but are not consecutive.
   */
  position: number;
  data: JsonObject;
  metadata: JsonObject;
  /** When the store recorded the event (store time, not when it happened). */
  recordedAt: Date;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** First revision to read (inclusive); defaults to the start, or the end when reading backwards. */
  fromRevision?: number;
  maxCount?: number;
  direction?: ReadDirection;
}

export interface LogFilter {
  /** Stream categories: the part of a stream id before its first '-' (`child`, `worker`). */
  categories?: readonly string[];
  eventTypes?: readonly string[];
}

export interface ReadAllOptions extends LogFilter {
  /** Read events after this position (exclusive); omit, or 0, to read from the start of the log. */
  fromPosition?: number;
  /** Defaults to 1,000. */
  maxCount?: number;
}

export interface SubscribeOptions extends LogFilter {
  /** Deliver events after this position (exclusive): a checkpoint previously received. */
  fromPosition?: number;
}

/**
 * What a subscription delivers, in log order:
 * - `event`: the next matching event;
 * - `checkpoint`: every event up to `position` has been examined and none after the last delivered
 *   one matched the filter; a consumer may store it as its checkpoint;
 * - `caught-up`: everything committed when the subscription last looked has been delivered; from
 *   now on events arrive as they are appended. Sent once per subscription.
 */
export type SubscriptionMessage = { kind: 'event'; event: RecordedEvent } | { kind: 'checkpoint'; position: number } | { kind: 'caught-up'; position: number };

export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Stops delivery; a pending `next()` resolves as done. Safe to call more than once. */
  close(): Promise<void>;
}

export type EventStoreKind = 'postgres' | 'pglite' | 'esdb';

export interface EventStoreHealth {
  kind: EventStoreKind;
  ok: boolean;
  detail?: string;
}

export interface EventStore {
  readonly kind: EventStoreKind;
  appendToStream(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams at once, each stream's events all or nothing and each judged on its
   * own (one stream's conflict never refuses another's events); outcomes in the order given. A
   * stream may appear once. Adapters that can write many streams in one transaction do so (one
   * commit instead of one per stream); the others append stream after stream. Throws only when
   * the store cannot be reached or the call itself is malformed.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]>;
  /** The events of one stream; an unknown stream reads as an empty list. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** One page of the global log, in log order, including every event committed before the call (a short page is the end). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from a position, then follow live appends until closed. */
  subscribe(options?: SubscribeOptions): Subscription;
  /** The position of the last committed event in the log (0 when empty). */
  headPosition(): Promise<number>;
  /**
   * How many events matching the filter follow a position, counting at most `cap` (for lag figures).
   * Adapters that cannot count cheaply (EventStoreDB) leave it out.
   */
  countEventsAfter?(position: number, filter: LogFilter, cap: number): Promise<number>;
  /**
   * The signed head of a stream as of its last append (integrity.ts), when the store keeps them (the SQL
   * stores, given a checkpoint key); undefined when none was signed. Adapters that keep none leave it out.
   */
  readStreamCheckpoint?(streamId: string): Promise<StreamCheckpoint | undefined>;
  /** Every signed stream head, in stream id order, a page at a time after `afterStreamId`. */
  readStreamCheckpoints?(afterStreamId: string, limit: number): Promise<StreamCheckpoint[]>;
  health(): Promise<EventStoreHealth>;
  close(): Promise<void>;
}

/** Injection token for the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
