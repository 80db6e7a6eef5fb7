/**
 * A clock's state at the end of the date in parameter `$n`, from its stored dates: the same
 * definitions as the timescales library (final once stopped; overdue after the due date; due soon
 * from the stored due_soon_from date).
 */
export function clockStateSql(dateParameter: string, alias = 'c'): string {
  return `CASE
    WHEN ${alias}.stopped_on IS NOT NULL AND ${alias}.stopped_on <= ${dateParameter}::date THEN ${alias}.final_state
    WHEN ${dateParameter}::date > ${alias}.due_on THEN 'overdue'
    WHEN ${dateParameter}::date >= ${alias}.due_soon_from THEN 'due-soon'
    ELSE 'open' END`;
}
