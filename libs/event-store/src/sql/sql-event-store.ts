import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreHealth,
  EventStoreKind,
  EventToAppend,
  ExpectedRevision,
  LogFilter,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  StreamAppend,
  StreamAppendOutcome,
  Subscription,
} from '../event-store';
import { StreamRevisionConflict } from '../errors';
import { assertValidAppend, assertValidStreamId, streamCategory } from '../append-validation';
import { GENESIS_HASH, chainEvents, signStreamHead, type StreamCheckpoint } from '../integrity';
import { findIdempotentResult } from '../idempotency';
import { appendStreamByStream, assertDistinctStreams } from '../multi-stream-append';
import { POSITIONS_PER_TRANSACTION } from './migrations';
import { PollingSubscription, abortableDelay, type LogPage } from '../polling-subscription';
import { AppendAnnouncements } from './append-announcements';
import { appendManyOnce, appendOnce, type AppendOutcome, type PreparedAppend, type SignHead } from './sql-append-statements';
import { isUniqueViolation, toCheckpoint, toRecordedEvent, toStoreError, type CheckpointRow, type EventRow } from './sql-rows';
import { SqlStreamHeads } from './sql-stream-heads';
import {
  COUNT_AFTER,
  FIND_EVENTS_BY_ID,
  HEAD_POSITION,
  READ_CHECKPOINT,
  READ_CHECKPOINTS,
  READ_LOG,
  READ_STREAM_BACKWARDS,
  READ_STREAM_FORWARDS,
} from './sql-statements';
import type { PoolLike } from './queryable';

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
   * on PostgreSQL, and PGlite has no other process): a fallback only. Default 1,000 ms on PostgreSQL, 30,000 on PGlite.
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

const MAX_APPEND_ATTEMPTS = 50;

/** Log rows a filtered read examines per page, at least: enough that sparse filters still fill pages. */
const LOG_WINDOW = 5_000;
/** How long readAll waits, by default, for events held back by an older transaction that is still running. */
const READ_HELD_BACK_WAIT_MS = 5_000;

/** The PostgreSQL event store; the same SQL serves PGlite through its node-postgres adapter. */
export class SqlEventStore implements EventStore {
  readonly kind: SqlEventStoreOptions['kind'];
  private readonly pool: PoolLike;
  private readonly heads: SqlStreamHeads;
  /** Signs each head appended, where a checkpoint key is set. */
  private readonly signHead: SignHead | undefined;
  private readonly announcements: AppendAnnouncements;
  private readonly openSubscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: SqlEventStoreOptions) {
    this.kind = options.kind;
    this.pool = options.pool;
    this.announcements = new AppendAnnouncements(options);
    const key = options.checkpointKey;
    this.signHead = key ? (streamId, revision, hash) => signStreamHead(key, streamId, revision, hash) : undefined;
    this.heads = new SqlStreamHeads((text, values, what) => this.query(text, values, what));
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
        head = await this.heads.read(streamId);
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
        outcome = await appendOnce(this.pool, this.signHead, streamId, category, head.revision, events, chained);
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
        this.announcements.announce();
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
    const heads = await this.heads.known(pending.map((index) => appends[index]));
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
      const appended = await appendManyOnce(this.pool, this.signHead, batch);
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
    if (outcomes.some((outcome) => outcome?.ok)) this.announcements.announce();
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
    this.heads.rememberRead(streamId, events, backwards, from, limit);
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
    // PGlite: one process owns the data directory, so every append is announced in process and the fallback poll
    // only guards against a bug; it cost an idle service about 1.3% of a core at once a second. PostgreSQL: a second
    // covers notifications lost while the listening connection reconnects.
    const announcedPollMs = Math.max(pollIntervalMs, this.options.announcedPollIntervalMs ?? (this.kind === 'pglite' ? 30_000 : 1_000));
    void this.announcements.listen();
    // How many appends had been announced when the last page was asked for: one announced since, while the page was
    // read or the consumer worked through it, is not waited for.
    let announcedBeforeRead = 0;
    const subscription: Subscription = new PollingSubscription({
      fromPosition: options.fromPosition ?? 0,
      readPage: (after) => {
        announcedBeforeRead = this.announcements.announced;
        return this.readLogPage(after, pageSize, options);
      },
      waitForAppend: (signal, heldBack) =>
        this.closed || this.announcements.announced !== announcedBeforeRead
          ? abortableDelay(0, signal)
          : this.announcements.waitForAppend(signal, heldBack || !this.announcements.complete ? pollIntervalMs : announcedPollMs),
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
    await this.announcements.close();
    await this.options.onClose?.();
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

  /** PostgreSQL: starts hearing of appends by other processes (the store opens it; a subscription would too). */
  listenForAppends(): Promise<void> {
    return this.announcements.listen();
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
