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
  const [child, access] = await Promise.all(streamIds.map((streamId) => store.readStream(streamId)));
  const [childHead, accessHead] = await Promise.all(streamIds.map((streamId) => store.readStreamCheckpoint?.(streamId)));
  if (child.length === 0 && !childHead) return undefined;
  const streams = [withCheckpoint(verifyStream(streamIds[0], child), child, childHead, checkpointKey)];
  if (access.length > 0 || accessHead) streams.push(withCheckpoint(verifyStream(streamIds[1], access), access, accessHead, checkpointKey));
  return { childId, intact: streams.every((stream) => stream.intact), streams };
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
