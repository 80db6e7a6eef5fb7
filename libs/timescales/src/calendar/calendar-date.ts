import { TimescaleError } from '../timescale-error';

/** A calendar date `YYYY-MM-DD` (no time, no zone): the form dates take at the library's edge. */
export type IsoDate = string;
/** Days since 1970-01-01: the internal form, so date arithmetic is integer arithmetic. */
export type EpochDay = number;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Proleptic Gregorian day count (H. Hinnant's days_from_civil): exact for any year, no Date object needed.
export function epochDayFromParts(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function partsOfEpochDay(epochDay: EpochDay): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const ZERO = 48;

// Digits read by char code rather than a regex: this runs for every event date.
function digits(value: string, from: number, count: number): number {
  let result = 0;
  for (let i = from; i < from + count; i += 1) {
    const digit = value.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

/** The epoch day of a real `YYYY-MM-DD` date, or undefined for anything else (2023-02-29, 2024-1-1, ...). */
export function epochDayOfIsoDate(value: unknown): EpochDay | undefined {
  if (typeof value !== 'string' || value.length !== 10 || value[4] !== '-' || value[7] !== '-') return undefined;
  const [year, month, day] = [digits(value, 0, 4), digits(value, 5, 2), digits(value, 8, 2)];
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return epochDayFromParts(year, month, day);
}

export function isIsoDate(value: unknown): value is IsoDate {
  return epochDayOfIsoDate(value) !== undefined;
}

/** Parses `YYYY-MM-DD`, rejecting impossible dates such as 2023-02-29 rather than rolling them over. */
export function parseIsoDate(value: unknown, field = 'date'): EpochDay {
  const epochDay = epochDayOfIsoDate(value);
  if (epochDay === undefined) {
    throw new TimescaleError('INVALID_DATE', `${field} must be a real calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`, field);
  }
  return epochDay;
}

const formatted = new Map<EpochDay, IsoDate>();

export function formatIsoDate(epochDay: EpochDay): IsoDate {
  const cached = formatted.get(epochDay);
  if (cached !== undefined) return cached;
  const { year, month, day } = partsOfEpochDay(epochDay);
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // Bounded: a century of days is 36,525 entries.
  if (formatted.size >= 50_000) formatted.clear();
  formatted.set(epochDay, text);
  return text;
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(epochDay: EpochDay): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

export function isWeekendEpochDay(epochDay: EpochDay): boolean {
  const weekday = weekdayOfEpochDay(epochDay);
  return weekday === 0 || weekday === 6;
}

/** Same day-of-month n months later; a day the target month lacks becomes its last day (30 Nov + 3 = 28/29 Feb). */
export function addMonthsToEpochDay(epochDay: EpochDay, months: number): EpochDay {
  const { year, month, day } = partsOfEpochDay(epochDay);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return epochDayFromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function weekdayName(date: IsoDate): WeekdayName {
  return WEEKDAY_NAMES[weekdayOfEpochDay(parseIsoDate(date))];
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return formatIsoDate(parseIsoDate(date) + wholeNumber(days, 'days'));
}

export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return formatIsoDate(parseIsoDate(date) + 7 * wholeNumber(weeks, 'weeks'));
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  return formatIsoDate(addMonthsToEpochDay(parseIsoDate(date), wholeNumber(months, 'months')));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return parseIsoDate(to, 'to') - parseIsoDate(from, 'from');
}

export function wholeNumber(value: number, field: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new TimescaleError('INVALID_ARGUMENT', `${field} must be a whole number, got ${String(value)}`, field);
  }
  return value;
}
