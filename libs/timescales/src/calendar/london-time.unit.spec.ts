import { addClockHours, formatInstant, formatLondonDateTime, londonDateOf, parseMoment, parseTimestamp } from './london-time';

describe('Europe/London dates of timestamps', () => {
  // Clocks go forward at 01:00 UTC on the last Sunday of March (31 Mar 2024) and back at 01:00 UTC on the
  // last Sunday of October (27 Oct 2024).
  it.each([
    ['2024-03-30T23:59:59Z', '2024-03-30'], // 23:59 GMT
    ['2024-03-31T00:00:00Z', '2024-03-31'], // 00:00 GMT
    ['2024-03-31T00:59:59Z', '2024-03-31'], // 00:59 GMT, just before the change
    ['2024-03-31T01:00:00Z', '2024-03-31'], // 02:00 BST
    ['2024-03-31T22:59:59Z', '2024-03-31'], // 23:59 BST
    ['2024-03-31T23:00:00Z', '2024-04-01'], // 00:00 BST: a UTC date still on the 31st is London's 1 April
    ['2024-10-26T22:59:59Z', '2024-10-26'], // 23:59 BST
    ['2024-10-26T23:00:00Z', '2024-10-27'], // 00:00 BST on the day the clocks go back
    ['2024-10-27T00:30:00Z', '2024-10-27'], // 01:30 BST
    ['2024-10-27T01:30:00Z', '2024-10-27'], // 01:30 GMT (the hour repeats)
    ['2024-10-27T23:30:00Z', '2024-10-27'], // 23:30 GMT
    ['2024-10-28T00:00:00Z', '2024-10-28'],
    ['2024-07-01T00:30:00+01:00', '2024-07-01'], // an offset timestamp: 23:30Z on 30 June is 00:30 BST on 1 July
    ['2024-01-15T23:30:00-05:00', '2024-01-16'], // 04:30Z
  ])('%s is %s in London', (timestamp, date) => {
    expect(londonDateOf(timestamp)).toBe(date);
  });

  it('parses offsets and fractions exactly', () => {
    expect(parseTimestamp('2024-10-25T22:30:00+01:00')).toBe(Date.UTC(2024, 9, 25, 21, 30));
    expect(parseTimestamp('2024-10-25T22:30+0100')).toBe(Date.UTC(2024, 9, 25, 21, 30));
    expect(parseTimestamp('2024-01-01T00:00:00.57Z')).toBe(Date.UTC(2024, 0, 1) + 570);
    expect(parseTimestamp('2024-01-01T00:00:00.123456789Z')).toBe(Date.UTC(2024, 0, 1) + 123);
  });

  it('rejects timestamps without a zone or with impossible times', () => {
    for (const bad of ['2024-03-04T10:15:00', '2024-03-04T24:00:00Z', '2024-02-30T10:00:00Z', '2024-03-04 10:15:00Z', 'yesterday']) {
      expect(() => parseTimestamp(bad, 'occurredAt')).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP', field: 'occurredAt' }));
    }
  });

  it('reads a date or a timestamp as a moment', () => {
    expect(parseMoment('2024-03-04')).toEqual({ day: 19786 });
    expect(parseMoment('2024-03-04T10:15:00Z')).toEqual({ day: 19786, instant: Date.UTC(2024, 2, 4, 10, 15) });
    expect(() => parseMoment('04/03/2024', 'asOf')).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'asOf' }));
  });

  describe('72 clock hours', () => {
    it('counts the weekend: Friday 20:00 GMT to Monday, 21:00 on the wall clock after the clocks go forward', () => {
      const due = addClockHours('2024-03-29T20:00:00Z', 72);
      expect(due).toBe('2024-04-01T20:00:00.000Z');
      expect(formatLondonDateTime(parseTimestamp(due))).toBe('01/04/2024, 21:00 BST');
      expect(londonDateOf(due)).toBe('2024-04-01');
    });

    it('across the October change the wall clock moves 71 hours', () => {
      const due = addClockHours('2024-10-25T22:30:00+01:00', 72);
      expect(due).toBe('2024-10-28T21:30:00.000Z');
      expect(formatLondonDateTime(parseTimestamp(due))).toBe('28/10/2024, 21:30 GMT');
    });
  });

  it('formats instants as UTC ISO-8601', () => {
    expect(formatInstant(Date.UTC(2024, 3, 1, 20, 0, 5, 7))).toBe('2024-04-01T20:00:05.007Z');
  });
});
