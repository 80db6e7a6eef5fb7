import { dayOfIsoDate, isoDateOfDay, SimulationCalendar } from './simulation-calendar';

describe('SimulationCalendar', () => {
  const calendar = new SimulationCalendar(dayOfIsoDate('2010-01-01'), dayOfIsoDate('2032-12-31'));

  it('converts dates and day numbers both ways, leap days included', () => {
    for (const date of ['1970-01-01', '2000-02-29', '2024-02-29', '2024-03-01', '2031-12-31']) expect(isoDateOfDay(dayOfIsoDate(date))).toBe(date);
    expect(dayOfIsoDate('1970-01-02')).toBe(1);
  });

  it('skips England and Wales bank holidays (8 May 2023, the coronation)', () => {
    expect(calendar.isWorkingDay(dayOfIsoDate('2023-05-08'))).toBe(false);
    expect(calendar.iso(calendar.onOrAfterWorkingDay(dayOfIsoDate('2023-05-06')))).toBe('2023-05-09');
  });

  it('counts 45 working days the DfE way: referred 30/01/2023, due 31/03/2023 (the DfE CIN census guidance example)', () => {
    expect(calendar.iso(calendar.dueWithinWorkingDays(dayOfIsoDate('2023-01-30'), 45))).toBe('2023-03-31');
    expect(calendar.workingDaysBetween(dayOfIsoDate('2023-01-30'), dayOfIsoDate('2023-03-31'))).toBe(44);
  });

  it('treats any weekday as a working day outside the bank holiday data (long-ago histories)', () => {
    expect(calendar.isWorkingDay(dayOfIsoDate('2003-12-25'))).toBe(true);
    expect(calendar.isWorkingDay(dayOfIsoDate('2003-12-20'))).toBe(false);
    expect(calendar.isWorkingDay(dayOfIsoDate('2012-12-25'))).toBe(false);
  });
});
