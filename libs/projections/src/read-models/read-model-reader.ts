/** How queries read a read model: SQL with parameters, rows back (a TypeORM DataSource or EntityManager). */
export interface ReadModelReader {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A reader that can open a transaction of its own (a TypeORM DataSource or EntityManager). */
interface TransactionalReader extends ReadModelReader {
  transaction<T>(run: (inside: ReadModelReader) => Promise<T>): Promise<T>;
}

/**
 * Runs queries with JIT compilation off (in a transaction of their own, SET LOCAL), for set-based queries whose
 * estimated cost passes jit_above_cost although they run in milliseconds: compiling them takes far longer. A reader
 * that cannot open a transaction runs them as they are.
 */
export async function withoutJit<T>(reader: ReadModelReader, run: (inside: ReadModelReader) => Promise<T>): Promise<T> {
  return withPlannerSettings(reader, { jit: 'off' }, run);
}

/**
 * Runs queries with planner settings of their own (in a transaction of their own, SET LOCAL), where the planner's
 * estimates (a read model applied live has no statistics until it is analysed) lead it to a plan that costs several
 * times the one it passed over. A reader that cannot open a transaction runs them as they are.
 */
export async function withPlannerSettings<T>(
  reader: ReadModelReader,
  settings: Readonly<Partial<Record<'jit' | 'enable_sort', 'on' | 'off'>>>,
  run: (inside: ReadModelReader) => Promise<T>,
): Promise<T> {
  if (typeof (reader as Partial<TransactionalReader>).transaction !== 'function') return run(reader);
  return (reader as TransactionalReader).transaction(async (inside) => {
    for (const [name, value] of Object.entries(settings)) await inside.query(`SET LOCAL ${name} = ${value}`);
    return run(inside);
  });
}

export async function rowsOf<Row>(reader: ReadModelReader, sql: string, parameters: unknown[] = []): Promise<Row[]> {
  return (await reader.query(sql, parameters)) as Row[];
}

/** A date column as YYYY-MM-DD whether the driver gives a Date or a string. */
export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
