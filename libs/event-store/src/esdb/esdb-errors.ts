import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { EventStoreUnavailable, InvalidAppend, StreamNotWritable } from '../errors';

// gRPC status codes the client sometimes leaves unconverted (see its CommandError.convertToCommandError).
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

const WHAT_NEXT =
  'Check that EventStoreDB is running and that EVENTSTORE_CONNECTION_STRING points at it (esdb://host:2113?tls=false for an insecure dev node). ' +
  'An append may or may not have been applied: retry it with the same event ids and expected revision, and the retry is recognised.';

/**
 * An append's refusals that belong to its stream become the port's errors, so a multi-stream append
 * reports them for that stream and goes on with the next; anything else as `toStoreError`.
 */
export function toAppendError(error: unknown, streamId: string): Error {
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppend(
      `The events for ${streamId} are more than EventStoreDB accepts in one append (${error.maxAppendSize} bytes, its MaxAppendSize setting; 1 MiB by default); nothing was stored. Send fewer or smaller events at a time.`,
      'events',
    );
  }
  return toStreamError(error, streamId, `append to ${streamId}`);
}

/** A deleted stream, or one the credentials may not use, becomes StreamNotWritable; anything else as `toStoreError`. */
export function toStreamError(error: unknown, streamId: string, what: string): Error {
  if (error instanceof StreamDeletedError) {
    return new StreamNotWritable(
      streamId,
      'deleted',
      `EventStoreDB refuses ${streamId}: the stream has been deleted (tombstoned) and can never be written again; nothing was stored.`,
    );
  }
  if (error instanceof AccessDeniedError) {
    return new StreamNotWritable(
      streamId,
      'access-denied',
      `EventStoreDB refuses ${streamId} to the credentials in EVENTSTORE_CONNECTION_STRING (access denied by the stream's ACL or the default ACL); nothing was stored.`,
    );
  }
  return toStoreError(error, what);
}

/**
 * Connection failures become EventStoreUnavailable; a refused read says which rights reading needs;
 * every other error passes through unchanged.
 */
export function toStoreError(error: unknown, what: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AccessDeniedError) {
    return new Error(
      `Could not ${what}: EventStoreDB denied access (${message}). Under the default ACLs only members of $admins may read $all, which reads and subscriptions use: connect as such a user.`,
      { cause: error },
    );
  }
  if (isTimeout(error)) {
    return new EventStoreUnavailable(`Could not ${what}: EventStoreDB did not answer in time (${message}). ${WHAT_NEXT}`, { cause: error });
  }
  if (isUnreachable(error)) {
    return new EventStoreUnavailable(`Could not ${what}: EventStoreDB is unreachable (${message}). ${WHAT_NEXT}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(message);
}

function isTimeout(error: unknown): boolean {
  return error instanceof DeadlineExceededError || error instanceof TimeoutError || grpcCode(error) === GRPC_DEADLINE_EXCEEDED;
}

function isUnreachable(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    // The client reconnects to the leader itself; the call that met a follower must be retried.
    error instanceof NotLeaderError ||
    // The server cancelled the call (shutting down, or dropping a slow subscriber).
    error instanceof CancelledError ||
    grpcCode(error) === GRPC_UNAVAILABLE ||
    // Thrown as a plain Error by the client's cluster discovery (Client/discovery.js).
    (error instanceof Error && /^Failed to discover after \d+ attempts/.test(error.message))
  );
}

function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

// google.rpc INVALID_ARGUMENT, which RpcExceptions.InvalidPositionException sends with no exception metadata.
const GRPC_INVALID_ARGUMENT = 3;

/** The server refused a read or subscription from a position that is not a record's place in its log. */
export function isInvalidPosition(error: unknown): boolean {
  return grpcCode(error) === GRPC_INVALID_ARGUMENT && error instanceof Error && /invalid position/i.test(error.message);
}
