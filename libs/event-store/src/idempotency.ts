import { isDeepStrictEqual } from 'node:util';
import type { AppendResult, EventToAppend, ExpectedRevision, RecordedEvent } from './event-store';
import { EventIdReused } from './errors';
import { splitStoredMetadata } from './integrity';

/**
 * Decides whether an append whose event ids are (partly) stored already is a retry of an earlier
 * append. A retry stored exactly these events, in this order, in this stream, at the place the
 * expected revision names: it returns the earlier result and stores nothing. Any other reuse of an
 * event id is an error. Returns undefined when none of the ids is stored.
 */
export function findIdempotentResult(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  stored: readonly RecordedEvent[],
): AppendResult | undefined {
  if (stored.length === 0) return undefined;
  const byId = new Map(stored.map((event) => [event.eventId.toLowerCase(), event]));
  const first = byId.get(events[0].eventId.toLowerCase());
  events.forEach((event, index) => {
    const match = byId.get(event.eventId.toLowerCase());
    if (!match) {
      const [reused] = stored;
      throw new EventIdReused(reused.eventId, reused, 'this append mixes events already stored with new ones');
    }
    if (match.streamId !== streamId) {
      throw new EventIdReused(match.eventId, match, `it cannot be appended to ${streamId} as well`);
    }
    if (!first || match.revision !== first.revision + index) {
      throw new EventIdReused(match.eventId, match, 'the stored events are not this append in this order');
    }
    const { metadata } = splitStoredMetadata(match.metadata);
    if (
      match.type !== event.type ||
      !isDeepStrictEqual(normalise(match.data), normalise(event.data)) ||
      !isDeepStrictEqual(normalise(metadata), normalise(event.metadata ?? {}))
    ) {
      throw new EventIdReused(match.eventId, match, 'the stored event has other content');
    }
  });
  const start = first!.revision;
  const samePlace = expected === 'any' || expected === 'exists' || (expected === 'no-stream' ? start === 0 : start === expected + 1);
  if (!samePlace) {
    throw new EventIdReused(first!.eventId, first!, `it was appended at revision ${start}, not after ${String(expected)}`);
  }
  const last = byId.get(events[events.length - 1].eventId.toLowerCase())!;
  return { nextExpectedRevision: last.revision, position: last.position };
}

/** Compares as stored JSON does: key order ignored, undefined members dropped. */
function normalise(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
