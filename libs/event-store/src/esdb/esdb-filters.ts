import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { LogFilter } from '../event-store';
import { streamCategory } from '../append-validation';
import { isSystemRecord } from './esdb-events';

type CheckpointReached = NonNullable<Filter['checkpointReached']>;

/**
 * The filter EventStoreDB applies before sending events. One filter matches on stream name or on
 * event type, not both: with categories we filter streams by `${category}-` prefix on the server
 * (the more selective of the two for our log) and event types in the adapter; with event types only,
 * an anchored regex on the type; with neither, the client's filter that excludes system events.
 * The server filter may let through more than asked; `matchesLogFilter` is the exact judge.
 */
export function serverFilter(filter: LogFilter, checkpointReached: CheckpointReached): Filter {
  const categories = nonEmpty(filter.categories);
  const eventTypes = nonEmpty(filter.eventTypes);
  if (categories) return streamNameFilter({ prefixes: categories.map((category) => `${category}-`), checkpointReached });
  if (eventTypes) return eventTypeFilter({ regex: exactAlternatives(eventTypes), checkpointReached });
  return excludeSystemEvents({ checkpointReached });
}

/** Whether a record belongs in a read or subscription with this filter (system records never do). */
export function matchesLogFilter(record: { streamId: string; type: string }, filter: LogFilter): boolean {
  if (isSystemRecord(record)) return false;
  const categories = nonEmpty(filter.categories);
  const eventTypes = nonEmpty(filter.eventTypes);
  if (categories && !categories.includes(streamCategory(record.streamId))) return false;
  if (eventTypes && !eventTypes.includes(record.type)) return false;
  return true;
}

/** `^(?:A|B)$` with each alternative escaped, so 'A' does not also match 'AB' or 'A.B' match 'AxB'. */
export function exactAlternatives(values: readonly string[]): string {
  return `^(?:${values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
}

function nonEmpty(values: readonly string[] | undefined): readonly string[] | undefined {
  return values && values.length > 0 ? values : undefined;
}
