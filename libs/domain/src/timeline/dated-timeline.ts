import { isOccurredAt, isTimestamp, occurredOnDate } from '@csc/contracts';

/**
 * One accepted event on a stream's timeline: `on` is the London calendar date of its occurredAt (computed once),
 * `arrival` its place in the order the stream received it.
 */
export interface DatedEntry<E> {
  readonly event: E;
  readonly on: string;
  readonly arrival: number;
}

/** The London date of an occurredAt; never throws, so evolve stays total even for malformed input. */
export function occurredOn(occurredAt: string): string {
  return isOccurredAt(occurredAt) ? occurredOnDate(occurredAt) : String(occurredAt).slice(0, 10);
}

/** Milliseconds since the epoch for a timestamp, or undefined for a date-only occurredAt. */
export function instantOf(occurredAt: string): number | undefined {
  return isTimestamp(occurredAt) ? Date.parse(occurredAt) : undefined;
}

/** Where an entry dated `on` goes: after every entry of the same or an earlier date (ties keep arrival order). */
export function insertionIndex<E>(entries: readonly DatedEntry<E>[], on: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].on <= on) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A new timeline with the entry in its place; the old one is left untouched. */
export function withEntry<E>(entries: readonly DatedEntry<E>[], entry: DatedEntry<E>): { timeline: DatedEntry<E>[]; index: number } {
  const index = insertionIndex(entries, entry.on);
  const timeline = entries.slice(0, index);
  timeline.push(entry);
  for (let i = index; i < entries.length; i++) timeline.push(entries[i]);
  return { timeline, index };
}

/** The entries that happened on or before a date (the prefix an "as of" view folds). */
export function entriesUpTo<E>(entries: readonly DatedEntry<E>[], asOf: string): readonly DatedEntry<E>[] {
  const end = insertionIndex(entries, asOf);
  return end === entries.length ? entries : entries.slice(0, end);
}

/** The compile-time exhaustiveness check of a switch on the event type; at run time an unknown type is ignored. */
export function ignoreUnknownType(_event: never): undefined {
  return undefined;
}
