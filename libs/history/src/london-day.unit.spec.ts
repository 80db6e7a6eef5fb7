import { endOfLondonDay, instantOf, startOfLondonDay } from './london-day';
import { judgedOn, pointInTime } from './point-in-time';

describe('Europe/London days for points in time', () => {
  it.each([
    ['2024-01-15', '2024-01-15T00:00:00.000Z', '2024-01-15T23:59:59.999Z'],
    ['2024-07-15', '2024-07-14T23:00:00.000Z', '2024-07-15T22:59:59.999Z'],
    // Clocks go forward on 31 March 2024 (a 23-hour day) and back on 27 October 2024 (a 25-hour day).
    ['2024-03-31', '2024-03-31T00:00:00.000Z', '2024-03-31T22:59:59.999Z'],
    ['2024-10-27', '2024-10-26T23:00:00.000Z', '2024-10-27T23:59:59.999Z'],
  ])('%s runs from %s to %s', (date, start, end) => {
    expect(new Date(startOfLondonDay(date)).toISOString()).toBe(start);
    expect(new Date(endOfLondonDay(date)).toISOString()).toBe(end);
  });

  it('reads a timestamp as itself, with its offset', () => {
    expect(instantOf('2024-07-15T09:30:00+01:00', 'end')).toBe(Date.parse('2024-07-15T08:30:00Z'));
  });

  it('takes asKnownAt as a date to mean the end of that day, and judges the case on occurredBy, else that date (today at the latest), else today', () => {
    expect(pointInTime({ asKnownAt: '2024-07-15' })).toEqual({ knownAtMs: Date.parse('2024-07-15T22:59:59.999Z'), asKnownAt: '2024-07-15T22:59:59.999Z' });
    expect(judgedOn(pointInTime({ asKnownAt: '2024-07-15T23:30:00Z' }), '2026-01-01')).toBe('2024-07-16');
    expect(judgedOn(pointInTime({ asKnownAt: '2024-07-15', occurredBy: '2024-06-30' }), '2026-01-01')).toBe('2024-06-30');
    expect(judgedOn(pointInTime({}), '2026-01-01')).toBe('2026-01-01');
    expect(judgedOn(pointInTime({ asKnownAt: '2030-01-01' }), '2026-01-01')).toBe('2026-01-01');
  });
});
