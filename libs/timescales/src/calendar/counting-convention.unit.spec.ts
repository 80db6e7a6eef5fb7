import { parseIsoDate as day, formatIsoDate } from './calendar-date';
import { calendarDayDue, workingDayDue } from './counting-convention';
import { ENGLAND_AND_WALES_CALENDAR as calendar } from './england-and-wales-calendar';

const due = (start: string, n: number, convention: 'day1' | 'day0') => formatIsoDate(workingDayDue(calendar, day(start), n, convention));

describe('counting conventions', () => {
  it('day1 counts a working start day as day 1; day0 starts counting the next working day', () => {
    expect(due('2023-01-30', 45, 'day1')).toBe('2023-03-31');
    expect(due('2023-01-30', 45, 'day0')).toBe('2023-04-03');
    expect(due('2024-02-12', 1, 'day1')).toBe('2024-02-12');
    expect(due('2024-02-12', 1, 'day0')).toBe('2024-02-13');
  });

  describe('a start day that is not a working day is not day 1 under either convention', () => {
    it.each([
      ['Saturday', '2024-02-10', '2024-02-12', '2024-02-23'],
      ['Sunday', '2024-02-11', '2024-02-12', '2024-02-23'],
      ['Good Friday', '2024-03-29', '2024-04-02', '2024-04-15'],
      ['Christmas Day substitute (Mon 27 Dec 2021)', '2021-12-27', '2021-12-29', '2022-01-12'],
    ])('%s: both give the next working day for 1 WD and the same date for 10 WD', (_name, start, oneDay, tenDays) => {
      for (const convention of ['day1', 'day0'] as const) {
        expect(due(start, 1, convention)).toBe(oneDay);
        expect(due(start, 10, convention)).toBe(tenDays);
      }
    });
  });

  it('calendar days count every day, the start being day 1 or day 0', () => {
    expect(formatIsoDate(calendarDayDue(day('2024-05-20'), 14, 'day0'))).toBe('2024-06-03');
    expect(formatIsoDate(calendarDayDue(day('2024-05-20'), 14, 'day1'))).toBe('2024-06-02');
  });

  it('refuses a limit below 1', () => {
    expect(() => workingDayDue(calendar, day('2024-02-12'), 0, 'day1')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
