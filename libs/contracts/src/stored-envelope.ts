import type { CaseEvent } from './event-catalogue';
import type { EnvelopeSource } from './envelope/event-envelope';

/** How an event reached us: recorded where it came in, never part of the producer's envelope. */
export type IngestChannel = 'http' | 'kafka' | 'import';

/**
 * The envelope fields an event store keeps beside the payload. The store's own columns hold the
 * event id and type; `data` is the payload. Together they give back the producer's envelope exactly.
 */
export interface StoredEnvelopeMetadata {
  schemaVersion: number;
  childId?: string;
  workerId?: string;
  occurredAt: string;
  source: EnvelopeSource;
  correlationId?: string;
  /** How we received it (not part of the envelope). */
  channel?: IngestChannel;
  /** Who sent it: the authenticated subject (not part of the envelope). */
  recordedBy?: string;
}

export interface StoredEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** The event to append for a validated envelope, with how and from whom it came. */
export function toStoredEvent(envelope: CaseEvent, received: { channel: IngestChannel; recordedBy?: string }): StoredEvent {
  const { eventId, type, data, ...rest } = envelope;
  const metadata: StoredEnvelopeMetadata = {
    schemaVersion: rest.schemaVersion,
    ...(rest.childId !== undefined ? { childId: rest.childId } : {}),
    ...(rest.workerId !== undefined ? { workerId: rest.workerId } : {}),
    occurredAt: rest.occurredAt,
    source: rest.source,
    ...(rest.correlationId !== undefined ? { correlationId: rest.correlationId } : {}),
    channel: received.channel,
    ...(received.recordedBy !== undefined ? { recordedBy: received.recordedBy } : {}),
  };
  return { eventId, type, data: data as unknown as Record<string, unknown>, metadata: metadata as unknown as Record<string, unknown> };
}

/** The producer's envelope of a stored event (without how it was received, or the store's chain hashes). */
export function fromStoredEvent(stored: { eventId: string; type: string; data: object; metadata: object }): CaseEvent {
  const metadata = stored.metadata as StoredEnvelopeMetadata;
  return {
    eventId: stored.eventId,
    type: stored.type,
    schemaVersion: metadata.schemaVersion,
    ...(metadata.childId !== undefined ? { childId: metadata.childId } : {}),
    ...(metadata.workerId !== undefined ? { workerId: metadata.workerId } : {}),
    occurredAt: metadata.occurredAt,
    source: metadata.source,
    ...(metadata.correlationId !== undefined ? { correlationId: metadata.correlationId } : {}),
    data: stored.data,
  } as CaseEvent;
}
