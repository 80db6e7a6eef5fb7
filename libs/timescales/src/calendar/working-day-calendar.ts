import { TimescaleError } from '../timescale-error';
import { type EpochDay, type IsoDate, formatIsoDate, isIsoDate, isWeekendEpochDay, parseIsoDate, weekdayOfEpochDay, wholeNumber } from './calendar-date';

export interface BankHoliday {
  readonly date: IsoDate;
  readonly name: string;
}

/** The shape of `bank-holidays/england-and-wales.json`. */
export interface BankHolidayData {
  readonly version: string;
  readonly source: string;
  readonly generatedFrom: string;
  /** First and last dates the list is complete for; working-day arithmetic outside them is refused. */
  readonly coversFrom: IsoDate;
  readonly coversTo: IsoDate;
  readonly dates: readonly BankHoliday[];
}

export type NonWorkingReason = { readonly kind: 'weekend'; readonly weekday: 'Saturday' | 'Sunday' } | { readonly kind: 'bank-holiday'; readonly name: string };

function invalidData(message: string, field: string): TimescaleError {
  return new TimescaleError('INVALID_CALENDAR_DATA', `Bank holiday data: ${message}`, field);
}

function checkedHolidays(data: BankHolidayData, first: EpochDay, last: EpochDay): Map<EpochDay, string> {
  const names = new Map<EpochDay, string>();
  let previous = -Infinity;
  data.dates.forEach((holiday, index) => {
    const field = `dates[${index}]`;
    if (!isIsoDate(holiday.date)) throw invalidData(`${field}.date is not a date: ${JSON.stringify(holiday.date)}`, field);
    const day = parseIsoDate(holiday.date, field);
    if (day <= previous) throw invalidData(`${field} ${holiday.date} is not after the entry before it`, field);
    if (day < first || day > last) throw invalidData(`${field} ${holiday.date} is outside ${data.coversFrom}..${data.coversTo}`, field);
    // A weekend entry would be silently meaningless here: its substitute weekday is the day off.
    if (isWeekendEpochDay(day)) throw invalidData(`${field} ${holiday.date} falls at a weekend`, field);
    if (typeof holiday.name !== 'string' || holiday.name === '') throw invalidData(`${field}.name is empty`, field);
    names.set(day, holiday.name);
    previous = day;
  });
  return names;
}

/**
 * England and Wales working days: Monday to Friday, except bank holidays. Knows only the years its data
 * covers and refuses to guess outside them, because a guessed holiday list gives a due date a day wrong.
 */
export class WorkingDayCalendar {
  readonly version: string;
  readonly source: string;
  readonly generatedFrom: string;
  readonly coversFrom: IsoDate;
  readonly coversTo: IsoDate;
  private readonly firstDay: EpochDay;
  private readonly lastDay: EpochDay;
  private readonly holidayNames: ReadonlyMap<EpochDay, string>;
  // One byte a day (1 = working): the hot loop is an array read.
  private readonly working: Uint8Array;

  constructor(data: BankHolidayData) {
    if (typeof data.version !== 'string' || data.version === '') throw invalidData('version is missing', 'version');
    this.firstDay = parseIsoDate(data.coversFrom, 'coversFrom');
    this.lastDay = parseIsoDate(data.coversTo, 'coversTo');
    if (this.lastDay < this.firstDay) throw invalidData('coversTo is before coversFrom', 'coversTo');
    this.holidayNames = checkedHolidays(data, this.firstDay, this.lastDay);
    this.working = new Uint8Array(this.lastDay - this.firstDay + 1);
    for (let day = this.firstDay; day <= this.lastDay; day += 1) {
      this.working[day - this.firstDay] = isWeekendEpochDay(day) || this.holidayNames.has(day) ? 0 : 1;
    }
    this.version = data.version;
    this.source = data.source;
    this.generatedFrom = data.generatedFrom;
    this.coversFrom = data.coversFrom;
    this.coversTo = data.coversTo;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingEpochDay(parseIsoDate(date));
  }

  /** Why a date is not a working day (weekend, or the bank holiday's name); undefined for a working day. */
  nonWorkingReason(date: IsoDate): NonWorkingReason | undefined {
    return this.nonWorkingReasonOfEpochDay(parseIsoDate(date));
  }

  /** The n-th working day after `date` (before it when n < 0); the date itself is never counted; n = 0 gives `date`. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    return formatIsoDate(this.addWorkingEpochDays(parseIsoDate(date), wholeNumber(n, 'n')));
  }

  /** Working days in (from, to]: after `from`, up to and including `to`; negative when `to` is before `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    return this.workingEpochDaysBetween(parseIsoDate(from, 'from'), parseIsoDate(to, 'to'));
  }

  bankHolidays(): BankHoliday[] {
    return [...this.holidayNames].map(([day, name]) => ({ date: formatIsoDate(day), name }));
  }

  isWorkingEpochDay(day: EpochDay): boolean {
    this.assertCovered(day);
    return this.working[day - this.firstDay] === 1;
  }

  nonWorkingReasonOfEpochDay(day: EpochDay): NonWorkingReason | undefined {
    if (this.isWorkingEpochDay(day)) return undefined;
    const weekday = weekdayOfEpochDay(day);
    if (weekday === 0 || weekday === 6) return { kind: 'weekend', weekday: weekday === 0 ? 'Sunday' : 'Saturday' };
    return { kind: 'bank-holiday', name: this.holidayNames.get(day) ?? 'bank holiday' };
  }

  addWorkingEpochDays(day: EpochDay, n: number): EpochDay {
    const step = n >= 0 ? 1 : -1;
    let current = day;
    for (let remaining = Math.abs(n); remaining > 0;) {
      current += step;
      if (this.isWorkingEpochDay(current)) remaining -= 1;
    }
    return current;
  }

  workingEpochDaysBetween(from: EpochDay, to: EpochDay): number {
    const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let day = low + 1; day <= high; day += 1) if (this.isWorkingEpochDay(day)) count += 1;
    return sign * count;
  }

  private assertCovered(day: EpochDay): void {
    if (day >= this.firstDay && day <= this.lastDay) return;
    throw new TimescaleError(
      'CALENDAR_OUT_OF_RANGE',
      `${formatIsoDate(day)} is outside the bank holiday calendar ${this.version} (${this.coversFrom} to ${this.coversTo}): ` +
        'regenerate libs/timescales/bank-holidays/england-and-wales.json with a wider range (see libs/timescales/README.md)',
      'date',
    );
  }
}

export function describeNonWorkingReason(reason: NonWorkingReason): string {
  return reason.kind === 'weekend' ? `weekend (${reason.weekday})` : `bank holiday: ${reason.name}`;
}
