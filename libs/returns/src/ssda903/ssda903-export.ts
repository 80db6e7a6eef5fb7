import { stringify } from 'csv-stringify/sync';
import { childEventsOf, childrenActiveOrLookedAfterIn, type ReturnSource } from '../return-source';
import type { CollectionYear } from '../return-period';
import { SSDA903_COLUMNS, SSDA903_TABLES, type Ssda903Rows, type Ssda903Table } from './ssda903-export-columns';
import { ssda903RowsOf } from './ssda903-export-mapping';
import { ssda903Xml } from './ssda903-export-xml';
import type { OmittedChild } from '../cin-census/cin-census-export-model';

export interface Ssda903Export {
  /** Each table as CSV with the DfE's header row, keyed by the validator's table name. */
  tables: Record<Ssda903Table, string>;
  /** The same children as the 903 XML (CLA.xsd), but those the schema cannot hold. */
  xml: string;
  children: number;
  /** Children left out of the XML, and why (the CSV tables hold them). */
  omitted: OmittedChild[];
}

/** The SSDA903 CSV tables for a collection year: every child looked after on a day of the year. */
export async function exportSsda903(source: ReturnSource, options: { year: CollectionYear }): Promise<Ssda903Export> {
  const rows = Object.fromEntries(SSDA903_TABLES.map((table) => [table, []])) as unknown as Ssda903Rows;
  const perChild: Ssda903Rows[] = [];
  const childIds = await childrenActiveOrLookedAfterIn(source.readModels, options.year.from, options.year.to);
  const eventsOf = await childEventsOf(source.store, childIds);
  for (const childId of childIds) {
    const child = ssda903RowsOf(childId, eventsOf.get(childId)!, options.year);
    if (child === undefined) continue;
    perChild.push(child);
    for (const table of SSDA903_TABLES) (rows[table] as unknown[]).push(...child[table]);
  }
  const tables = Object.fromEntries(
    SSDA903_TABLES.map((table) => [table, stringify(rows[table] as Array<Record<string, string>>, { header: true, columns: [...SSDA903_COLUMNS[table]] })]),
  ) as Record<Ssda903Table, string>;
  return { tables, ...ssda903Xml(perChild), children: perChild.length };
}

/** The file name of a table, as the DfE's tools expect them (header.csv, episodes.csv, …). */
export function ssda903FileName(table: Ssda903Table, year: CollectionYear): string {
  return `ssda903-${year.year}-${table.toLowerCase()}.csv`;
}
