// Days as integers (days since 1970-01-01), their ISO dates, and England and Wales working days, all precomputed
// for the simulated range so that the hot loop does array reads, not date arithmetic.
import { ENGLAND_AND_WALES_CALENDAR, isIsoDate } from '@csc/timescales';

export const NO_DAY = 0x3fffffff;

/** Days since 1970-01-01 of a YYYY-MM-DD date (H. Hinnant's days_from_civil: integer arithmetic, no Date). */
export function dayOfIsoDate(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const dayOfMonth = Number(date.slice(8, 10));
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + dayOfMonth - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

/** The YYYY-MM-DD date of a day number (civil_from_days). */
export function isoDateOfDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

function isWeekday(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}

/**
 * The working-day calendar of the simulated range. Inside the bank holiday data of @csc/timescales (2005-2040) a working
 * day is a weekday that is not a bank holiday; outside it (long-ago histories, timers far past the run), any weekday.
 */
export class SimulationCalendar {
  readonly firstDay: number;
  readonly lastDay: number;
  private readonly working: Uint8Array;
  /** Working days in [firstDay, day): differences give working days between two days in O(1). */
  private readonly workingBefore: Int32Array;
  private readonly isoDates: (string | undefined)[];

  constructor(firstDay: number, lastDay: number) {
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    const size = lastDay - firstDay + 1;
    this.working = new Uint8Array(size);
    this.workingBefore = new Int32Array(size + 1);
    this.isoDates = new Array(size);
    const coveredFrom = dayOfIsoDate(ENGLAND_AND_WALES_CALENDAR.coversFrom);
    const coveredTo = dayOfIsoDate(ENGLAND_AND_WALES_CALENDAR.coversTo);
    for (let i = 0; i < size; i++) {
      const day = firstDay + i;
      const covered = day >= coveredFrom && day <= coveredTo;
      this.working[i] = (covered ? ENGLAND_AND_WALES_CALENDAR.isWorkingEpochDay(day) : isWeekday(day)) ? 1 : 0;
      this.workingBefore[i + 1] = this.workingBefore[i] + this.working[i];
    }
  }

  iso(day: number): string {
    if (day < this.firstDay || day > this.lastDay) return isoDateOfDay(day);
    return (this.isoDates[day - this.firstDay] ??= isoDateOfDay(day));
  }

  /** Day number of a YYYY-MM-DD date (any date; not limited to the range). */
  dayOf(date: string): number {
    if (!isIsoDate(date)) throw new RangeError(`Not a date: ${date}`);
    return dayOfIsoDate(date);
  }

  /** Outside the precomputed range (timers far beyond the run), any weekday. */
  isWorkingDay(day: number): boolean {
    if (day < this.firstDay || day > this.lastDay) return isWeekday(day);
    return this.working[day - this.firstDay] === 1;
  }

  /** The day itself if it is a working day, else the next one. */
  onOrAfterWorkingDay(day: number): number {
    let current = day;
    while (!this.isWorkingDay(current)) current += 1;
    return current;
  }

  /** The day itself if it is a working day, else the one before. */
  onOrBeforeWorkingDay(day: number): number {
    let current = day;
    while (!this.isWorkingDay(current)) current -= 1;
    return current;
  }

  /** The n-th working day after `day` (n >= 0; n = 0 gives `day`). */
  addWorkingDays(day: number, n: number): number {
    let current = day;
    for (let remaining = n; remaining > 0;) {
      current += 1;
      if (this.isWorkingDay(current)) remaining -= 1;
    }
    return current;
  }

  /** Working days in (from, to]: after `from`, up to and including `to`. */
  workingDaysBetween(from: number, to: number): number {
    return this.workingBefore[this.index(to) + 1] - this.workingBefore[this.index(from) + 1];
  }

  /**
   * The last day of an N-working-day limit counted the DfE way (the start day is day 1 when it is a working day),
   * as @csc/timescales counts T2 and T3.
   */
  dueWithinWorkingDays(start: number, n: number): number {
    return this.addWorkingDays(start, this.isWorkingDay(start) ? n - 1 : n);
  }

  private index(day: number): number {
    const index = day - this.firstDay;
    if (index < 0 || day > this.lastDay)
      throw new RangeError(`Day ${isoDateOfDay(day)} is outside the simulated calendar (${this.iso(this.firstDay)} to ${this.iso(this.lastDay)})`);
    return index;
  }
}
