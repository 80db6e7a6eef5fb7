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

/** A child's events from the log, in stream order (the domain's fold orders them by occurredAt). */
export async function childEvents(store: EventStore, childId: string): Promise<ChildEvent[]> {
  const records = await store.readStream(childStreamId(childId));
  return records.map((record) => fromStoredEvent(record) as ChildEvent);
}
