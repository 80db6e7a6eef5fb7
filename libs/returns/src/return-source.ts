import { childStreamId, fromStoredEvent, type ChildEvent } from '@csc/contracts';
import type { EventStore } from '@csc/event-store';
import { CHILD_TRACKER_SCHEMA, rowsOf, type ReadModelReader } from '@csc/projections';

/** What a return reads: the read models to find the children in scope, the log for each child's facts. */
export interface ReturnSource {
  store: EventStore;
  readModels: ReadModelReader;
}

/**
 * Children the child tracker knows to have had an open case (any status but closed) on some day of the
 * period, or a referral received in it (a referral closed the day it came has no open day): a superset of
 * every return's scope; each return decides child by child from the child's own events.
 */
export async function childrenActiveIn(reader: ReadModelReader, from: string, to: string): Promise<string[]> {
  const rows = await rowsOf<{ child_id: string }>(
    reader,
    `SELECT child_id FROM ${CHILD_TRACKER_SCHEMA}.status_periods
       WHERE status <> 'closed' AND from_on <= $2::date AND (to_on IS NULL OR to_on >= $1::date)
     UNION
     SELECT child_id FROM ${CHILD_TRACKER_SCHEMA}.referrals WHERE received_on BETWEEN $1::date AND $2::date
     ORDER BY child_id`,
    [from, to],
  );
  return rows.map((row) => row.child_id);
}

/**
 * The children of `childrenActiveIn`, and those looked after on some day of the period (a legal status of a period
 * of care open in it): a child known only by its periods of care, as an SSDA903 import records it, has no case
 * and so no status period, but is in the 903's scope.
 */
export async function childrenActiveOrLookedAfterIn(reader: ReadModelReader, from: string, to: string): Promise<string[]> {
  const rows = await rowsOf<{ child_id: string }>(
    reader,
    `SELECT child_id FROM ${CHILD_TRACKER_SCHEMA}.status_periods
       WHERE status <> 'closed' AND from_on <= $2::date AND (to_on IS NULL OR to_on >= $1::date)
     UNION
     SELECT child_id FROM ${CHILD_TRACKER_SCHEMA}.referrals WHERE received_on BETWEEN $1::date AND $2::date
     UNION
     SELECT child_id FROM ${CHILD_TRACKER_SCHEMA}.legal_statuses WHERE from_on <= $2::date AND (to_on IS NULL OR to_on >= $1::date)
     ORDER BY child_id`,
    [from, to],
  );
  return rows.map((row) => row.child_id);
}

const PAGE = 5_000;

/**
 * The events of the given children from the log, each child's in stream order (the domain's fold orders them by
 * occurredAt). One pass over the children's part of the log in pages, rather than a read per child: for a county
 * that is a few seconds instead of thousands of round trips; only the children asked for are kept.
 */
export async function childEventsOf(store: EventStore, childIds: readonly string[]): Promise<Map<string, ChildEvent[]>> {
  const byStream = new Map(childIds.map((childId) => [childStreamId(childId), { childId, events: [] as ChildEvent[] }]));
  for (let fromPosition = 0; ;) {
    const page = await store.readAll({ categories: ['child'], fromPosition, maxCount: PAGE });
    for (const record of page) byStream.get(record.streamId)?.events.push(fromStoredEvent(record) as ChildEvent);
    if (page.length < PAGE) break;
    fromPosition = page[page.length - 1].position;
  }
  return new Map([...byStream.values()].map(({ childId, events }) => [childId, events]));
}
