import type { EventEnvelope } from './envelope/event-envelope';

/** Stream categories: EventStoreDB's `$by_category` and the Postgres filter read the part before the first '-'. */
export const CHILD_STREAM_CATEGORY = 'child';
export const WORKER_STREAM_CATEGORY = 'worker';

export const childStreamId = (childId: string): string => `${CHILD_STREAM_CATEGORY}-${childId}`;
export const workerStreamId = (workerId: string): string => `${WORKER_STREAM_CATEGORY}-${workerId}`;

/**
 * The stream an event belongs to: `child-{childId}` or `worker-{workerId}`. Throws on an envelope with both or
 * neither, which validateEnvelope never returns.
 */
export function streamIdFor(envelope: Pick<EventEnvelope, 'childId' | 'workerId'>): string {
  const { childId, workerId } = envelope;
  if (childId !== undefined && workerId === undefined) return childStreamId(childId);
  if (workerId !== undefined && childId === undefined) return workerStreamId(workerId);
  throw new Error('An envelope carries exactly one of childId or workerId; validate it with validateEnvelope first');
}
