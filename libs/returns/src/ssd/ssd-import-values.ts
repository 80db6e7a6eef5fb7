// Reading one SSD field as the data model types it (../shared/data/ssd-data-model/data/objects/ssd_*.yml): datetime
// columns, Y/N nchar flags, code sets and the *_outcome_json dictionaries. A value that cannot be read refuses its row.
import { isCalendarDate } from '@csc/contracts';
import type { ImportedFact, MappedEnvelope } from '../import-facts';
import type { ImportProblem } from '../import-report';
import type { SsdTable } from './ssd-import-tables';

/** One row of an SSD table as read: its file and line, and its values by column (lower-case, as the data model names them). */
export interface SsdRow {
  readonly table: SsdTable;
  readonly file: string;
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export class RowRefused extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

export const refused = (code: string, message: string, field: string): RowRefused => new RowRefused({ code, message, field });

export function textOf(row: SsdRow, column: string): string | undefined {
  const text = (row.values[column] ?? '').trim();
  return text === '' || text.toUpperCase() === 'NULL' ? undefined : text;
}

export function requiredText(row: SsdRow, column: string): string {
  const text = textOf(row, column);
  if (text === undefined) throw refused('MISSING_FIELD', `${column} is empty; ${row.table} needs it here.`, column);
  return text;
}

/**
 * A datetime column's day. SQL Server extracts write `2024-03-31`, `2024-03-31 00:00:00.000` or `2024-03-31T09:15:00`;
 * spreadsheets re-save them as `31/03/2024`. A day that does not exist (31/02/2024) is refused, never rolled over.
 */
export function dateOf(row: SsdRow, column: string, required: true): string;
export function dateOf(row: SsdRow, column: string, required?: boolean): string | undefined;
export function dateOf(row: SsdRow, column: string, required = false): string | undefined {
  const text = required ? requiredText(row, column) : textOf(row, column);
  if (text === undefined) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?Z?)?$/.exec(text)?.[1];
  const british = /^(\d{2})\/(\d{2})\/(\d{4})(?: \d{2}:\d{2}(?::\d{2})?)?$/.exec(text);
  const day = iso ?? (british ? `${british[3]}-${british[2]}-${british[1]}` : undefined);
  if (day !== undefined && isCalendarDate(day)) return day;
  throw refused('INVALID_DATE', `${column} is ${JSON.stringify(text)}, which is not a real date (write YYYY-MM-DD or DD/MM/YYYY).`, column);
}

/** A Y/N flag (nchar); 1/0 and true/false as some extracts write them. Empty is `undefined`. */
export function flagOf(row: SsdRow, column: string): boolean | undefined {
  const text = textOf(row, column)?.toUpperCase();
  if (text === undefined) return undefined;
  if (['Y', 'YES', '1', 'TRUE'].includes(text)) return true;
  if (['N', 'NO', '0', 'FALSE'].includes(text)) return false;
  throw refused('UNKNOWN_CODE', `${column} is ${JSON.stringify(textOf(row, column))}: use Y or N.`, column);
}

export function codeOf<C extends string>(row: SsdRow, column: string, list: readonly C[], listName: string, required: true): C;
export function codeOf<C extends string>(row: SsdRow, column: string, list: readonly C[], listName: string, required?: boolean): C | undefined;
export function codeOf<C extends string>(row: SsdRow, column: string, list: readonly C[], listName: string, required = false): C | undefined {
  const text = required ? requiredText(row, column) : textOf(row, column);
  if (text === undefined) return undefined;
  const code = text.toUpperCase();
  if ((list as readonly string[]).includes(code)) return code as C;
  throw refused('UNKNOWN_CODE', `${column} is ${JSON.stringify(text)}, which is not a ${listName} code (one of ${list.join(', ')}).`, column);
}

/**
 * An *_outcome_json dictionary, e.g. `{"NFA_FLAG": "Y", "SINGLE_ASSESSMENT_FLAG": "N"}` (the data model's guidance
 * for cine_referral_outcome_json and the others: "all keys in structure regardless of data presence"): the flags set to Y.
 */
export function outcomeFlags(row: SsdRow, column: string): ReadonlySet<string> {
  const text = textOf(row, column);
  if (text === undefined) return new Set();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refused('INVALID_JSON', `${column} is not a JSON dictionary of outcome flags: ${JSON.stringify(text.slice(0, 80))}.`, column);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw refused('INVALID_JSON', `${column} is not a JSON dictionary of outcome flags.`, column);
  return new Set(
    Object.entries(parsed as Record<string, unknown>)
      .filter(([, value]) => typeof value === 'string' && ['Y', '1', 'TRUE'].includes(value.trim().toUpperCase()))
      .map(([key]) => key.toUpperCase()),
  );
}

/** What the extract says beyond the child's own rows: the authority, and the workers and teams its lookups list. */
export interface SsdExtract {
  readonly authority: string;
  /** ssd_professionals' prof_professional_id, when that table is in the extract. */
  readonly workers?: ReadonlySet<string>;
  /** ssd_department's dept_team_id, when that table is in the extract. */
  readonly teams?: ReadonlySet<string>;
}

export type Fields = Omit<MappedEnvelope, 'schemaVersion' | 'childId' | 'source'>;

/** What each table's mapping is given: the child's rows of every table, and how to name a fact. */
export interface ChildContext {
  readonly childId: string;
  readonly extract: SsdExtract;
  readonly rowsOf: (table: SsdTable) => readonly SsdRow[];
  readonly fact: (kind: string, id: string, fields: Fields) => ImportedFact;
}

/** Ids in events carry the table they come from: SSD ids are unique per table, not across tables. */
export const idOf = (prefix: string, id: string): string => `ssd-${prefix}-${id}`;
