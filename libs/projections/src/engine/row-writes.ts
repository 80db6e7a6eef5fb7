import type { EntityManager } from 'typeorm';
import type { DerivedTable } from './case-read-model';
import type { Subject } from './subject-folds';

/** One subject's new rows for one table. */
export interface RowChange {
  subject: Subject;
  rows: ReadonlyArray<Record<string, unknown>>;
}

/** Replaces every row of the given subjects in one DELETE and one INSERT. */
export async function replaceRows(manager: EntityManager, schema: string, table: DerivedTable, changes: readonly RowChange[]): Promise<void> {
  if (changes.length === 0) return;
  const subjects = changes.map((change) => change.subject.id);
  await manager.query(`DELETE FROM ${schema}.${table.name} WHERE ${table.subjectColumn} = ANY($1::text[])`, [subjects]);
  const rows = changes.flatMap((change) => change.rows);
  if (rows.length === 0) return;
  const columns = table.columns.join(', ');
  await manager.query(
    `INSERT INTO ${schema}.${table.name} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${schema}.${table.name}, $1::json)`,
    [JSON.stringify(rows)],
  );
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
