import { childStreamId } from '@csc/contracts';
import type { ChainLink, EventStore, StreamCheckpoint } from '@csc/event-store';
import { accessStreamId } from '@csc/projections';
import { verifyStream, type StreamVerification } from './chain-verification';
import { checkStreamCheckpoint, checkpointHolds } from './checkpoint-verification';

export interface ChildHistoryVerification {
  childId: string;
  /** True when every chain checked holds. */
  intact: boolean;
  /** The child's own stream, then the access log of the child's record (when anyone has looked). */
  streams: StreamVerification[];
}

/**
 * Recomputes the chains of a child's stream and its access log, each from revision 0, and compares each with
 * its signed head when the store keeps them and `checkpointKey` is given. Undefined: nothing recorded and
 * nothing ever signed for the child.
 */
export async function verifyChildStreams(store: EventStore, childId: string, checkpointKey?: Buffer): Promise<ChildHistoryVerification | undefined> {
  const streamIds = [childStreamId(childId), accessStreamId(childId)];
  // Signed heads first, then the events: a stream only grows and its head is written in the statement that
  // appends, so an append committed between the two reads leaves the events at or past the head read (which the
  // check accepts), never behind it.
  const reads = await Promise.all(streamIds.map((streamId) => readConsistently(store, streamId)));
  const [[child, childHead], [access, accessHead]] = reads;
  if (child.length === 0 && !childHead) return undefined;
  const streams = [withCheckpoint(verifyStream(streamIds[0], child), child, childHead, checkpointKey)];
  if (access.length > 0 || accessHead) streams.push(withCheckpoint(verifyStream(streamIds[1], access), access, accessHead, checkpointKey));
  return { childId, intact: streams.every((stream) => stream.intact), streams };
}

/**
 * A stream's signed head and then its events. A stream that had no head when asked but has events now was
 * first appended in between: its head is read again, and its events too when that head is past them.
 */
async function readConsistently(store: EventStore, streamId: string): Promise<[ChainLink[], StreamCheckpoint | undefined]> {
  const head = await store.readStreamCheckpoint?.(streamId);
  const events = await store.readStream(streamId);
  if (head || events.length === 0 || !store.readStreamCheckpoint) return [events, head];
  const later = await store.readStreamCheckpoint(streamId);
  if (later && later.revision > events[events.length - 1].revision) return [await store.readStream(streamId), later];
  return [events, later];
}

function withCheckpoint(
  verification: StreamVerification,
  events: readonly ChainLink[],
  head: StreamCheckpoint | undefined,
  key: Buffer | undefined,
): StreamVerification {
  const checkpoint = checkStreamCheckpoint(verification.streamId, events, head, key);
  return { ...verification, intact: verification.intact && checkpointHolds(checkpoint), checkpoint };
}
