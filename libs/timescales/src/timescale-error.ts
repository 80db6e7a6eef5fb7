/** The closed set of things that can go wrong in this library; `code` is stable for callers to match on. */
export type TimescaleErrorCode =
  | 'INVALID_DATE'
  | 'INVALID_TIMESTAMP'
  | 'CALENDAR_OUT_OF_RANGE'
  | 'INVALID_CALENDAR_DATA'
  | 'INVALID_LOCAL_STANDARDS'
  | 'UNKNOWN_RULE'
  | 'INVALID_ARGUMENT'
  | 'INVALID_EVENT';

/** Every error this library throws: a code, a message a person can act on, and the field at fault. */
export class TimescaleError extends Error {
  constructor(
    readonly code: TimescaleErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'TimescaleError';
  }
}
