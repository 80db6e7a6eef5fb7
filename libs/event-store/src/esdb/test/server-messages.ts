/**
 * Server messages for unit tests, built with @eventstore/db-client 6.2.1's own generated protobuf
 * classes in the shapes EventStoreDB's gRPC services send (the server code each shape follows is
 * named beside it). They prove how the adapter handles these messages, never how a server behaves.
 */
import { createRequire } from 'node:module';
import { BatchAppendResp, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import {
  AccessDenied,
  AllStreamPosition,
  Empty,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  StreamIdentifier,
  UUID,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import type { Any as AnyMessage } from 'google-protobuf/google/protobuf/any_pb';

const fromClient = createRequire(require.resolve('@eventstore/db-client'));
/** The `Any` class the client's generated code itself loads, so packed details unpack in the client. */
const { Any } = fromClient('google-protobuf/google/protobuf/any_pb') as { Any: typeof AnyMessage };
/** The gRPC metadata class the client converts errors from. */
const { Metadata } = fromClient('@grpc/grpc-js') as typeof import('@grpc/grpc-js');

/** What servers before 22.6 put in a stream-read record's positions: -1 as a ulong (Position.FromInt64(commitPosition ?? -1, ...)). */
export const NO_POSITION = (2n ** 64n - 1n).toString();

/** `created` travels as .NET ticks (100 ns) since the Unix epoch. */
const TICKS_PER_MS = 10_000n;

export interface StoredRecord {
  streamId: string;
  eventId: string;
  revision: number;
  type: string;
  /** JSON text, or raw bytes for a non-JSON event. */
  data: unknown;
  metadata?: unknown;
  contentType?: 'application/json' | 'application/octet-stream';
  /** Commit and prepare positions on the record; NO_POSITION as an old server sends on stream reads. */
  commit: string;
  prepare?: string;
  created?: Date;
}

function streamIdentifier(streamId: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));
}

function bytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** ReadResp.ReadEvent.RecordedEvent as Streams.Read's ConvertToRecordedEvent fills it. */
export function recordedEvent(record: StoredRecord): ReadResp.ReadEvent.RecordedEvent {
  const message = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.eventId))
    .setStreamIdentifier(streamIdentifier(record.streamId))
    .setStreamRevision(String(record.revision))
    .setCommitPosition(record.commit)
    .setPreparePosition(record.prepare ?? record.commit)
    .setData(bytes(record.data))
    .setCustomMetadata(record.metadata === undefined ? new Uint8Array() : bytes(record.metadata));
  const created = BigInt((record.created ?? new Date('2026-11-02T09:30:00.000Z')).getTime()) * TICKS_PER_MS;
  message
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType ?? 'application/json')
    .set('created', created.toString());
  return message;
}

/**
 * A ReadResp carrying one event. `envelope` is the ReadEvent's commit_position: set on $all reads and
 * subscriptions, `no_position` on stream reads before 22.6 (ConvertToReadEvent: OriginalPosition unset).
 */
export function eventMessage(record: StoredRecord, envelope: string | 'no-position' = record.commit): ReadResp {
  const readEvent = new ReadResp.ReadEvent().setEvent(recordedEvent(record));
  if (envelope === 'no-position') readEvent.setNoPosition(new Empty());
  else readEvent.setCommitPosition(envelope);
  return new ReadResp().setEvent(readEvent);
}

export function streamNotFoundMessage(streamId: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId)));
}

export function confirmationMessage(): ReadResp {
  return new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId('subscription-1'));
}

/** A filtered subscription's checkpoint (SendCheckpointToSubscription). */
export function checkpointMessage(commit: number, prepare = commit): ReadResp {
  return new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(String(commit)).setPreparePosition(String(prepare)));
}

/** Sent when a catch-up subscription goes live (NotifyCaughtUp, servers 23.10 and later). */
export function caughtUpMessage(): ReadResp {
  return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
}

/** BatchAppendResp.Success as Streams.BatchAppend sends it: the stream's revision and the last event's position. */
export function appendSuccess(currentRevision: number, position: number): BatchAppendResp {
  const success = new BatchAppendResp.Success()
    .setCurrentRevision(String(currentRevision))
    .setPosition(new AllStreamPosition().setCommitPosition(String(position)).setPreparePosition(String(position)));
  return new BatchAppendResp().setSuccess(success);
}

/** BatchAppendResp.error: a google.rpc.Status whose details pack one of the client's shared error messages. */
function appendError(code: number, message: string, typeName: string, detail: { serializeBinary(): Uint8Array }): BatchAppendResp {
  const details = new Any();
  details.pack(detail.serializeBinary(), typeName);
  return new BatchAppendResp().setError(new Status().setCode(code).setMessage(message).setDetails(details));
}

/** Status.MaximumAppendSizeExceeded (google.rpc.Code INVALID_ARGUMENT = 3). */
export function maxAppendSizeExceeded(maxAppendSize: number): BatchAppendResp {
  return appendError(
    3,
    `Maximum Append Size of ${maxAppendSize} Exceeded.`,
    'event_store.client.MaximumAppendSizeExceeded',
    new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
  );
}

/** Status.StreamDeleted (FAILED_PRECONDITION = 9). */
export function streamDeleted(streamId: string): BatchAppendResp {
  return appendError(
    9,
    `Event stream '${streamId}' is deleted.`,
    'event_store.client.StreamDeleted',
    new StreamDeleted().setStreamIdentifier(streamIdentifier(streamId)),
  );
}

/** Status.AccessDenied (PERMISSION_DENIED = 7). */
export function accessDenied(): BatchAppendResp {
  return appendError(7, 'Access Denied', 'event_store.client.AccessDenied', new AccessDenied());
}

/** RpcExceptions.InvalidPositionException: a gRPC INVALID_ARGUMENT status with no exception metadata. */
export function invalidPositionError(): Error {
  return Object.assign(new Error('3 INVALID_ARGUMENT: Trying to read from an invalid position.'), {
    code: 3,
    details: 'Trying to read from an invalid position.',
  });
}

/** RpcExceptions.StreamDeleted as a read of a tombstoned stream fails: FAILED_PRECONDITION with exception metadata. */
export function streamDeletedError(streamId: string): Error {
  const metadata = new Metadata();
  metadata.set('exception', 'stream-deleted');
  metadata.set('stream-name', streamId);
  return Object.assign(new Error(`9 FAILED_PRECONDITION: Event stream '${streamId}' is deleted.`), {
    code: 9,
    details: `Event stream '${streamId}' is deleted.`,
    metadata,
  });
}

/** RpcExceptions.AccessDenied as a read fails: PERMISSION_DENIED with exception metadata. */
export function accessDeniedError(): Error {
  const metadata = new Metadata();
  metadata.set('exception', 'access-denied');
  return Object.assign(new Error('7 PERMISSION_DENIED: Access Denied'), { code: 7, details: 'Access Denied', metadata });
}
