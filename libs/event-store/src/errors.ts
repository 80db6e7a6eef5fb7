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
