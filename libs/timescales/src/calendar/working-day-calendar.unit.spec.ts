import { ENGLAND_AND_WALES_CALENDAR as calendar, CALENDAR_VERSION } from './england-and-wales-calendar';
import { WorkingDayCalendar } from './working-day-calendar';

describe('England and Wales working days', () => {
  it('carries the data file version', () => {
    expect(calendar.version).toBe(CALENDAR_VERSION);
    expect(CALENDAR_VERSION).toMatch(/^2005-2040\.[0-9a-f]{8}$/);
  });

  it('treats Saturdays and Sundays as non-working', () => {
    expect(calendar.isWorkingDay('2024-02-10')).toBe(false);
    expect(calendar.isWorkingDay('2024-02-11')).toBe(false);
    expect(calendar.isWorkingDay('2024-02-12')).toBe(true);
    expect(calendar.nonWorkingReason('2024-02-10')).toEqual({ kind: 'weekend', weekday: 'Saturday' });
  });

  it.each([
    ['2021-12-27', 'Christmas Day (substitute day)'],
    ['2021-12-28', 'Boxing Day (substitute day)'],
    ['2022-01-03', "New Year's Day (substitute day)"],
    ['2027-12-27', 'Christmas Day (substitute day)'],
    ['2027-12-28', 'Boxing Day (substitute day)'],
    ['2024-03-29', 'Good Friday'],
    ['2024-04-01', 'Easter Monday'],
    ['2025-04-18', 'Good Friday'],
    ['2025-04-21', 'Easter Monday'],
    ['2022-06-02', 'Spring bank holiday'],
    ['2022-06-03', 'Queen’s Platinum Jubilee'],
    ['2022-09-19', "Queen Elizabeth's Funeral Day"],
    ['2023-05-08', "King Charles III's Coronation"],
  ])('%s is a bank holiday: %s', (date, name) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.nonWorkingReason(date)).toEqual({ kind: 'bank-holiday', name });
  });

  it('does not treat ordinary days near holidays as holidays', () => {
    for (const date of ['2021-12-29', '2022-05-30', '2022-12-28', '2024-03-28', '2024-04-02', '2020-05-04']) {
      expect(calendar.isWorkingDay(date)).toBe(true);
    }
  });

  it('adds working days forwards and backwards, never counting the start', () => {
    expect(calendar.addWorkingDays('2021-12-24', 1)).toBe('2021-12-29');
    expect(calendar.addWorkingDays('2023-01-30', 44)).toBe('2023-03-31');
    expect(calendar.addWorkingDays('2023-03-31', -44)).toBe('2023-01-30'); // the DfE "45 WD before 31/03/2023" counted inclusively
    expect(calendar.addWorkingDays('2024-03-30', 0)).toBe('2024-03-30');
    expect(calendar.addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
  });

  it('counts working days in (from, to]', () => {
    expect(calendar.workingDaysBetween('2023-01-30', '2023-03-31')).toBe(44);
    expect(calendar.workingDaysBetween('2023-03-31', '2023-01-30')).toBe(-44);
    expect(calendar.workingDaysBetween('2021-12-24', '2022-01-04')).toBe(4); // 29, 30, 31 Dec and 4 Jan
    expect(calendar.workingDaysBetween('2024-02-12', '2024-02-12')).toBe(0);
  });

  it('refuses to compute outside the years its data covers', () => {
    expect(() => calendar.isWorkingDay('2041-01-02')).toThrow(expect.objectContaining({ code: 'CALENDAR_OUT_OF_RANGE' }));
    expect(() => calendar.addWorkingDays('2040-12-20', 10)).toThrow(/outside the bank holiday calendar/);
    expect(() => calendar.isWorkingDay('2004-12-31')).toThrow(expect.objectContaining({ code: 'CALENDAR_OUT_OF_RANGE' }));
  });

  it('checks its data', () => {
    const base = { version: 'x', source: 's', generatedFrom: 'g', coversFrom: '2024-01-01', coversTo: '2024-12-31' };
    expect(() => new WorkingDayCalendar({ ...base, dates: [{ date: '2024-01-06', name: 'a Saturday' }] })).toThrow(/falls at a weekend/);
    expect(
      () =>
        new WorkingDayCalendar({
          ...base,
          dates: [
            { date: '2024-05-06', name: 'b' },
            { date: '2024-01-01', name: 'a' },
          ],
        }),
    ).toThrow(/not after/);
    expect(() => new WorkingDayCalendar({ ...base, dates: [{ date: '2025-01-01', name: 'a' }] })).toThrow(/outside/);
    const custom = new WorkingDayCalendar({ ...base, dates: [{ date: '2024-01-01', name: "New Year's Day" }] });
    expect(custom.bankHolidays()).toEqual([{ date: '2024-01-01', name: "New Year's Day" }]);
  });
});
