/** How queries read a read model: SQL with parameters, rows back (a TypeORM DataSource or EntityManager). */
export interface ReadModelReader {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
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
