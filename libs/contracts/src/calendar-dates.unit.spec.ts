import { isCalendarDate, isOccurredAt, isTimestamp, occurredOnDate } from './calendar-dates';

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
