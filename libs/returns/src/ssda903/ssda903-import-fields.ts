// Reading one 903 value: a date written DD/MM/YYYY, a code of a DfE list; a value that is neither is refused with
// the column at fault. Code lists: ../shared/data/liia-tools/liiatools/spec/s903/SSDA903_schema_2024.yml.
import { isCalendarDate } from '@csc/contracts';
import type { ImportProblem } from '../import-report';
import type { Ssda903Row } from './ssda903-import-mapping';

export class RowRefused extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

export const refused = (code: string, message: string, field: string): RowRefused => new RowRefused({ code, message, field });

/** DD/MM/YYYY, as the 903 tables write dates, to YYYY-MM-DD; a day that does not exist is refused. */
export function dateOf(row: Ssda903Row, column: string, required: boolean): string | undefined {
  const text = row.values[column] ?? '';
  if (text === '') {
    if (required) throw refused('MISSING_FIELD', `${column} is empty; the ${row.table} table requires it.`, column);
    return undefined;
  }
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = match ? `${match[3]}-${match[2]}-${match[1]}` : text;
  if (isCalendarDate(iso)) return iso;
  throw refused('INVALID_DATE', `${column} is ${JSON.stringify(text)}, which is not a real date written DD/MM/YYYY.`, column);
}

export function codeOf<C extends string>(row: Ssda903Row, column: string, list: readonly C[], required: boolean): C | undefined {
  const text = (row.values[column] ?? '').toUpperCase();
  if (text === '') {
    if (required) throw refused('MISSING_FIELD', `${column} is empty; the ${row.table} table requires it.`, column);
    return undefined;
  }
  if ((list as readonly string[]).includes(text)) return text as C;
  throw refused('UNKNOWN_CODE', `${column} is ${JSON.stringify(row.values[column])}, which is not an SSDA903 code (one of ${list.join(', ')}).`, column);
}
