import type { ExpectedRevision } from './event-store';

/** Base of every error the event store port raises; `code` is stable and safe to show to clients. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the expected revision: someone else appended first. */
export class StreamRevisionConflict extends EventStoreError {
  readonly code = 'STREAM_REVISION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no-stream'. */
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId} is at revision ${String(actual)}, expected ${String(expected)}`);
    this.name = 'StreamRevisionConflict';
  }
}

/** An event id is already stored with other content, or in another place. */
export class EventIdReused extends EventStoreError {
  readonly code = 'EVENT_ID_REUSED';
  constructor(
    readonly eventId: string,
    readonly storedIn: { streamId: string; revision: number },
    reason: string,
  ) {
    super(`Event id ${eventId} is already stored in ${storedIn.streamId} at revision ${storedIn.revision}: ${reason}`);
    this.name = 'EventIdReused';
  }
}

/** The append itself is malformed (no events, a bad stream id, a bad event id). */
export class InvalidAppend extends EventStoreError {
  readonly code = 'INVALID_APPEND';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InvalidAppend';
  }
}

/** The store could not be reached or failed; the operation may or may not have been applied. */
export class EventStoreUnavailable extends EventStoreError {
  readonly code = 'EVENT_STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailable';
  }
}

/**
 * The store refuses this stream whatever the events: it was deleted (EventStoreDB's tombstone), or
 * the store's credentials may not use it. Nothing was stored for it.
 */
export class StreamNotWritable extends EventStoreError {
  readonly code = 'STREAM_NOT_WRITABLE';
  constructor(
    readonly streamId: string,
    readonly reason: 'deleted' | 'access-denied',
    message: string,
  ) {
    super(message);
    this.name = 'StreamNotWritable';
  }
}

/** Node socket errors and PostgreSQL's "admin shutdown", "cannot connect now" and connection-exception classes. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const CONNECTION_ERROR_MESSAGE =
  /Connection terminated|not queryable|Client was closed|Client has encountered a connection error|Cannot use a pool after calling end|connect ECONNREFUSED|timeout exceeded when trying to connect/i;

/**
 * Whether an error says the database could not be reached or the connection was lost (rather than that a
 * statement was wrong): a caller should answer "unavailable, retry" and nothing was half done. Looks through
 * wrappers (TypeORM's QueryFailedError keeps the driver's error; ours keep a cause).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof EventStoreUnavailable) return true;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
    if (typeof message === 'string' && CONNECTION_ERROR_MESSAGE.test(message)) return true;
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
