import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject } from '@csc/event-store';
import { CHILD_RECORD_READ, accessStreamId, type AccessParameters, type ChildRecordReadData } from '@csc/projections';

/**
 * Appends one ChildRecordRead event to `access-{childId}`. Any revision will do ('any'): two people
 * looking at once must both be logged, and the order between them is the order the store gives.
 */
export async function appendChildRecordRead(store: EventStore, read: ChildRecordReadData): Promise<void> {
  await store.appendToStream(
    accessStreamId(read.childId),
    [
      {
        eventId: randomUUID(),
        type: CHILD_RECORD_READ,
        data: read as unknown as JsonObject,
        metadata: { schemaVersion: 1, occurredAt: read.at, recordedBy: read.subject },
      },
    ],
    { expectedRevision: 'any' },
  );
}

/** The query parameters worth logging: every one that was given, as plain values. */
export function accessParameters(query: object | undefined): AccessParameters {
  const parameters: AccessParameters = {};
  for (const [name, value] of Object.entries(query ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parameters[name] = value;
  }
  return parameters;
}
