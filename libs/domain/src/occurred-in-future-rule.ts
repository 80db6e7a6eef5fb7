import { compareCalendarDates } from '@csc/contracts';
import { refusal, type DomainError } from './domain-error';

/** Nothing recorded can have happened after today (the caller's London date). */
export function occurredInFuture(occurredAt: string, on: string, today: string): DomainError | undefined {
  if (compareCalendarDates(on, today) <= 0) return undefined;
  return refusal(
    'OCCURRED_IN_FUTURE',
    `occurredAt ${occurredAt} falls on ${on}, after today (${today}, Europe/London). Send the date the fact happened; a planned event is sent once it has happened.`,
    'occurredAt',
  );
}

/** The caller's clock must give a calendar date; anything else is a programming error, not a producer's. */
export function assertToday(today: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new TypeError(`context.today must be a YYYY-MM-DD London date; got ${JSON.stringify(today)}`);
}
