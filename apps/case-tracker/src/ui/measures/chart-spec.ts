import { addCalendarDays, addMonths } from '@csc/timescales';

/** A chart the page script draws with Chart.js, and the table the page always shows beside it. */
export interface ChartSpec {
  id: string;
  title: string;
  type: 'line' | 'bar';
  /** The x axis: months (YYYY-MM) or other categories. */
  labels: string[];
  datasets: Array<{ label: string; data: Array<number | null> }>;
  /** What the numbers are, e.g. "% met" or "cases per FTE". */
  unit: string;
  /** A horizontal line to compare against (a target or the England figure), drawn dashed. */
  reference?: { label: string; value: number };
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

/** Every month (YYYY-MM) from one date's month to another's. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = `${from.slice(0, 7)}-01`; month.slice(0, 7) <= to.slice(0, 7); month = addMonths(month, 1)) months.push(month.slice(0, 7));
  return months;
}
