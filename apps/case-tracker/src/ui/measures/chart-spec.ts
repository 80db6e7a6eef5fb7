import { addMonths } from '@csc/timescales';

export { monthEnd, monthEnds } from '../../read-models/queries/dates';

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

/** Every month (YYYY-MM) from one date's month to another's. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = `${from.slice(0, 7)}-01`; month.slice(0, 7) <= to.slice(0, 7); month = addMonths(month, 1)) months.push(month.slice(0, 7));
  return months;
}
