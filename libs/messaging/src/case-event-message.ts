import type { IHeaders } from 'kafkajs';
import type { RecordedEvent } from '@csc/event-store';

/**
 * The value of a message on csc.case-events.v1 (JSON, documented in the README and published as
 * a JSON Schema). Consumers deduplicate by eventId: delivery is at least once.
 */
export interface CaseEventMessage {
  eventId: string;
  type: string;
  schemaVersion: number;
  /** `child-{childId}` or `worker-{workerId}`. */
  streamId: string;
  /** Place in the stream: consecutive from 0 for each child. */
  revision: number;
  /** Place in the global log; increases with every event, with gaps. */
  position: number;
  childId?: string;
  workerId?: string;
  occurredAt: string;
  recordedAt: string;
  source: unknown;
  correlationId?: string;
  data: Record<string, unknown>;
  /** Store metadata: how it was received, and the tamper-evidence hash chain (hash, previousHash). */
  metadata: Record<string, unknown>;
}

export const CASE_EVENT_HEADERS = {
  eventId: 'csc-event-id',
  type: 'csc-event-type',
  schemaVersion: 'csc-schema-version',
  correlationId: 'csc-correlation-id',
} as const;

/** Key, value and headers of the message for one recorded event. Keyed by child id, so a child's events stay in order. */
export function toCaseEventMessage(event: RecordedEvent): { key: string; value: string; headers: IHeaders } {
  const metadata = event.metadata as Record<string, unknown> & {
    schemaVersion?: number;
    childId?: string;
    workerId?: string;
    occurredAt?: string;
    source?: unknown;
    correlationId?: string;
  };
  const message: CaseEventMessage = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: Number(metadata.schemaVersion ?? 1),
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    ...(metadata.childId !== undefined ? { childId: metadata.childId } : {}),
    ...(metadata.workerId !== undefined ? { workerId: metadata.workerId } : {}),
    occurredAt: String(metadata.occurredAt ?? ''),
    recordedAt: event.recordedAt.toISOString(),
    source: metadata.source,
    ...(metadata.correlationId !== undefined ? { correlationId: metadata.correlationId } : {}),
    data: event.data,
    metadata: { channel: metadata.channel, recordedBy: metadata.recordedBy, hash: metadata.hash, previousHash: metadata.previousHash },
  };
  const headers: IHeaders = {
    [CASE_EVENT_HEADERS.eventId]: event.eventId,
    [CASE_EVENT_HEADERS.type]: event.type,
    [CASE_EVENT_HEADERS.schemaVersion]: String(message.schemaVersion),
    ...(message.correlationId ? { [CASE_EVENT_HEADERS.correlationId]: message.correlationId } : {}),
  };
  return { key: message.childId ?? message.workerId ?? event.streamId, value: JSON.stringify(message), headers };
}
