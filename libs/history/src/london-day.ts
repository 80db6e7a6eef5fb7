import { isCalendarDate, occurredOnDate } from '@csc/contracts';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/**
 * The instant a Europe/London calendar day starts. London is UTC or UTC+1 and changes only at 01:00 UTC,
 * so midnight is either 00:00 UTC or 23:00 UTC the day before, never ambiguous.
 */
export function startOfLondonDay(date: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const anHourEarlier = utcMidnight - MS_PER_HOUR;
  return occurredOnDate(new Date(anHourEarlier).toISOString()) === date ? anHourEarlier : utcMidnight;
}

/** The last millisecond of a Europe/London calendar day. */
export function endOfLondonDay(date: string): number {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + MS_PER_DAY).toISOString().slice(0, 10);
  return startOfLondonDay(next) - 1;
}

/** A date means the start of that London day (`edge: 'start'`) or its end (`'end'`); a timestamp means itself. */
export function instantOf(value: string, edge: 'start' | 'end'): number {
  if (isCalendarDate(value)) return edge === 'start' ? startOfLondonDay(value) : endOfLondonDay(value);
  return Date.parse(value);
}

export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
