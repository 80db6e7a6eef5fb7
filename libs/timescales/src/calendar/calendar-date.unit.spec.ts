import fc from 'fast-check';
import {
  addCalendarDays,
  addMonths,
  addWeeks,
  calendarDaysBetween,
  epochDayFromParts,
  formatIsoDate,
  isIsoDate,
  parseIsoDate,
  partsOfEpochDay,
  weekdayName,
} from './calendar-date';

describe('calendar dates', () => {
  it('agrees with Date.UTC for every day from 1900 to 2199 (a property check of the day arithmetic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const day = epochDayFromParts(y, m, d);
        expect(day).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
        expect(partsOfEpochDay(day)).toEqual({ year: y, month: m, day: d });
      }),
    );
  });

  it('round-trips every day of 2005 to 2040', () => {
    for (let day = parseIsoDate('2005-01-01'); day <= parseIsoDate('2040-12-31'); day += 1) {
      expect(parseIsoDate(formatIsoDate(day))).toBe(day);
    }
  });

  it('rejects impossible and malformed dates instead of rolling them over', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-1-1', '20240101', '2024-01-01T00:00:00Z', 20240101, null]) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => parseIsoDate(bad, 'from')).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'from' }));
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
  });

  it('names weekdays', () => {
    expect(weekdayName('2023-01-30')).toBe('Monday');
    expect(weekdayName('2023-03-31')).toBe('Friday');
    expect(weekdayName('1970-01-01')).toBe('Thursday');
  });

  describe('months clamp to the month end', () => {
    it.each([
      ['2023-11-30', 3, '2024-02-29'], // leap year
      ['2024-11-30', 3, '2025-02-28'], // not a leap year
      ['2023-08-31', 6, '2024-02-29'],
      ['2024-08-31', 6, '2025-02-28'],
      ['2024-01-31', 1, '2024-02-29'],
      ['2025-01-31', 1, '2025-02-28'],
      ['2024-02-29', 12, '2025-02-28'],
      ['2024-02-29', 48, '2028-02-29'],
      ['2024-03-31', -1, '2024-02-29'],
      ['2024-12-15', 1, '2025-01-15'],
      ['2100-01-31', 1, '2100-02-28'], // 2100 is not a leap year
      ['2000-01-31', 1, '2000-02-29'], // 2000 is
    ])('%s + %i months = %s', (from, months, expected) => {
      expect(addMonths(from, months)).toBe(expected);
    });
  });

  it('adds days and weeks across month and year ends', () => {
    expect(addCalendarDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addWeeks('2024-12-27', 1)).toBe('2025-01-03');
    expect(calendarDaysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(() => addWeeks('2024-01-01', 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
