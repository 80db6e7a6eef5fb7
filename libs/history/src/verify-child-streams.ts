import { childStreamId } from '@csc/contracts';
import type { EventStore } from '@csc/event-store';
import { accessStreamId } from '@csc/projections';
import { verifyStream, type StreamVerification } from './chain-verification';

export interface ChildHistoryVerification {
  childId: string;
  /** True when every chain checked holds. */
  intact: boolean;
  /** The child's own stream, then the access log of the child's record (when anyone has looked). */
  streams: StreamVerification[];
}

/** Recomputes the chains of a child's stream and its access log, each from revision 0. Undefined: nothing recorded. */
export async function verifyChildStreams(store: EventStore, childId: string): Promise<ChildHistoryVerification | undefined> {
  const [child, access] = await Promise.all([store.readStream(childStreamId(childId)), store.readStream(accessStreamId(childId))]);
  if (child.length === 0) return undefined;
  const streams = [verifyStream(childStreamId(childId), child)];
  if (access.length > 0) streams.push(verifyStream(accessStreamId(childId), access));
  return { childId, intact: streams.every((stream) => stream.intact), streams };
}
