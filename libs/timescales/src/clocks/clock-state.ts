import type { EpochDay } from '../calendar/calendar-date';
import type { Moment } from '../calendar/london-time';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { ClockDraft, ClockState } from './clock';

// Instants are compared when both sides have one (T10 with timestamps); otherwise London dates.
function onOrBefore(day: EpochDay, instant: number | undefined, dueDay: EpochDay, dueInstant: number | undefined): boolean {
  return instant !== undefined && dueInstant !== undefined ? instant <= dueInstant : day <= dueDay;
}

/** Whether the due date is at most `window` working days after the as-of date (the due date itself included). */
function withinWorkingDays(calendar: WorkingDayCalendar, from: EpochDay, due: EpochDay, window: number): boolean {
  let counted = 0;
  for (let day = from + 1; day <= due; day += 1) {
    if (calendar.isWorkingEpochDay(day)) counted += 1;
    if (counted > window) return false;
  }
  return true;
}

/** The clock's state on the as-of moment (definitions on `ClockState`). */
export function clockState(draft: ClockDraft, asOf: Moment, calendar: WorkingDayCalendar, dueSoonWorkingDays: number): ClockState {
  const { stop, dueDay, dueInstant } = draft;
  if (stop) {
    if (stop.reason === 'not-required') return 'cancelled';
    const inTime = onOrBefore(stop.day, stop.instant, dueDay, dueInstant);
    if (stop.reason === 'completed') return inTime ? 'met' : 'late';
    return inTime ? 'cancelled' : 'lapsed';
  }
  if (!onOrBefore(asOf.day, asOf.instant, dueDay, dueInstant)) return 'overdue';
  return withinWorkingDays(calendar, asOf.day, dueDay, dueSoonWorkingDays) ? 'due-soon' : 'open';
}
