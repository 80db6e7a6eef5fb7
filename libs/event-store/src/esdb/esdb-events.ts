import { jsonEvent, type AllStreamResolvedEvent, type EventData, type ResolvedEvent } from '@eventstore/db-client';
import type { EventToAppend, JsonObject, RecordedEvent } from '../event-store';
import { SUPPORTED_SERVERS, isReported, toLogPosition } from './esdb-positions';

type ClientResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

/** A record in the log that this store did not write and cannot read: not a JSON object, or a dangling link. */
export class ForeignEvent extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForeignEvent';
  }
}

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

/**
 * The commit position of a resolved event: the record's own (every stream read from 22.6 on), or
 * the envelope's ($all reads and subscriptions on every version). The client's protobuf getters
 * read an unset position as "0", and servers before 22.6 send -1 as a ulong (2^64-1) on stream
 * reads (Streams.Read's ConvertToRecordedEvent: `commitPosition ?? -1`); neither names an event.
 */
export function positionOf(resolved: ClientResolvedEvent): number {
  const own = resolved.event?.position?.commit;
  const commit = own !== undefined && isReported(own) ? own : resolved.commitPosition;
  if (commit === undefined || !isReported(commit)) {
    const recorded = resolved.event;
    throw new Error(
      `EventStoreDB did not report the log position of event ${recorded?.id ?? '?'} in ${recorded?.streamId ?? '?'} at revision ${recorded?.revision ?? '?'}: ` +
        `servers before 22.6 leave it out of stream reads, and every server leaves it out for events written in explicit transactions. ` +
        `This store needs ${SUPPORTED_SERVERS}, holding only the events it wrote.`,
    );
  }
  return toLogPosition(commit);
}

export function toRecordedEvent(resolved: ClientResolvedEvent): RecordedEvent {
  const recorded = resolved.event;
  if (!recorded) {
    throw new ForeignEvent('EventStoreDB returned a link to an event that no longer exists; this store never writes links');
  }
  const where = `event ${recorded.id} in ${recorded.streamId} at revision ${recorded.revision}`;
  if (!recorded.isJson || !isJsonObject(recorded.data)) {
    throw new ForeignEvent(`EventStoreDB ${where} is not a JSON object; this store only reads the JSON events it writes`);
  }
  const metadata = recorded.metadata ?? {};
  if (!isJsonObject(metadata)) {
    throw new ForeignEvent(`EventStoreDB ${where} has metadata that is not a JSON object`);
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
