// The service's own events about keeping a child's record: legal holds and destruction. They live in
// `retention-{childId}`, apart from the child's case events, carry no personal data, and are never sent by a
// case management system.

export const RETENTION_STREAM_CATEGORY = 'retention';
export const retentionStreamId = (childId: string): string => `${RETENTION_STREAM_CATEGORY}-${childId}`;

export const CHILD_RECORD_DESTROYED = 'ChildRecordDestroyed';
export const LEGAL_HOLD_PLACED = 'LegalHoldPlaced';
export const LEGAL_HOLD_RELEASED = 'LegalHoldReleased';
export const RETENTION_EVENT_TYPES = [CHILD_RECORD_DESTROYED, LEGAL_HOLD_PLACED, LEGAL_HOLD_RELEASED] as const;
export type RetentionEventType = (typeof RETENTION_EVENT_TYPES)[number];

/** Why a record was destroyed: the end of its retention (with the rule), or a purge the producing system asked for. */
export interface ChildRecordDestroyedData {
  childId: string;
  /** `retention-ended` (with `rule` and `retainUntil`) or `purge-requested` (with `requestedBy`, e.g. `csc-api`). */
  reason: 'retention-ended' | 'purge-requested';
  rule?: string;
  retainUntil?: string;
  requestedBy?: string;
  /** The day the destruction was judged on (Europe/London). */
  asOf: string;
}

export interface LegalHoldPlacedData {
  childId: string;
  /** Why, in words (an inquiry's name, a court order's reference): no personal data. */
  reason: string;
}

export interface LegalHoldReleasedData {
  childId: string;
  reason: string;
}
