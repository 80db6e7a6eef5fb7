import { fromStoredEvent, occurredOnDate, type CaseEvent, type EnvelopeSource, type StoredEnvelopeMetadata } from '@csc/contracts';
import type { RecordedEvent } from '@csc/event-store';
import { summariseEvent } from './event-summary';
import type { PointInTime } from './point-in-time';

/** How a later EventRetracted marked this event: the log keeps both. */
export interface RetractionMark {
  byEventId: string;
  reason: string;
  recordedAt: string;
}

/** One event of a child's stream as an auditor sees it. */
export interface HistoryEntry {
  revision: number;
  position: number;
  eventId: string;
  type: string;
  occurredAt: string;
  /** The Europe/London date occurredAt falls on. */
  occurredOn: string;
  recordedAt: string;
  source: EnvelopeSource;
  correlationId?: string;
  /** How it reached us (http, kafka, import) and who sent it. */
  channel?: string;
  recordedBy?: string;
  /** The event's link in its stream's hash chain. */
  hash?: string;
  summary: string;
  /** The producer's envelope, exactly as it was sent. */
  envelope: CaseEvent;
  retracted?: RetractionMark;
  /** For an EventRetracted: the event it retracts. */
  retracts?: string;
}

/**
 * The events of one child's stream as they stood at a point in time, in stream order.
 * - Known: recorded at or before asKnownAt; a retraction recorded later marks nothing.
 * - Happened: occurred (London date) on or before occurredBy. A retraction says the fact it names was never
 *   true, so it is listed with that fact, and marks it, whenever it was itself made.
 */
export function childHistory(records: readonly RecordedEvent[], point: PointInTime): HistoryEntry[] {
  const known = point.knownAtMs === undefined ? records : records.filter((record) => record.recordedAt.getTime() <= point.knownAtMs!);
  const marks = new Map<string, RetractionMark>();
  for (const record of known) {
    if (record.type !== 'EventRetracted') continue;
    const target = String(record.data.retractedEventId);
    if (!marks.has(target)) marks.set(target, { byEventId: record.eventId, reason: String(record.data.reason), recordedAt: record.recordedAt.toISOString() });
  }
  const listed = new Set<string>();
  const entries: HistoryEntry[] = [];
  for (const record of known) {
    const entry = toEntry(record, marks.get(record.eventId));
    const happened = point.occurredBy === undefined || entry.occurredOn <= point.occurredBy;
    if (!happened && !(entry.retracts !== undefined && listed.has(entry.retracts))) continue;
    listed.add(entry.eventId);
    entries.push(entry);
  }
  return entries;
}

function toEntry(record: RecordedEvent, retracted: RetractionMark | undefined): HistoryEntry {
  const metadata = record.metadata as unknown as StoredEnvelopeMetadata & { hash?: string };
  const envelope = fromStoredEvent(record);
  return {
    revision: record.revision,
    position: record.position,
    eventId: record.eventId,
    type: record.type,
    occurredAt: metadata.occurredAt,
    occurredOn: occurredOnDate(metadata.occurredAt),
    recordedAt: record.recordedAt.toISOString(),
    source: metadata.source,
    ...(metadata.correlationId !== undefined ? { correlationId: metadata.correlationId } : {}),
    ...(metadata.channel !== undefined ? { channel: metadata.channel } : {}),
    ...(metadata.recordedBy !== undefined ? { recordedBy: metadata.recordedBy } : {}),
    ...(metadata.hash !== undefined ? { hash: metadata.hash } : {}),
    summary: summariseEvent(envelope),
    envelope,
    ...(retracted ? { retracted } : {}),
    ...(record.type === 'EventRetracted' ? { retracts: String(record.data.retractedEventId) } : {}),
  };
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** The revision to ask for next (fromRevision), or null when this page reached the end. */
  nextRevision: number | null;
}

/** Up to `limit` entries from `fromRevision` on. */
export function pageOf(entries: readonly HistoryEntry[], fromRevision: number, limit: number): HistoryPage {
  const start = entries.findIndex((entry) => entry.revision >= fromRevision);
  if (start < 0) return { entries: [], nextRevision: null };
  const page = entries.slice(start, start + limit);
  const more = start + limit < entries.length;
  return { entries: page, nextRevision: more ? page[page.length - 1].revision + 1 : null };
}
