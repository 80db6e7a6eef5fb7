// A streaming reader of the returns' CSV tables (csv-parse): each row with its line, columns named by the header.
import type { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { ImportInputError } from './import-xml';

export interface CsvRow {
  /** The line the row starts on (the header is line 1). */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface CsvTable {
  /** The header's column names, trimmed and upper-cased. */
  readonly columns: readonly string[];
  readonly rows: AsyncIterable<CsvRow>;
}

/** Opens a CSV file: reads its header first (to recognise the table), then streams its rows. */
export async function openCsvTable(input: Readable, file: string): Promise<CsvTable> {
  let columns: string[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      columns: (header: string[]) => (columns = header.map((name) => name.trim().toUpperCase())),
    }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: Record<string, string>; info: { lines: number } }>;
  const first = await next(iterator, file);
  async function* rows(): AsyncGenerator<CsvRow> {
    for (let item = first; !item.done; item = await next(iterator, file)) {
      yield { line: item.value.info.lines, values: item.value.record };
    }
  }
  return { columns, rows: rows() };
}

async function next<T>(iterator: AsyncIterator<T>, file: string): Promise<IteratorResult<T>> {
  try {
    return await iterator.next();
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new ImportInputError('NOT_CSV', file, line, `not a CSV table: ${error.message}`);
    }
    throw error;
  }
}
