/** The outcome of recording one inbound envelope, as the ingest command reports it. */
export interface SinkResult {
  status: 'recorded' | 'duplicate' | 'rejected';
  error?: { code: string; message: string; field?: string };
}

/**
 * Where inbound envelopes go: the same command path as POST /v1/events. Results come back one per
 * envelope, in order. Throws when nothing could be recorded (the store is unreachable).
 */
export interface CaseEventSink {
  record(envelopes: readonly unknown[]): Promise<SinkResult[]>;
}

/** Codes that say "try again later", never "this message is bad": such messages are retried, not dead-lettered. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['EVENT_STORE_UNAVAILABLE', 'CONCURRENT_MODIFICATION']);
export const PRECEDING_EVENT_REJECTED = 'PRECEDING_EVENT_REJECTED';
