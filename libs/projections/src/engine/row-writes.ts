import type { EntityManager } from 'typeorm';
import type { DerivedTable } from './case-read-model';
import type { Subject } from './subject-folds';

/**
 * A derived row as the engine compares and writes it: the JSON array of its values in the table's column order
 * (no column names, so a fraction of the size to build, keep and send).
 */
export function rowJson(table: DerivedTable, row: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(table.columns.map((column) => row[column]));
}

/** Each column's SQL type (format_type), per table of the schema: how the rows of a `rowJson` parameter are read. */
export type ColumnTypes = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** The column types of a schema's tables, from the catalog. */
export async function columnTypes(manager: EntityManager, schema: string, tables: readonly string[]): Promise<ColumnTypes> {
  const rows = (await manager.query(
    `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2::text[]) AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema, tables],
  )) as Array<{ table_name: string; column_name: string; type: string }>;
  const types = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const table = types.get(row.table_name) ?? new Map<string, string>();
    table.set(row.column_name, row.type);
    types.set(row.table_name, table);
  }
  return types;
}

/** Types whose value jsonb_populate_record reads with the type's input function from the JSON value's text, as a cast of `->>` does. */
const READ_AS_TEXT = /^(text|date|smallint|integer|bigint|boolean|timestamp with time zone|timestamp without time zone|numeric(\(\d+,\d+\))?)$/;

/**
 * The rows of a `rowJson` array parameter as records of the table (a FROM item; the records are `r`), each value
 * converted as jsonb_populate_record converts a column's JSON value (a JSON null is NULL): by a cast of its text,
 * or as the jsonb itself, when every column's type allows; otherwise through jsonb_populate_record.
 */
function rowsOf(table: DerivedTable, target: string, parameter: string, types: ReadonlyMap<string, string> | undefined): string {
  const elements = `jsonb_array_elements(${parameter}::jsonb) AS e(v)`;
  const direct = table.columns.map((column, at) => {
    const type = types?.get(column);
    if (type === 'jsonb') return `nullif(e.v->${at}, 'null'::jsonb) AS ${column}`;
    return type !== undefined && READ_AS_TEXT.test(type) ? `(e.v->>${at})::${type} AS ${column}` : undefined;
  });
  if (direct.every((field) => field !== undefined)) return `${elements}, LATERAL (SELECT ${direct.join(', ')}) AS r`;
  const fields = table.columns.map((column, at) => `'${column}', e.v->${at}`).join(', ');
  return `${elements}, LATERAL jsonb_populate_record(NULL::${target}, jsonb_build_object(${fields})) AS r`;
}

/**
 * One subject's new rows for one table, each as its JSON (`rowJson`). `removed`, when given, says the rows last written that
 * are gone (the rest stay): only they are deleted and only the rows not already there inserted; without it every
 * row of the subject is replaced.
 */
export interface RowChange {
  subject: Subject;
  rows: readonly string[];
  removed?: readonly string[];
  added?: readonly string[];
}

/**
 * Writes the changes of one table in at most three statements: the gone rows of subjects whose last rows are known
 * deleted by their values, every row of the other subjects deleted, and the new rows inserted. If the gone rows
 * are not all found as they were written (the table was changed behind the engine's back), those subjects are
 * replaced whole instead, so the table always ends with exactly the derived rows.
 */
export async function replaceRows(
  manager: EntityManager,
  schema: string,
  table: DerivedTable,
  changes: readonly RowChange[],
  types?: ReadonlyMap<string, string>,
): Promise<void> {
  if (changes.length === 0) return;
  const target = `${schema}.${table.name}`;
  const columns = table.columns.join(', ');
  let whole: readonly RowChange[] = changes.filter((change) => change.removed === undefined);
  let partial = changes.filter((change) => change.removed !== undefined);
  const gone = partial.flatMap((change) => change.removed!);
  if (gone.length > 0) {
    const same = (alias: string) => `ROW(${table.columns.map((column) => `${alias}.${column}`).join(', ')})::text`;
    // The subjects' rows found by their index, then matched by value against the gone rows (hashed).
    const [{ deleted }] = (await manager.query(
      `WITH gone AS (
         DELETE FROM ${target} AS t
          WHERE t.${table.subjectColumn} = ANY($2::text[])
            AND ${same('t')} IN (SELECT ${same('r')} FROM ${rowsOf(table, target, '$1', types)})
         RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [`[${gone.join(',')}]`, partial.map((change) => change.subject.id)],
    )) as Array<{ deleted: number }>;
    if (deleted !== gone.length) {
      whole = changes;
      partial = [];
    }
  }
  if (whole.length > 0) {
    await manager.query(`DELETE FROM ${target} WHERE ${table.subjectColumn} = ANY($1::text[])`, [whole.map((change) => change.subject.id)]);
  }
  const rows = [...whole.flatMap((change) => change.rows), ...partial.flatMap((change) => change.added ?? [])];
  if (rows.length === 0) return;
  // The rows as the JSON they were compared as: no second serialisation.
  await manager.query(
    `INSERT INTO ${target} (${columns}) SELECT ${table.columns.map((column) => `r.${column}`).join(', ')} FROM ${rowsOf(table, target, '$1', types)}`,
    [`[${rows.join(',')}]`],
  );
}

/**
 * The change from the rows last written to `now` (both as JSON): undefined when they are the same; a partial one
 * when the last rows are known and no row appears twice in either; otherwise every row replaced.
 */
export function rowChange(subject: Subject, before: readonly string[] | undefined, now: readonly string[]): RowChange | undefined {
  if (before === undefined) return { subject, rows: now };
  if (before.length === now.length && before.every((row, at) => row === now[at])) return undefined;
  const was = new Set(before);
  const is = new Set(now);
  if (was.size !== before.length || is.size !== now.length) return { subject, rows: now };
  const removed = before.filter((row) => !is.has(row));
  const added = now.filter((row) => !was.has(row));
  if (removed.length === 0 && added.length === 0) return undefined;
  return { subject, rows: now, removed, added };
}

export async function underSavepoint(manager: EntityManager, name: string, work: () => Promise<void>): Promise<void> {
  await manager.query(`SAVEPOINT ${name}`);
  try {
    await work();
  } catch (error) {
    if (!isConnectionLoss(error)) await manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
  await manager.query(`RELEASE SAVEPOINT ${name}`);
}

/** A lost connection is the database's fault, not the subject's: the runner retries the batch. */
export function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003'].includes(code) ||
    /Connection terminated/.test((error as Error)?.message ?? '')
  );
}
