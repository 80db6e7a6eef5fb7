// Calendar dates and timestamps as the contract accepts them: shapes that a JSON Schema `pattern` can state
// exactly, and a real-date check that matches JSON Schema `format: date` / `date-time`.

/** `YYYY-MM-DD` with a month 01-12 and a day 01-31 (whether the day exists is checked separately). */
export const CALENDAR_DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
/** RFC 3339 date-time with seconds, optional fraction of 1-9 digits, and `Z` or a `±hh:mm` offset. */
export const TIMESTAMP_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$';

const CALENDAR_DATE = new RegExp(CALENDAR_DATE_PATTERN);
const TIMESTAMP = new RegExp(TIMESTAMP_PATTERN);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Whether the first ten characters `YYYY-MM-DD` name a day that exists (no 2024-02-30, no 2023-02-29). */
function dayExists(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const last = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return day >= 1 && day <= last;
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && value.length === 10 && CALENDAR_DATE.test(value) && dayExists(value);
}

/** An RFC 3339 timestamp with `Z` or an offset, on a real calendar date. */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 35 && TIMESTAMP.test(value) && dayExists(value);
}

/** What `occurredAt` accepts: a calendar date, or a timestamp with `Z` or an offset. */
export function isOccurredAt(value: unknown): value is string {
  return isCalendarDate(value) || isTimestamp(value);
}

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar date on which an `occurredAt` happened: the date itself, or a timestamp's Europe/London date
 * (the catalogue's rule, so a 23:30Z event in British Summer Time falls on the next day).
 */
export function occurredOnDate(occurredAt: string): string {
  if (isCalendarDate(occurredAt)) return occurredAt;
  if (!isTimestamp(occurredAt)) throw new RangeError(`occurredAt must be a calendar date or a timestamp; got ${JSON.stringify(occurredAt)}`);
  const parts = LONDON_DATE.formatToParts(Date.parse(occurredAt));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}
