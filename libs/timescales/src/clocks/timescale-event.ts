import type { EpochDay } from '../calendar/calendar-date';
import { TimescaleError } from '../timescale-error';

/**
 * The minimal shape of a child event this library reads: a structural subset of `@csc/contracts`'
 * envelope, so callers with plain objects (tests, the CLI) need not build whole envelopes. Type and
 * field names are those of the event catalogue; the case itself is the domain's fold of them.
 */
export interface TimescaleEvent {
  readonly eventId: string;
  readonly type: string;
  /** A date `YYYY-MM-DD` or an ISO-8601 timestamp with Z or an offset; a timestamp counts on its London date. */
  readonly occurredAt: string;
  /** The payload, read by field name. `object` rather than a record so that `@csc/contracts`' payload classes fit. */
  readonly data: object;
}

/** An event placed on the child's timeline: its London date, its instant if it had a time, and its position. */
export interface TimelineEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly day: EpochDay;
  readonly instant?: number;
  /** Position on the sorted timeline (occurredAt, then input order). */
  readonly order: number;
}

function badField(event: TimelineEvent, field: string, expected: string): TimescaleError {
  return new TimescaleError(
    'INVALID_EVENT',
    `${event.type} event ${event.eventId}: data.${field} must be ${expected}, got ${JSON.stringify(event.data[field])}`,
    `data.${field}`,
  );
}

export function textField(event: TimelineEvent, field: string): string {
  const value = event.data[field];
  if (typeof value !== 'string' || value === '') throw badField(event, field, 'a non-empty string');
  return value;
}

export function optionalTextField(event: TimelineEvent, field: string): string | undefined {
  const value = event.data[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw badField(event, field, 'a non-empty string when present');
  return value;
}

export function booleanField(event: TimelineEvent, field: string): boolean {
  const value = event.data[field];
  if (typeof value !== 'boolean') throw badField(event, field, 'true or false');
  return value;
}

/** The first event for each id, in timeline order: a repeated start is a duplicate, not a new clock. */
export function firstById(events: readonly TimelineEvent[], field: string): Map<string, TimelineEvent> {
  const first = new Map<string, TimelineEvent>();
  for (const event of events) {
    const id = textField(event, field);
    if (!first.has(id)) first.set(id, event);
  }
  return first;
}
