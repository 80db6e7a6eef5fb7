import { BadRequestException } from '@nestjs/common';
import { occurredOnDate } from '@csc/contracts';
import { addMonths, addCalendarDays } from '@csc/timescales';
import type { Clock } from '@csc/runtime';

/** Today in Europe/London, from the service clock. */
export function londonToday(clock: Clock): string {
  return occurredOnDate(clock.now().toISOString());
}

/** A period defaulting to the twelve months ending today; refuses one that ends before it starts or spans over ten years. */
export function periodOf(query: { from?: string; to?: string }, clock: Clock): { from: string; to: string } {
  const to = query.to ?? londonToday(clock);
  const from = query.from ?? addCalendarDays(addMonths(to, -12), 1);
  if (from > to) throw new BadRequestException({ error: { code: 'INVALID_PARAMETER', message: `from (${from}) is after to (${to})`, field: 'from' } });
  if (addMonths(from, 120) < to)
    throw new BadRequestException({ error: { code: 'INVALID_PARAMETER', message: 'A period may span at most ten years', field: 'from' } });
  return { from, to };
}

/** The last day of the month of a date. */
export function monthEnd(date: string): string {
  return addCalendarDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);
}

/**
 * The ends of the `count` months up to a date, oldest first: each earlier month's last day, and the date
 * itself for its own month (so a figure "as at" today is the latest point).
 */
export function monthEnds(asOf: string, count: number): string[] {
  const ends: string[] = [asOf];
  for (let back = 1; back < count; back += 1) ends.unshift(monthEnd(addMonths(`${asOf.slice(0, 7)}-01`, -back)));
  return ends;
}
