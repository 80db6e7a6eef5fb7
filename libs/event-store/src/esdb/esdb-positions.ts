import { NO_STREAM, START, type AppendExpectedRevision, type CurrentRevision, type Position, type ReadPosition } from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store';

/**
 * The servers this adapter is written for: stream reads carry each event's log position from 22.6,
 * and catch-up subscriptions say when they have caught up from 23.10.
 */
export const SUPPORTED_SERVERS = 'EventStoreDB 23.10 or later (KurrentDB included)';

// Position.FromInt64(-1) as the server sends it where it has no position, and the getters' default.
const NOT_REPORTED = [2n ** 64n - 1n, 0n];

/** Whether a commit position from the server names a place in the log (the log's first record, an epoch record, is never an event). */
export function isReported(commit: bigint): boolean {
  return !NOT_REPORTED.includes(commit);
}

/**
 * Positions: the port's position of an event is its commit position in EventStoreDB's transaction
 * log, a byte offset. Events written by appends are implicitly committed, so each has its own
 * position with commit = prepare, and `{ commit: p, prepare: p }` names the event again. A JS number
 * holds it exactly up to 2^53 - 1 bytes of log (8 PiB); beyond that we refuse rather than round.
 */
export function toLogPosition(commit: bigint): number {
  const position = Number(commit);
  if (commit < 0n || !Number.isSafeInteger(position)) {
    throw new RangeError(`EventStoreDB commit position ${commit} cannot be a port position: it must be between 0 and 2^53 - 1`);
  }
  return position;
}

/** Where the client should start reading for a port position; 0 means the start of the log. */
export function toReadPosition(position: number): ReadPosition {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`A log position must be a non-negative integer; got ${position}`);
  }
  return position === 0 ? START : { commit: BigInt(position), prepare: BigInt(position) };
}

/** True when a client position names an event (commit = prepare), so resuming after it is exact. */
export function isEventPosition(position: Position): boolean {
  return position.commit === position.prepare;
}

/**
 * The expected revision the adapter sends: always the exact head it chained its hashes against,
 * never ANY or STREAM_EXISTS, because the stored hashes are only right at that place.
 */
export function toAppendRevision(headRevision: number): AppendExpectedRevision {
  return headRevision < 0 ? NO_STREAM : BigInt(headRevision);
}

/** The client's current revision (`'no_stream'` or a bigint) as a port revision (-1 for none). */
export function fromCurrentRevision(current: CurrentRevision): number {
  return current === NO_STREAM ? -1 : Number(current);
}

export function describeRevision(revision: number): number | 'no-stream' {
  return revision < 0 ? 'no-stream' : revision;
}

/** Whether a stream whose last event has `headRevision` (-1: none) meets the caller's expectation. */
export function satisfies(expected: ExpectedRevision, headRevision: number): boolean {
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
