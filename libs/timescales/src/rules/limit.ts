import { type EpochDay, addMonthsToEpochDay } from '../calendar/calendar-date';
import { type CountingConvention, calendarDayDue, workingDayDue } from '../calendar/counting-convention';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { TimescaleError } from '../timescale-error';

/**
 * - working-days, calendar-days: counted with the rule's convention (day1 / day0).
 * - weeks, months: the corresponding date (same weekday n weeks on; same day-of-month n months on, clamped
 *   to the month's end), so the convention does not change them.
 * - hours: elapsed clock hours.
 * - gestation-week: not a duration but a point in the pregnancy: W weeks' gestation, with 40 weeks at the
 *   expected date of birth.
 */
export type LimitUnit = 'working-days' | 'calendar-days' | 'weeks' | 'months' | 'hours' | 'gestation-week';

export interface Limit {
  readonly amount: number;
  readonly unit: LimitUnit;
}

/** Gestation at the expected date of birth, by the obstetric convention. */
export const GESTATION_WEEKS_AT_EXPECTED_BIRTH = 40;

const UNIT_WORDS: Readonly<Record<LimitUnit, [string, string]>> = {
  'working-days': ['working day', 'working days'],
  'calendar-days': ['calendar day', 'calendar days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
  hours: ['hour', 'hours'],
  'gestation-week': ['', ''],
};

export function describeLimit(limit: Limit): string {
  if (limit.unit === 'gestation-week') return `by ${limit.amount} weeks' gestation`;
  const [one, many] = UNIT_WORDS[limit.unit];
  return `${limit.amount} ${limit.amount === 1 ? one : many}`;
}

/** Whether the counting convention changes how this unit is counted. */
export function conventionApplies(unit: LimitUnit): boolean {
  return unit === 'working-days' || unit === 'calendar-days';
}

/**
 * The due date of a limit measured from a start date. A clock-hours limit from a date without a time is
 * judged by date, giving the benefit of the doubt: as if it started at the end of that day (72 h: date + 3).
 */
export function dueDayAfter(start: EpochDay, limit: Limit, convention: CountingConvention, calendar: WorkingDayCalendar): EpochDay {
  switch (limit.unit) {
    case 'working-days':
      return workingDayDue(calendar, start, limit.amount, convention);
    case 'calendar-days':
      return calendarDayDue(start, limit.amount, convention);
    case 'weeks':
      return start + 7 * limit.amount;
    case 'months':
      return addMonthsToEpochDay(start, limit.amount);
    case 'hours':
      return start + Math.ceil(limit.amount / 24);
    case 'gestation-week':
      throw new TimescaleError('INVALID_ARGUMENT', 'a gestation-week limit is measured from the expected date of birth', 'limit');
  }
}

/** The date gestation reaches W weeks (W+0), counted back from the expected date of birth at 40+0. */
export function gestationWeekDay(expectedBirth: EpochDay, week: number): EpochDay {
  return expectedBirth - 7 * (GESTATION_WEEKS_AT_EXPECTED_BIRTH - week);
}
