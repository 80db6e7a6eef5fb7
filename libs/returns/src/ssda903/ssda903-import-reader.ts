// Reads the 903 returns, each file as the CSV tables or the XML (told apart by content: XML starts with "<"), and
// hands over each child with all its rows: a child's episodes span files and years, so they are gathered (in
// bounded memory, ssda903-child-grouping.ts) before they are mapped.
import { Readable } from 'node:stream';
import { openCsvTable } from '../import-csv';
import type { ImportedChild } from '../import-facts';
import { ImportInputError } from '../import-xml';
import { groupRowsByChild, type GroupingOptions } from './ssda903-child-grouping';
import { mapSsda903Child, type Ssda903Return, type Ssda903Row } from './ssda903-import-mapping';
import { SSDA903_IMPORTED_TABLES, SSDA903_NOT_IMPORTED, SSDA903_SW_WITHOUT_TEAM, ssda903TableOf, type Ssda903Table } from './ssda903-import-tables';
import { readSsda903XmlRows, type Ssda903SourceRow } from './ssda903-import-xml';

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

/** The collection year a file's name gives (2021-episodes.csv, episodes_2021.csv, ssda903-2021.xml), else "unknown". */
export function yearOfFile(name: string): string {
  return /(?:^|[^0-9])((?:19|20)\d\d)(?:[^0-9]|$)/.exec(name)?.[1] ?? 'unknown';
}

export async function* readSsda903Children(
  files: readonly Ssda903File[],
  census: Ssda903Return,
  onSkipped: (skipped: SkippedTable) => void,
  grouping: GroupingOptions = {},
): AsyncGenerator<ImportedChild> {
  for await (const [childId, rows] of groupRowsByChild(importedRows(files, census, onSkipped), grouping)) {
    yield { childId, rows: mapSsda903Child(childId, rows, census), withHistory: (held) => mapSsda903Child(childId, rows, census, held) };
  }
}

/** Every file's rows of the tables that become events; the others counted and reported as skipped, per file. */
async function* importedRows(files: readonly Ssda903File[], census: Ssda903Return, onSkipped: (skipped: SkippedTable) => void): AsyncGenerator<Ssda903Row> {
  for (const file of files) {
    const year = yearOfFile(file.name);
    const skipped = new Map<Ssda903Table, number>();
    for await (const row of rowsOfFile(file)) {
      const table = row.table;
      if (isImported(table) && (table !== 'SWEpisodes' || census.team !== undefined)) {
        yield { table, file: file.name, line: row.line, year, values: row.values, ...(row.path ? { path: row.path } : {}) };
      } else skipped.set(table, (skipped.get(table) ?? 0) + 1);
    }
    for (const [table, rows] of skipped) {
      onSkipped({
        file: file.name,
        table,
        rows,
        reason: table === 'SWEpisodes' ? SSDA903_SW_WITHOUT_TEAM : SSDA903_NOT_IMPORTED[table as keyof typeof SSDA903_NOT_IMPORTED],
      });
    }
  }
}

async function* rowsOfFile(file: Ssda903File): AsyncGenerator<Ssda903SourceRow> {
  const { xml, stream } = await sniff(file.open());
  if (xml) {
    yield* readSsda903XmlRows(stream, file.name);
    return;
  }
  const table = await openCsvTable(stream, file.name);
  const name = ssda903TableOf(table.columns);
  if (name === undefined) {
    throw new ImportInputError(
      'WRONG_SCHEMA',
      file.name,
      1,
      `the columns ${table.columns.join(', ')} are not those of any SSDA903 table (config_column_names.json), and the file is not the 903 XML (CLA.xsd)`,
    );
  }
  for await (const { line, values } of table.rows) yield { table: name, line, values };
}

/** Whether the file is XML (its first character that is not space or a byte-order mark is "<"), and the file whole again. */
async function sniff(input: Readable): Promise<{ xml: boolean; stream: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const seen: (Buffer | string)[] = [];
  let first: string | undefined;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    first = /[^\s\uFEFF]/.exec(typeof next.value === 'string' ? next.value : next.value.toString('utf8'))?.[0];
  }
  async function* again(): AsyncGenerator<Buffer | string> {
    yield* seen;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { xml: first === '<', stream: Readable.from(again(), { objectMode: false }) };
}

function isImported(table: Ssda903Table): table is (typeof SSDA903_IMPORTED_TABLES)[number] {
  return (SSDA903_IMPORTED_TABLES as readonly string[]).includes(table);
}
