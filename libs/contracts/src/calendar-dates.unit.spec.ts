import { ENGLAND_AND_WALES_CALENDAR } from '@csc/timescales';
import {
  BIRTH_DATE_RANGE,
  OCCURRED_ON_RANGE,
  WORKER_OCCURRED_ON_RANGE,
  compareCalendarDates,
  isCalendarDate,
  isOccurredAt,
  isOccurredAtInRange,
  isTimestamp,
  isWithinDateRange,
  occurredOnDate,
} from './calendar-dates';

describe('calendar dates', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '0001-01-01'])('accepts the real date %s', (date) => expect(isCalendarDate(date)).toBe(true));
  it.each(['2024-02-30', '2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-1-01', '24-01-01', '2024-01-01 ', 20240101])(
    'rejects %p',
    (date) => expect(isCalendarDate(date)).toBe(false),
  );
});

describe('timestamps', () => {
  it.each(['2024-03-04T10:15:00Z', '2024-03-04T10:15:00.123Z', '2024-03-04T10:15:00+01:00', '2024-03-04T23:59:59.123456789-05:30'])('accepts %s', (timestamp) =>
    expect(isTimestamp(timestamp)).toBe(true),
  );
  it.each([
    '2024-03-04T10:15:00',
    '2024-03-04T10:15Z',
    '2024-03-04t10:15:00z',
    '2024-03-04 10:15:00Z',
    '2024-02-30T10:15:00Z',
    '2024-03-04T24:00:00Z',
    '2024-03-04T10:60:00Z',
    '2016-12-31T23:59:60Z',
    '2024-03-04T10:15:00+0100',
  ])('rejects %s', (timestamp) => expect(isTimestamp(timestamp)).toBe(false));
  it('occurredAt takes either', () => {
    expect(isOccurredAt('2024-03-04')).toBe(true);
    expect(isOccurredAt('2024-03-04T10:15:00Z')).toBe(true);
    expect(isOccurredAt('04/03/2024')).toBe(false);
  });
});

describe('occurredOnDate', () => {
  it('keeps a calendar date as it is', () => expect(occurredOnDate('2024-03-04')).toBe('2024-03-04'));
  it("gives a timestamp's Europe/London date", () => {
    expect(occurredOnDate('2024-07-01T23:30:00Z')).toBe('2024-07-02'); // BST: 00:30 on 2 July in London
    expect(occurredOnDate('2024-01-01T23:30:00Z')).toBe('2024-01-01'); // GMT
    expect(occurredOnDate('2024-07-02T00:30:00+02:00')).toBe('2024-07-01'); // 23:30 BST on 1 July
  });
  it('refuses what is not an occurredAt', () => expect(() => occurredOnDate('2024-02-30')).toThrow(RangeError));
});

describe('the range of dates the product accepts', () => {
  it.each([OCCURRED_ON_RANGE, WORKER_OCCURRED_ON_RANGE, BIRTH_DATE_RANGE])('the year pattern of $from to $to matches exactly the years in between', (range) => {
    const pattern = new RegExp(range.yearPattern);
    const [first, last] = [Number(range.from.slice(0, 4)), Number(range.to.slice(0, 4))];
    for (let year = 0; year <= 10_000; year += 1) {
      expect([year, pattern.test(`${String(year).padStart(4, '0')}-01-01`)]).toEqual([year, year >= first && year <= last]);
    }
  });

  it('compares dates as dates, a five-digit year after a four-digit one', () => {
    expect(compareCalendarDates('10000-01-01', '2026-12-02')).toBeGreaterThan(0);
    expect(compareCalendarDates('2026-12-02', '10000-01-01')).toBeLessThan(0);
    expect(compareCalendarDates('2024-03-04', '2024-03-04')).toBe(0);
    expect(compareCalendarDates('2024-03-04', '2024-12-01')).toBeLessThan(0);
  });

  it('judges a timestamp by its written date and by its Europe/London date', () => {
    expect(occurredOnDate('9999-12-31T23:59:59-01:00')).toBe('10000-01-01');
    expect(isOccurredAtInRange('9999-12-31T23:59:59-01:00')).toBe(false);
    expect(isOccurredAtInRange('2040-12-31T23:30:00-01:00')).toBe(false); // 2041-01-01 in London
    expect(isOccurredAtInRange('2005-01-01T00:30:00+01:00')).toBe(false); // 2004-12-31 in London
    expect(isOccurredAtInRange('2005-01-01')).toBe(true);
    expect(isOccurredAtInRange('2040-12-31T12:00:00Z')).toBe(true);
    expect(isOccurredAtInRange('2004-12-31')).toBe(false);
  });

  it('keeps occurredAt inside the working-day calendar, so every clock can be counted', () => {
    expect(OCCURRED_ON_RANGE.from).toBe(ENGLAND_AND_WALES_CALENDAR.coversFrom);
    expect(OCCURRED_ON_RANGE.to).toBe(ENGLAND_AND_WALES_CALENDAR.coversTo);
    expect(isWithinDateRange('2040-12-31', OCCURRED_ON_RANGE) && !isWithinDateRange('2041-01-01', OCCURRED_ON_RANGE)).toBe(true);
  });
});
