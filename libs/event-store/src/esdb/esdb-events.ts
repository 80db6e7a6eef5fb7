import { jsonEvent, type AllStreamResolvedEvent, type EventData, type ResolvedEvent } from '@eventstore/db-client';
import type { EventToAppend, JsonObject, RecordedEvent } from '../event-store';
import { toLogPosition } from './esdb-positions';

type ClientResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

/** EventStoreDB's own records ($stats, $metadata, projection links) live in '$' streams or have '$' types. */
export function isSystemRecord(record: { streamId: string; type: string }): boolean {
  return record.streamId.startsWith('$') || record.type.startsWith('$');
}

/** The stream and type of a resolved event without converting it (system records may not be JSON). */
export function describeResolved(resolved: ClientResolvedEvent): { streamId: string; type: string; position: number } {
  const recorded = resolved.event;
  if (!recorded) {
    throw new Error('EventStoreDB returned a link to an event that no longer exists; this store never writes links');
  }
  return { streamId: recorded.streamId, type: recorded.type, position: positionOf(resolved) };
}

/** The commit position of a resolved event: on the record (server 22.6+) or on the envelope. */
export function positionOf(resolved: ClientResolvedEvent): number {
  const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
  if (commit === undefined) {
    throw new Error(
      `EventStoreDB returned event ${resolved.event?.id ?? '?'} without a log position: stream reads carry positions from server 22.6 on; upgrade the server`,
    );
  }
  return toLogPosition(commit);
}

export function toRecordedEvent(resolved: ClientResolvedEvent): RecordedEvent {
  const recorded = resolved.event;
  if (!recorded) {
    throw new Error('EventStoreDB returned a link to an event that no longer exists; this store never writes links');
  }
  const where = `event ${recorded.id} in ${recorded.streamId} at revision ${recorded.revision}`;
  if (!recorded.isJson || !isJsonObject(recorded.data)) {
    throw new Error(`EventStoreDB ${where} is not a JSON object; this store only reads the JSON events it writes`);
  }
  const metadata = recorded.metadata ?? {};
  if (!isJsonObject(metadata)) {
    throw new Error(`EventStoreDB ${where} has metadata that is not a JSON object`);
  }
  return {
    eventId: recorded.id,
    type: recorded.type,
    streamId: recorded.streamId,
    revision: Number(recorded.revision),
    position: positionOf(resolved),
    data: recorded.data,
    metadata,
    recordedAt: recorded.created,
  };
}

/** The client's proposed event: our id, so a retried append can be recognised, and chained metadata. */
export function toEventData(event: EventToAppend, storedMetadata: JsonObject): EventData {
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata: storedMetadata });
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
