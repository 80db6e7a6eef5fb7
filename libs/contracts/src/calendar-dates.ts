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

/** A span of calendar dates, both ends included, each `YYYY-MM-DD` with a four-digit year. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
  /** Matches a `YYYY-` year prefix exactly when the year is between `from`'s and `to`'s (for JSON Schema). */
  readonly yearPattern: string;
  /** The JSON Schema definition of a date field in this range (`$defs/<name>`; its range is `$defs/<name>Range`). */
  readonly schemaName: string;
}

/**
 * The dates on which the product accepts that something happened to a child: the years its England and Wales
 * working-day calendar covers (libs/timescales/bank-holidays/england-and-wales.json, 2005-2040), because every
 * clock is counted in that calendar and a date outside it cannot be measured.
 */
export const OCCURRED_ON_RANGE: DateRange = { from: '2005-01-01', to: '2040-12-31', yearPattern: '^(200[5-9]|20[1-3]\\d|2040)-', schemaName: 'OccurredAt' };
/** A worker's career may have begun before the calendar: a social worker in post since 1990 is sent as such. */
export const WORKER_OCCURRED_ON_RANGE: DateRange = {
  from: '1950-01-01',
  to: '2040-12-31',
  yearPattern: '^(19[5-9]\\d|20[0-3]\\d|2040)-',
  schemaName: 'WorkerOccurredAt',
};
/** Dates of birth, born or expected: a child or care leaver of the product's years was born after 1900. */
export const BIRTH_DATE_RANGE: DateRange = { from: '1900-01-01', to: '2040-12-31', yearPattern: '^(19\\d\\d|20[0-3]\\d|2040)-', schemaName: 'BirthDate' };

/**
 * Orders two calendar dates as dates (negative, 0, positive), whatever the number of digits in their years:
 * as text, the five-digit `10000-01-01` sorts before `2024-01-01`.
 */
export function compareCalendarDates(a: string, b: string): number {
  const yearA = Number(a.slice(0, a.length - 6));
  const yearB = Number(b.slice(0, b.length - 6));
  if (yearA !== yearB) return yearA < yearB ? -1 : 1;
  const restA = a.slice(-5);
  const restB = b.slice(-5);
  return restA === restB ? 0 : restA < restB ? -1 : 1;
}

export function isWithinDateRange(date: string, range: DateRange): boolean {
  return compareCalendarDates(date, range.from) >= 0 && compareCalendarDates(date, range.to) <= 0;
}

/**
 * Whether a valid `occurredAt` is in `range`: its written date (what the JSON Schema can check) and, for a
 * timestamp, its Europe/London date (what every measure uses) must both be.
 */
export function isOccurredAtInRange(occurredAt: string, range: DateRange = OCCURRED_ON_RANGE): boolean {
  return isWithinDateRange(occurredAt.slice(0, 10), range) && isWithinDateRange(occurredOnDate(occurredAt), range);
}
