import { type EpochDay, WEEKDAY_NAMES, partsOfEpochDay, weekdayOfEpochDay } from '../calendar/calendar-date';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** For people: "Mon 30 Jan 2023". */
export function longDate(day: EpochDay): string {
  const { year, month, day: dayOfMonth } = partsOfEpochDay(day);
  return `${WEEKDAY_NAMES[weekdayOfEpochDay(day)].slice(0, 3)} ${dayOfMonth} ${MONTHS[month - 1]} ${year}`;
}
