import type { AppendOptions, EventToAppend, JsonObject } from './event-store';
import { InvalidAppend } from './errors';
import { RESERVED_METADATA_KEYS } from './integrity';

/** The most events one append may carry (positions reserve this many places per transaction). */
export const MAX_EVENTS_PER_APPEND = 16_384;
export const MAX_STREAM_ID_LENGTH = 256;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STREAM_ID = /^[A-Za-z][A-Za-z0-9_]*-[^\s]+$/;

/** A stream's category is the part of its id before the first '-': `child-123` is in `child`. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

export function assertValidStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length > MAX_STREAM_ID_LENGTH || !STREAM_ID.test(streamId)) {
    throw new InvalidAppend(
      `Stream id must be '<category>-<id>' (a letter first, no spaces, at most ${MAX_STREAM_ID_LENGTH} characters); got ${JSON.stringify(streamId)}`,
      'streamId',
    );
  }
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks what every adapter must refuse before touching its database. */
export function assertValidAppend(streamId: string, events: readonly EventToAppend[], options: AppendOptions): void {
  assertValidStreamId(streamId);
  const { expectedRevision } = options;
  const validKeyword = expectedRevision === 'any' || expectedRevision === 'no-stream' || expectedRevision === 'exists';
  if (!validKeyword && !(Number.isSafeInteger(expectedRevision) && (expectedRevision as number) >= 0)) {
    throw new InvalidAppend(`expectedRevision must be a revision number, 'no-stream', 'any' or 'exists'`, 'expectedRevision');
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppend('An append needs at least one event', 'events');
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppend(`An append may carry at most ${MAX_EVENTS_PER_APPEND} events; got ${events.length}`, 'events');
  }
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const at = `events[${index}]`;
    if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new InvalidAppend(`${at}.eventId must be a UUID`, `${at}.eventId`);
    }
    const id = event.eventId.toLowerCase();
    if (seen.has(id)) {
      throw new InvalidAppend(`${at}.eventId ${id} appears twice in one append`, `${at}.eventId`);
    }
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 200) {
      throw new InvalidAppend(`${at}.type must be a non-empty string`, `${at}.type`);
    }
    if (!isPlainObject(event.data)) {
      throw new InvalidAppend(`${at}.data must be a JSON object`, `${at}.data`);
    }
    if (event.metadata !== undefined) {
      if (!isPlainObject(event.metadata)) {
        throw new InvalidAppend(`${at}.metadata must be a JSON object`, `${at}.metadata`);
      }
      for (const key of RESERVED_METADATA_KEYS) {
        if (key in event.metadata) {
          throw new InvalidAppend(`${at}.metadata.${key} is set by the store and may not be supplied`, `${at}.metadata.${key}`);
        }
      }
    }
  });
}
