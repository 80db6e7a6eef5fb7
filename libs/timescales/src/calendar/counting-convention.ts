import { TimescaleError } from '../timescale-error';
import type { EpochDay } from './calendar-date';
import type { WorkingDayCalendar } from './working-day-calendar';

/**
 * How days are counted from the day a clock starts.
 * - `day1`: the start day is day 1 (the DfE CIN census validator's count: an assessment referred on
 *   Mon 30/01/2023 is due within 45 WD on Fri 31/03/2023).
 * - `day0`: the start day is day 0 and the next working day is day 1 (the 45th WD is then Mon 03/04/2023).
 * A start day that is not a working day (weekend, bank holiday) cannot be working day 1, so under both
 * conventions the first working day after it is day 1: the two agree for such starts.
 */
export type CountingConvention = 'day1' | 'day0';

export const COUNTING_CONVENTIONS: readonly CountingConvention[] = ['day1', 'day0'];

export const COUNTING_CONVENTION_MEANING: Readonly<Record<CountingConvention, string>> = {
  day1:
    'the day the clock starts counts as day 1 (DfE CIN census validation); a start on a weekend or bank holiday ' +
    'is not a working day, so the next working day is day 1',
  day0: 'the day the clock starts is day 0; the next working day (or calendar day) is day 1',
};

export function isCountingConvention(value: unknown): value is CountingConvention {
  return value === 'day1' || value === 'day0';
}

function positive(n: number, field: string): number {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new TimescaleError('INVALID_ARGUMENT', `${field} must be a whole number of at least 1, got ${String(n)}`, field);
  }
  return n;
}

/** Whether the start day itself is counted as day 1. */
export function startDayCounts(calendar: WorkingDayCalendar, start: EpochDay, convention: CountingConvention): boolean {
  return convention === 'day1' && calendar.isWorkingEpochDay(start);
}

/** The day an N-working-day limit falls due: the day on which working day N is reached. */
export function workingDayDue(calendar: WorkingDayCalendar, start: EpochDay, workingDays: number, convention: CountingConvention): EpochDay {
  const n = positive(workingDays, 'workingDays');
  return calendar.addWorkingEpochDays(start, startDayCounts(calendar, start, convention) ? n - 1 : n);
}

/** The day an N-calendar-day limit falls due (every day counts, so the start day is day 1 or day 0 as named). */
export function calendarDayDue(start: EpochDay, calendarDays: number, convention: CountingConvention): EpochDay {
  const n = positive(calendarDays, 'calendarDays');
  return start + (convention === 'day1' ? n - 1 : n);
}
