import bankHolidays from '../../bank-holidays/england-and-wales.json';
import { WorkingDayCalendar } from './working-day-calendar';

/** The calendar every computation uses unless the caller passes another (e.g. an older version to reproduce a past result). */
export const ENGLAND_AND_WALES_CALENDAR = new WorkingDayCalendar(bankHolidays);

/** The version every computed due date records. */
export const CALENDAR_VERSION = ENGLAND_AND_WALES_CALENDAR.version;
