import { TimescaleError } from '../timescale-error';
import { type EpochDay, type IsoDate, epochDayFromParts, epochDayOfIsoDate, formatIsoDate, parseIsoDate } from './calendar-date';

/** When something happened: always its Europe/London calendar date, and the exact instant when a time was given. */
export interface Moment {
  readonly day: EpochDay;
  /** Milliseconds since 1970-01-01T00:00Z; absent for a date without a time. */
  readonly instant?: number;
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

// The IANA zone database through Intl decides BST/GMT, so clock changes are never hand-coded.
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

// London's offset changes, and its midnight falls, only on whole UTC hours, so one answer serves a whole UTC hour.
const londonDayByUtcHour = new Map<number, EpochDay>();
const CACHE_LIMIT = 200_000;

function invalidTimestamp(value: unknown, field: string): TimescaleError {
  return new TimescaleError(
    'INVALID_TIMESTAMP',
    `${field} must be an ISO-8601 timestamp with Z or an offset (2024-03-04T10:15:00Z), got ${JSON.stringify(value)}`,
    field,
  );
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4))];
  if (hours > 23 || minutes > 59) return Number.NaN;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** The instant (ms since the epoch, UTC) a timestamp names; rejects impossible times rather than rolling them over. */
export function parseTimestamp(value: unknown, field = 'timestamp'): number {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  const date = match ? epochDayOfIsoDate(match[1]) : undefined;
  if (!match || date === undefined) throw invalidTimestamp(value, field);
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? '0')];
  const offset = offsetMinutes(match[6]);
  if (hours > 23 || minutes > 59 || seconds > 59 || Number.isNaN(offset)) throw invalidTimestamp(value, field);
  // Fractions beyond milliseconds are cut, never rounded up into the next second.
  const millis = match[5] ? Number(`${match[5].slice(1)}00`.slice(0, 3)) : 0;
  const local = date * MS_PER_DAY + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  return local - offset * 60_000;
}

export function londonDayOfInstant(instant: number): EpochDay {
  const hour = Math.floor(instant / MS_PER_HOUR);
  const cached = londonDayByUtcHour.get(hour);
  if (cached !== undefined) return cached;
  const parts = LONDON_DATE.formatToParts(hour * MS_PER_HOUR);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const day = epochDayFromParts(part('year'), part('month'), part('day'));
  if (londonDayByUtcHour.size >= CACHE_LIMIT) londonDayByUtcHour.clear();
  londonDayByUtcHour.set(hour, day);
  return day;
}

/** The Europe/London calendar date of a timestamp (2024-10-26T23:30Z is 27 October: 00:30 BST). */
export function londonDateOf(timestamp: string): IsoDate {
  return formatIsoDate(londonDayOfInstant(parseTimestamp(timestamp)));
}

/** A date (`YYYY-MM-DD`) or a timestamp; a timestamp's date is its London date. */
export function parseMoment(value: unknown, field = 'date'): Moment {
  if (typeof value === 'string' && value.length === 10) return { day: parseIsoDate(value, field) };
  if (typeof value === 'string' && value.includes('T')) {
    const instant = parseTimestamp(value, field);
    return { day: londonDayOfInstant(instant), instant };
  }
  throw new TimescaleError(
    'INVALID_DATE',
    `${field} must be a date YYYY-MM-DD or an ISO-8601 timestamp with Z or an offset, got ${JSON.stringify(value)}`,
    field,
  );
}

/** UTC ISO-8601 with milliseconds, e.g. 2024-04-01T20:00:00.000Z. */
export function formatInstant(instant: number): string {
  const day = Math.floor(instant / MS_PER_DAY);
  const msOfDay = instant - day * MS_PER_DAY;
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(Math.floor(msOfDay / MS_PER_HOUR))}:${two(Math.floor(msOfDay / 60_000) % 60)}:${two(Math.floor(msOfDay / 1000) % 60)}`;
  return `${formatIsoDate(day)}T${time}.${String(msOfDay % 1000).padStart(3, '0')}Z`;
}

/** For people: the London wall-clock time with GMT or BST, e.g. "01/04/2024, 21:00 BST". */
export function formatLondonDateTime(instant: number): string {
  return LONDON_DATE_TIME.format(instant);
}

/** Elapsed clock hours: weekends and nights count, and across a clock change the wall clock moves by one hour more or less. */
export function addClockHours(timestamp: string, hours: number): string {
  if (!Number.isFinite(hours)) throw new TimescaleError('INVALID_ARGUMENT', `hours must be a number, got ${String(hours)}`, 'hours');
  return formatInstant(parseTimestamp(timestamp) + hours * MS_PER_HOUR);
}
