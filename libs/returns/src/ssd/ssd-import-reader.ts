// Reads a folder of SSD table extracts (CSV files, or one zip of them), recognises each table, and hands over each
// child with its rows of every table: the tables are keyed by person, not sorted by person, so a child's rows are
// gathered from all files before they are mapped. Memory holds every per-child row of the extract (its values as
// text) until the last file is read, about three times the CSVs' size (README: Imports, ssd); the lookups hold
// one id per worker and team.
import type { ImportedChild } from '../import-facts';
import { openCsvTable } from '../import-csv';
import { ImportInputError } from '../import-xml';
import { mapSsdChild } from './ssd-import-mapping';
import { columnProblem, SSD_LOOKUP_USE, SSD_NOT_IMPORTED, SSD_PERSON_COLUMN, SSD_TABLE_COLUMNS, ssdTableOf, type SsdTable } from './ssd-import-tables';
import type { SsdRow } from './ssd-import-values';
import { filesOf, type NamedFile } from './ssd-import-zip';

export interface SkippedTable {
  readonly file: string;
  readonly table: string;
  readonly rows: number;
  readonly reason: string;
}

export async function* readSsdChildren(
  files: readonly NamedFile[],
  authority: string,
  onSkipped: (skipped: SkippedTable) => void,
): AsyncGenerator<ImportedChild> {
  const byChild = new Map<string, SsdRow[]>();
  let workers: Set<string> | undefined;
  let teams: Set<string> | undefined;
  const tables: NamedFile[] = [];
  for (const file of files) {
    // A folder may hold a README or the query that made the extract beside the tables: named, and left out.
    if (/\.[a-z0-9]+$/i.test(file.name) && !/\.(csv|zip)$/i.test(file.name)) {
      onSkipped({ file: file.name, table: '-', rows: 0, reason: 'not a .csv or .zip file: left out of the extract' });
      continue;
    }
    tables.push(...(await filesOf(file)));
  }
  for (const file of tables) {
    const table = await openCsvTable(file.open(), file.name);
    const name = ssdTableOf(file.name, table.columns);
    if (name === undefined) {
      throw new ImportInputError(
        'UNKNOWN_TABLE',
        file.name,
        1,
        `neither the file's name nor its columns (${table.columns.join(', ').toLowerCase()}) are those of an SSD table: name the file after its table, e.g. ssd_contacts.csv`,
      );
    }
    const problem = columnProblem(name, table.columns);
    if (problem !== undefined) throw new ImportInputError('WRONG_SCHEMA', file.name, 1, problem);
    const columns = table.columns.map((column) => column.toLowerCase());
    const person = name in SSD_PERSON_COLUMN ? SSD_PERSON_COLUMN[name as keyof typeof SSD_PERSON_COLUMN] : undefined;
    let rows = 0;
    const ids = name === 'ssd_professionals' ? (workers ??= new Set()) : name === 'ssd_department' ? (teams ??= new Set()) : undefined;
    for await (const { line, values } of table.rows) {
      rows += 1;
      if (ids !== undefined) ids.add((values[SSD_TABLE_COLUMNS[name][0].toUpperCase()] ?? '').trim());
      if (person === undefined) continue;
      const lowered: Record<string, string> = {};
      for (const column of columns) lowered[column] = values[column.toUpperCase()] ?? '';
      const childId = lowered[person].trim();
      const held = byChild.get(childId) ?? [];
      held.push({ table: name, file: file.name, line, values: lowered });
      byChild.set(childId, held);
    }
    if (person === undefined || name === 'ssd_legal_status') onSkipped({ file: file.name, table: name, rows, reason: whyNotRecorded(name) });
  }
  for (const [childId, rows] of byChild) {
    if (childId === '') {
      yield { childId, rows: rows.filter((row) => row.table !== 'ssd_legal_status').map(unnamedChild) };
      continue;
    }
    yield { childId, rows: mapSsdChild(childId, rows, { authority, workers, teams }) };
  }
}

function whyNotRecorded(table: SsdTable): string {
  if (table in SSD_LOOKUP_USE) return SSD_LOOKUP_USE[table as keyof typeof SSD_LOOKUP_USE];
  return SSD_NOT_IMPORTED[table as keyof typeof SSD_NOT_IMPORTED];
}

function unnamedChild(row: SsdRow) {
  const column = SSD_PERSON_COLUMN[row.table as keyof typeof SSD_PERSON_COLUMN];
  return {
    table: row.table,
    file: row.file,
    line: row.line,
    naturalKey: `${row.table} line ${row.line}`,
    facts: [],
    problem: { code: 'MISSING_FIELD', message: `${column} is empty: the row names no child.`, field: column },
  };
}
