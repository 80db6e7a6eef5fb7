import { EventEmitter } from 'node:events';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreHealth,
  EventStoreKind,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  LogFilter,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  StreamAppend,
  StreamAppendOutcome,
  Subscription,
} from '../event-store';
import { EventStoreUnavailable, StreamRevisionConflict, isDatabaseUnavailable } from '../errors';
import { assertValidAppend, assertValidStreamId, streamCategory } from '../append-validation';
import { GENESIS_HASH, chainEvents, signStreamHead, type ChainedEvents, type StreamCheckpoint } from '../integrity';
import { findIdempotentResult } from '../idempotency';
import { appendStreamByStream, assertDistinctStreams } from '../multi-stream-append';
import { POSITIONS_PER_TRANSACTION } from './migrations';
import { PollingSubscription, abortableDelay, type LogPage } from '../polling-subscription';
import { StreamHeadCache, type StreamHead } from '../stream-heads';
import {
  APPEND,
  APPEND_MANY,
  COUNT_AFTER,
  FIND_EVENTS_BY_ID,
  HEAD_POSITION,
  READ_CHECKPOINT,
  READ_CHECKPOINTS,
  READ_HEAD,
  READ_HEADS,
  READ_LOG,
  READ_STREAM_BACKWARDS,
  READ_STREAM_FORWARDS,
} from './sql-statements';
import type { PoolLike } from './queryable';

/** The channel appends are announced on (PostgreSQL LISTEN/NOTIFY). */
export const APPENDED_CHANNEL = 'csc_event_store_appended';

export interface SqlEventStoreOptions {
  kind: Extract<EventStoreKind, 'postgres' | 'pglite'>;
  pool: PoolLike;
  /**
   * How often a subscription that has caught up looks for events appended by other processes when nothing
   * announces them, and how soon it looks again at events an older transaction holds back.
   */
  pollIntervalMs?: number;
  /**
   * How often it looks when appends are announced (in process always; from other processes by LISTEN/NOTIFY
   * on PostgreSQL, and PGlite has no other process): a fallback only. Default 1,000 ms.
   */
  announcedPollIntervalMs?: number;
  /** PostgreSQL: listens for appends announced by other processes; resolves to a function that stops listening. */
  listen?: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
  /** Events read per page by subscriptions. */
  subscriptionPageSize?: number;
  /** How long readAll waits for events committed before it was called but held back by an older running transaction. */
  readHeldBackWaitMs?: number;
  /** Called when the store closes; the pool belongs to its database, which this may close. */
  onClose?: () => Promise<void>;
  /** Reports failures the store recovers from by itself (a subscription's read failing and retrying). */
  onRecoverableError?: (error: unknown, context: string) => void;
  /** Signs each stream's head at every append (HMAC-SHA256); kept outside the database. Without it no head is signed. */
  checkpointKey?: Buffer;
  /** The time an append is recorded at (covered by the chain); the system clock unless a test sets one. */
  now?: () => Date;
}

interface EventRow {
  position: string;
  event_id: string;
  event_type: string;
  stream_id: string;
  revision: number;
  data: JsonObject;
  metadata: JsonObject;
  recorded_at: Date;
}

/** One stream's part of a multi-stream append statement, chained from the head it expects. */
interface PreparedAppend {
  index: number;
  streamId: string;
  head: StreamHead;
  events: readonly EventToAppend[];
  chained: ChainedEvents;
}

/** What one attempt at the append statement found: done, the head had moved, or a writer raced us. */
type AppendOutcome = { kind: 'appended'; result: AppendResult } | { kind: 'moved'; head: StreamHead } | { kind: 'raced' };

const MAX_APPEND_ATTEMPTS = 50;

/** Log rows a filtered read examines per page, at least: enough that sparse filters still fill pages. */
const LOG_WINDOW = 5_000;
/** How long readAll waits, by default, for events held back by an older transaction that is still running. */
const READ_HELD_BACK_WAIT_MS = 5_000;
const UNIQUE_VIOLATION = '23505';

/** The PostgreSQL event store; the same SQL serves PGlite through its node-postgres adapter. */
export class SqlEventStore implements EventStore {
  readonly kind: SqlEventStoreOptions['kind'];
  private readonly pool: PoolLike;
  private readonly heads = new StreamHeadCache();
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private notifying = false;
  private notifyAgain = false;
  private listenStarted = false;
  private listening = false;
  private stopListening: (() => Promise<void>) | undefined;
  private readonly openSubscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: SqlEventStoreOptions) {
    this.kind = options.kind;
    this.pool = options.pool;
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    assertValidAppend(streamId, events, options);
    const expected = options.expectedRevision;
    const category = streamCategory(streamId);
    // A stream expected not to exist chains from the genesis hash: no need to read its head first,
    // the append statement checks it really is empty.
    let head = this.heads.get(streamId) ?? (expected === 'no-stream' ? { revision: -1, hash: GENESIS_HASH } : undefined);
    let headIsFresh = false;
    for (let attempt = 1; ; attempt++) {
      if (!head || (!headIsFresh && !satisfies(expected, head.revision))) {
        head = await this.readHead(streamId);
        headIsFresh = true;
      }
      if (!satisfies(expected, head.revision)) {
        const original = await this.findIdempotentResult(streamId, events, expected);
        if (original) return original;
        throw new StreamRevisionConflict(streamId, expected, head.revision < 0 ? 'no-stream' : head.revision);
      }
      const chained = chainEvents(streamId, head, events, this.recordingTime());
      let outcome: AppendOutcome;
      try {
        outcome = await this.tryAppend(streamId, category, head.revision, events, chained);
      } catch (error) {
        // A racing append took the revision or stored these ids first: if it stored exactly these
        // events this is a retry and its result is ours; otherwise look again at the new head.
        const eventIdTaken = isUniqueViolation(error, 'events_event_id_key');
        if (eventIdTaken) {
          const original = await this.findIdempotentResult(streamId, events, expected);
          if (original) return original;
        }
        if (!eventIdTaken && !isUniqueViolation(error, 'events_stream_revision_key')) throw toStoreError(error, `append to ${streamId}`);
        outcome = { kind: 'raced' };
      }
      if (outcome.kind === 'appended') {
        this.heads.set(streamId, { revision: outcome.result.nextExpectedRevision, hash: chained.lastHash });
        this.announceAppend();
        return outcome.result;
      }
      this.heads.forget(streamId);
      head = outcome.kind === 'moved' ? outcome.head : undefined;
      headIsFresh = head !== undefined;
      if (attempt >= MAX_APPEND_ATTEMPTS) {
        throw new StreamRevisionConflict(streamId, expected, head && head.revision >= 0 ? head.revision : 'no-stream');
      }
    }
  }

  /**
   * Every stream whose head is known (or expected empty) goes into one statement, so one commit;
   * a stream whose head had moved, or a statement a racing writer broke, falls back to
   * `appendToStream`, which re-reads, recognises retries and reports conflicts stream by stream.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    assertDistinctStreams(appends);
    const outcomes: (StreamAppendOutcome | undefined)[] = new Array(appends.length);
    const pending: number[] = [];
    appends.forEach(({ streamId, events, expectedRevision }, index) => {
      try {
        assertValidAppend(streamId, events, { expectedRevision });
        pending.push(index);
      } catch (error) {
        outcomes[index] = { ok: false, error: error as Error };
      }
    });
    const heads = await this.knownHeads(pending.map((index) => appends[index]));
    const oneByOne: number[] = [];
    const batches: PreparedAppend[][] = [[]];
    let eventsInBatch = 0;
    const recordedAt = this.recordingTime();
    for (const index of pending) {
      const { streamId, events, expectedRevision } = appends[index];
      const head = heads.get(streamId);
      if (!head || !satisfies(expectedRevision, head.revision)) {
        oneByOne.push(index);
        continue;
      }
      if (eventsInBatch + events.length > POSITIONS_PER_TRANSACTION) {
        batches.push([]);
        eventsInBatch = 0;
      }
      batches.at(-1)!.push({ index, streamId, head, events, chained: chainEvents(streamId, head, events, recordedAt) });
      eventsInBatch += events.length;
    }
    for (const batch of batches.filter((prepared) => prepared.length > 0)) {
      const appended = await this.tryAppendMany(batch);
      for (const prepared of batch) {
        const result = appended?.get(prepared.streamId);
        if (!result) {
          this.heads.forget(prepared.streamId);
          oneByOne.push(prepared.index);
          continue;
        }
        this.heads.set(prepared.streamId, { revision: result.nextExpectedRevision, hash: prepared.chained.lastHash });
        outcomes[prepared.index] = { ok: true, result };
      }
    }
    if (outcomes.some((outcome) => outcome?.ok)) this.announceAppend();
    const retried = await appendStreamByStream(
      (streamId, events, options) => this.appendToStream(streamId, events, options),
      oneByOne.map((index) => appends[index]),
    );
    oneByOne.forEach((index, at) => (outcomes[index] = retried[at]));
    return outcomes as StreamAppendOutcome[];
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertValidStreamId(streamId);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const { rows } = await this.query<EventRow>(backwards ? READ_STREAM_BACKWARDS : READ_STREAM_FORWARDS, [streamId, from, limit], `read ${streamId}`);
    const events = rows.map(toRecordedEvent);
    this.rememberHead(streamId, events, backwards, from, limit);
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1_000;
    const events: RecordedEvent[] = [];
    let after = options.fromPosition ?? 0;
    let heldBackUntil: { head: number; deadline: number } | undefined;
    // A filtered read may find nothing in a window; it goes on to the next until the page fills or the log ends.
    for (;;) {
      const page = await this.readLogPage(after, maxCount - events.length, options);
      events.push(...page.events);
      if (events.length >= maxCount) return events;
      after = Math.max(after, page.examinedTo);
      if (!page.reachedEnd) continue;
      if (!page.heldBack) return events;
      // Events committed before this read wait behind an older transaction still running: give it a moment to
      // end, so a reader sees what was committed before it asked. Never past readHeldBackWaitMs.
      heldBackUntil ??= { head: await this.headPosition(), deadline: Date.now() + (this.options.readHeldBackWaitMs ?? READ_HELD_BACK_WAIT_MS) };
      if (after >= heldBackUntil.head || Date.now() > heldBackUntil.deadline) return events;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const pageSize = this.options.subscriptionPageSize ?? 500;
    const pollIntervalMs = this.options.pollIntervalMs ?? 100;
    const announcedPollMs = Math.max(pollIntervalMs, this.options.announcedPollIntervalMs ?? 1_000);
    void this.listenForAppends();
    const subscription: Subscription = new PollingSubscription({
      fromPosition: options.fromPosition ?? 0,
      readPage: (after) => this.readLogPage(after, pageSize, options),
      waitForAppend: (signal, heldBack) => this.waitForAppend(signal, heldBack || !this.appendsAnnounced() ? pollIntervalMs : announcedPollMs),
      onReadError: (error) => {
        this.options.onRecoverableError?.(error, 'subscription read failed; retrying');
        return 1_000;
      },
    });
    this.openSubscriptions.add(subscription);
    const close = subscription.close.bind(subscription);
    subscription.close = async () => {
      this.openSubscriptions.delete(subscription);
      await close();
    };
    return subscription;
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.query<{ position: string }>(HEAD_POSITION, [], 'read the head of the log');
    return Number(rows[0]?.position ?? 0);
  }

  async countEventsAfter(position: number, filter: LogFilter, cap: number): Promise<number> {
    const categories = filter.categories && filter.categories.length > 0 ? [...filter.categories] : null;
    const eventTypes = filter.eventTypes && filter.eventTypes.length > 0 ? [...filter.eventTypes] : null;
    const { rows } = await this.query<{ count: number }>(COUNT_AFTER, [position, categories, eventTypes, cap], 'count events behind');
    return Number(rows[0]?.count ?? 0);
  }

  async health(): Promise<EventStoreHealth> {
    try {
      await this.pool.query('SELECT 1');
      return { kind: this.kind, ok: true };
    } catch (error) {
      return { kind: this.kind, ok: false, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.openSubscriptions].map((subscription) => subscription.close()));
    this.appended.emit('appended');
    await this.stopListening?.().catch(() => undefined);
    await this.options.onClose?.();
  }

  private async tryAppend(
    streamId: string,
    category: string,
    headRevision: number,
    events: readonly EventToAppend[],
    chained: ChainedEvents,
  ): Promise<AppendOutcome> {
    const { rows } = await this.pool.query<{ head_revision: number; last_position: string | null; head_hash: string | null }>(APPEND, [
      streamId,
      category,
      headRevision,
      events.map((event) => event.eventId),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event.data)),
      chained.metadata.map((metadata) => JSON.stringify(metadata)),
      chained.recordedAt,
      chained.lastHash,
      this.signHead(streamId, headRevision + events.length, chained.lastHash),
    ]);
    const row = rows[0];
    if (row.last_position !== null) {
      return { kind: 'appended', result: { nextExpectedRevision: headRevision + events.length, position: Number(row.last_position) } };
    }
    return { kind: 'moved', head: { revision: Number(row.head_revision), hash: row.head_hash ?? GENESIS_HASH } };
  }

  /**
   * The appended results by stream, for the streams whose events went in; undefined when a racing
   * writer took a revision or one of the event ids first, so nothing of the batch went in.
   */
  private async tryAppendMany(batch: readonly PreparedAppend[]): Promise<Map<string, AppendResult> | undefined> {
    const rows = batch.flatMap(({ streamId, events, chained }) =>
      events.map((event, offset) => ({
        stream_id: streamId,
        rev_offset: offset + 1,
        event_id: event.eventId,
        event_type: event.type,
        data: event.data,
        metadata: chained.metadata[offset],
      })),
    );
    let result: { rows: { stream_id: string; head_revision: number; last_position: string | null }[] };
    try {
      result = await this.pool.query(APPEND_MANY, [
        batch.map(({ streamId }) => streamId),
        batch.map(({ streamId }) => streamCategory(streamId)),
        batch.map(({ head }) => head.revision),
        JSON.stringify(rows),
        batch[0].chained.recordedAt,
        JSON.stringify(
          this.options.checkpointKey
            ? batch.map(({ streamId, head, events, chained }) => {
                const revision = head.revision + events.length;
                return { stream_id: streamId, revision, hash: chained.lastHash, signature: this.signHead(streamId, revision, chained.lastHash) };
              })
            : [],
        ),
      ]);
    } catch (error) {
      if (isUniqueViolation(error, 'events_event_id_key') || isUniqueViolation(error, 'events_stream_revision_key')) return undefined;
      throw toStoreError(error, `append to ${batch.length} streams`);
    }
    const appended = new Map<string, AppendResult>();
    const eventsOf = new Map(batch.map(({ streamId, events }) => [streamId, events.length]));
    for (const row of result.rows) {
      if (row.last_position === null) continue;
      appended.set(row.stream_id, {
        nextExpectedRevision: Number(row.head_revision) + eventsOf.get(row.stream_id)!,
        position: Number(row.last_position),
      });
    }
    return appended;
  }

  async readStreamCheckpoint(streamId: string): Promise<StreamCheckpoint | undefined> {
    const { rows } = await this.query<CheckpointRow>(READ_CHECKPOINT, [streamId], `read the signed head of ${streamId}`);
    return rows[0] ? toCheckpoint(rows[0]) : undefined;
  }

  async readStreamCheckpoints(afterStreamId: string, limit: number): Promise<StreamCheckpoint[]> {
    const { rows } = await this.query<CheckpointRow>(READ_CHECKPOINTS, [afterStreamId, limit], 'read the signed stream heads');
    return rows.map(toCheckpoint);
  }

  private recordingTime(): Date {
    return this.options.now?.() ?? new Date();
  }

  private signHead(streamId: string, revision: number, hash: string): string | null {
    return this.options.checkpointKey ? signStreamHead(this.options.checkpointKey, streamId, revision, hash) : null;
  }

  /** The heads a multi-stream append can chain from: remembered, expected empty, or read in one query. */
  private async knownHeads(appends: readonly StreamAppend[]): Promise<Map<string, StreamHead>> {
    const heads = new Map<string, StreamHead>();
    const unknown: string[] = [];
    for (const { streamId, expectedRevision } of appends) {
      const head = this.heads.get(streamId) ?? (expectedRevision === 'no-stream' ? { revision: -1, hash: GENESIS_HASH } : undefined);
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

  private async readHead(streamId: string): Promise<StreamHead> {
    const { rows } = await this.query<{ revision: number; hash: string | null }>(READ_HEAD, [streamId], `read the head of ${streamId}`);
    const row = rows[0];
    return row ? { revision: Number(row.revision), hash: row.hash ?? GENESIS_HASH } : { revision: -1, hash: GENESIS_HASH };
  }

  private rememberHead(streamId: string, events: RecordedEvent[], backwards: boolean, from: number, limit: number): void {
    const readToEnd = !backwards && events.length < limit && (events.length > 0 || from === 0);
    const readFromEnd = backwards && from === Number.MAX_SAFE_INTEGER;
    const last = backwards ? events[0] : events[events.length - 1];
    if (!(readToEnd || readFromEnd)) return;
    this.heads.set(streamId, last ? { revision: last.revision, hash: String(last.metadata.hash ?? GENESIS_HASH) } : { revision: -1, hash: GENESIS_HASH });
  }

  private async findIdempotentResult(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult | undefined> {
    const { rows } = await this.query<EventRow>(FIND_EVENTS_BY_ID, [events.map((event) => event.eventId)], `look up event ids in ${streamId}`);
    return findIdempotentResult(streamId, events, expected, rows.map(toRecordedEvent));
  }

  /**
   * One window of the log after `after`: at most `limit` matching events, and how far the log was
   * examined. A full page stops at its last event; otherwise the whole window was examined.
   */
  private async readLogPage(after: number, limit: number, filter: ReadAllOptions): Promise<LogPage> {
    const categories = filter.categories && filter.categories.length > 0 ? [...filter.categories] : null;
    const eventTypes = filter.eventTypes && filter.eventTypes.length > 0 ? [...filter.eventTypes] : null;
    const window = categories || eventTypes ? Math.max(limit * 4, LOG_WINDOW) : limit;
    const { rows } = await this.query<EventRow & { examined_to: string | null; window_rows: string; held_back: boolean }>(
      READ_LOG,
      [after, limit, categories, eventTypes, window],
      'read the log',
    );
    const events = rows.filter((row) => row.position !== null).map(toRecordedEvent);
    const windowRows = Number(rows[0]?.window_rows ?? 0);
    if (events.length === limit) return { events, reachedEnd: false, examinedTo: events[events.length - 1].position };
    const reachedEnd = windowRows < window;
    return {
      events,
      reachedEnd,
      ...(reachedEnd && rows[0]?.held_back ? { heldBack: true } : {}),
      examinedTo: rows[0]?.examined_to === null || rows[0] === undefined ? after : Number(rows[0].examined_to),
    };
  }

  /** Wakes this process's subscriptions, and on PostgreSQL other processes' too (NOTIFY, coalesced). */
  private announceAppend(): void {
    this.appended.emit('appended');
    if (this.kind !== 'postgres' || !this.options.listen) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    void this.pool
      .query(`NOTIFY ${APPENDED_CHANNEL}`)
      .catch((error: unknown) => this.options.onRecoverableError?.(error, 'could not announce an append; other processes will poll'))
      .finally(() => {
        this.notifying = false;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.announceAppend();
        }
      });
  }

  /** Whether every append reaches this process's subscriptions without polling. */
  private appendsAnnounced(): boolean {
    return this.kind === 'pglite' || this.listening;
  }

  /**
   * PostgreSQL: starts hearing of appends by other processes (the store opens it; a subscription would too).
   * Best effort: if it cannot listen, subscriptions poll every pollIntervalMs instead.
   */
  async listenForAppends(): Promise<void> {
    if (this.kind !== 'postgres' || !this.options.listen || this.listenStarted) return;
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

  private waitForAppend(signal: AbortSignal, pollIntervalMs: number): Promise<void> {
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

  private async query<Row>(text: string, values: readonly unknown[], what: string): Promise<{ rows: Row[] }> {
    try {
      return await this.pool.query<Row>(text, values);
    } catch (error) {
      throw toStoreError(error, what);
    }
  }
}

function satisfies(expected: ExpectedRevision, headRevision: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return headRevision === -1;
    case 'exists':
      return headRevision >= 0;
    default:
      return headRevision === expected;
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}

interface CheckpointRow {
  stream_id: string;
  revision: number;
  hash: string;
  signature: string;
}

function toCheckpoint(row: CheckpointRow): StreamCheckpoint {
  return { streamId: row.stream_id, revision: Number(row.revision), hash: row.hash, signature: row.signature };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === UNIQUE_VIOLATION && pgError.constraint === constraint;
}

function toStoreError(error: unknown, what: string): Error {
  const message = (error as Error)?.message ?? String(error);
  if (isDatabaseUnavailable(error)) {
    return new EventStoreUnavailable(`Could not ${what}: the database is unreachable (${message})`, { cause: error });
  }
  return error instanceof Error ? error : new Error(message);
}
