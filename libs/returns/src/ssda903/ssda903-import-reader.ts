// Reads the 903 CSV tables of one or more returns, recognises each file by its columns, and hands over each child
// with all its rows: a child's episodes span files and years, so they are gathered before they are mapped.
import type { Readable } from 'node:stream';
import { openCsvTable } from '../import-csv';
import type { ImportedChild } from '../import-facts';
import { ImportInputError } from '../import-xml';
import { mapSsda903Child, type Ssda903Return, type Ssda903Row } from './ssda903-import-mapping';
import { SSDA903_IMPORTED_TABLES, SSDA903_NOT_IMPORTED, ssda903TableOf, type Ssda903Table } from './ssda903-import-tables';

export interface Ssda903File {
  readonly name: string;
  open(): Readable;
}

export interface SkippedTable {
  readonly file: string;
  readonly table: string;
  readonly rows: number;
  readonly reason: string;
}

/** The collection year a file's name gives (2021-episodes.csv, episodes_2021.csv), else "unknown". */
export function yearOfFile(name: string): string {
  return /(?:^|[^0-9])((?:19|20)\d\d)(?:[^0-9]|$)/.exec(name)?.[1] ?? 'unknown';
}

export async function* readSsda903Children(
  files: readonly Ssda903File[],
  census: Ssda903Return,
  onSkipped: (skipped: SkippedTable) => void,
): AsyncGenerator<ImportedChild> {
  const byChild = new Map<string, Ssda903Row[]>();
  for (const file of files) {
    const table = await openCsvTable(file.open(), file.name);
    const name = ssda903TableOf(table.columns);
    if (name === undefined) {
      throw new ImportInputError(
        'WRONG_SCHEMA',
        file.name,
        1,
        `the columns ${table.columns.join(', ')} are not those of any SSDA903 table (config_column_names.json)`,
      );
    }
    if (!isImported(name)) {
      let rows = 0;
      for await (const _ of table.rows) rows += 1;
      onSkipped({ file: file.name, table: name, rows, reason: SSDA903_NOT_IMPORTED[name] });
      continue;
    }
    const year = yearOfFile(file.name);
    for await (const { line, values } of table.rows) {
      const child = values.CHILD ?? '';
      const rows = byChild.get(child) ?? [];
      rows.push({ table: name, file: file.name, line, year, values });
      byChild.set(child, rows);
    }
  }
  for (const [childId, rows] of byChild) {
    yield { childId, rows: mapSsda903Child(childId, rows, census), withHistory: (held) => mapSsda903Child(childId, rows, census, held) };
  }
}

function isImported(table: Ssda903Table): table is (typeof SSDA903_IMPORTED_TABLES)[number] {
  return (SSDA903_IMPORTED_TABLES as readonly string[]).includes(table);
}
