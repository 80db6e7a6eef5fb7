/** Injection token for the RecordRetention of the service (schedule, holds, destruction). */
export const RECORD_RETENTION = Symbol('RECORD_RETENTION');
