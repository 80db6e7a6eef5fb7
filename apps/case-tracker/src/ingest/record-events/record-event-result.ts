import type { ContractViolation } from '@csc/contracts';

export interface EventError {
  code: string;
  message: string;
  field?: string;
}

/** The outcome for one event of a request, in the order the events were sent. */
export type RecordEventResult =
  | { eventId: string; status: 'recorded' | 'duplicate'; streamId: string; revision: number }
  | { eventId?: string; status: 'rejected'; streamId?: string; error: EventError; errors?: ContractViolation[] };

/** What one stream's recording produced: each event's result, and the highest log position written. */
export interface StreamOutcome {
  results: Map<number, RecordEventResult>;
  /** Global position of the last event appended, or of the newest duplicate found; 0 when none. */
  position: number;
}

/** Codes the ingest layer adds to the contract's and the domain's. */
export const INGEST_ERROR_CODES = {
  EVENT_ID_REUSED: 'EVENT_ID_REUSED',
  PRECEDING_EVENT_REJECTED: 'PRECEDING_EVENT_REJECTED',
  CONCURRENT_MODIFICATION: 'CONCURRENT_MODIFICATION',
  EVENT_STORE_UNAVAILABLE: 'EVENT_STORE_UNAVAILABLE',
  CHILD_RECORD_DESTROYED: 'CHILD_RECORD_DESTROYED',
} as const;
