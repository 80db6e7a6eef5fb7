// What an import did with every row it read: per source table, per event, and each refused row with what to fix.

/** Where in its file a row sits: a line, and for XML the element's path. */
export interface RowLocation {
  readonly file: string;
  readonly line: number;
  /** The XML element's path, e.g. /Message/Children/Child[3]/CINdetails[1]; absent for CSV. */
  readonly path?: string;
}

/** A problem a person can act on: a code, a message that says what to fix, and the field at fault. */
export interface ImportProblem {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export interface RefusedRow extends RowLocation, ImportProblem {
  readonly table: string;
  readonly naturalKey: string;
}

/** A fact a later return changed: the event it withdrew and the event that replaces it. */
export interface CorrectedRow extends RowLocation {
  readonly table: string;
  readonly naturalKey: string;
  readonly type: string;
  readonly retractedEventId: string;
  readonly eventId: string;
}

/** A purge the file asked for: a child's record destroyed, or the events of what it names retracted. */
export interface PurgedRow extends RowLocation {
  readonly table: string;
  readonly naturalKey: string;
  /** destroyed / already-destroyed (a child's record); retracted / nothing-held (a part of it); refused (see refused). */
  readonly outcome: 'destroyed' | 'already-destroyed' | 'retracted' | 'nothing-held' | 'refused';
  /** Events retracted, for a part of a record. */
  readonly events?: number;
}

export interface TableCounts {
  read: number;
  /** Rows that became new events (a correction counts here). */
  recorded: number;
  /** Rows whose every fact the store already held. */
  known: number;
  refused: number;
}

export interface ImportReport {
  readonly format: string;
  readonly files: string[];
  readonly tables: Record<string, TableCounts>;
  readonly events: { recorded: number; duplicate: number; rejected: number };
  readonly children: { read: number; recorded: number; known: number; refused: number };
  readonly refused: RefusedRow[];
  readonly corrections: CorrectedRow[];
  /** Tables the format holds that were read but not recorded, with why (no event says what they say). */
  readonly skipped: { file: string; table: string; rows: number; reason: string }[];
  /** Purges asked for (CSC API purge flags), present only when a file asked for one. */
  purges?: PurgedRow[];
}

export type RowOutcome = 'recorded' | 'known' | 'refused';

/** Counts as rows are settled, so `read = recorded + known + refused` holds by construction. */
export class ImportReportBuilder {
  readonly report: ImportReport;

  constructor(format: string) {
    this.report = {
      format,
      files: [],
      tables: {},
      events: { recorded: 0, duplicate: 0, rejected: 0 },
      children: { read: 0, recorded: 0, known: 0, refused: 0 },
      refused: [],
      corrections: [],
      skipped: [],
    };
  }

  file(name: string): void {
    if (!this.report.files.includes(name)) this.report.files.push(name);
  }

  /** Names a table before any of its rows is settled, so an empty table still shows as read 0. */
  table(name: string): TableCounts {
    return (this.report.tables[name] ??= { read: 0, recorded: 0, known: 0, refused: 0 });
  }

  row(table: string, outcome: RowOutcome): void {
    const counts = this.table(table);
    counts.read += 1;
    counts[outcome] += 1;
  }

  refuse(row: RefusedRow): void {
    this.row(row.table, 'refused');
    this.report.refused.push(row);
  }

  purged(row: PurgedRow): void {
    (this.report.purges ??= []).push(row);
  }

  child(outcome: RowOutcome): void {
    this.report.children.read += 1;
    this.report.children[outcome] += 1;
  }
}

/** The report as a person reads it on a terminal: one line per table, then the refused rows. */
export function renderImportReport(report: ImportReport): string {
  const lines = [`csc import ${report.format}: ${report.files.join(', ')}`];
  const names = Object.keys(report.tables);
  const width = Math.max(5, ...names.map((name) => name.length));
  lines.push(`  ${'table'.padEnd(width)}  ${['read', 'recorded', 'known', 'refused'].map((h) => h.padStart(9)).join('')}`);
  for (const name of names) {
    const counts = report.tables[name];
    const cells = [counts.read, counts.recorded, counts.known, counts.refused].map((n) => String(n).padStart(9)).join('');
    lines.push(`  ${name.padEnd(width)}  ${cells}`);
  }
  const { children, events } = report;
  lines.push(`  children: ${children.read} read, ${children.recorded} recorded, ${children.known} known, ${children.refused} refused`);
  lines.push(`  events: ${events.recorded} recorded, ${events.duplicate} already held, ${events.rejected} not recorded`);
  if (report.corrections.length > 0) {
    lines.push(`  corrections (${report.corrections.length}):`);
    for (const c of report.corrections)
      lines.push(`    ${where(c)} ${c.table} ${c.naturalKey}: ${c.type} ${c.retractedEventId} retracted, ${c.eventId} recorded`);
  }
  for (const s of report.skipped) lines.push(`  not imported: ${s.file} (${s.table}, ${s.rows} rows): ${s.reason}`);
  if (report.purges?.length) {
    lines.push(`  purges (${report.purges.length}):`);
    for (const p of report.purges)
      lines.push(`    ${where(p)} ${p.table} ${p.naturalKey}: ${p.outcome}${p.events === undefined ? '' : `, ${p.events} events retracted`}`);
  }
  if (report.refused.length > 0) {
    lines.push(`  refused (${report.refused.length}):`);
    for (const r of report.refused) lines.push(`    ${where(r)} ${r.table} ${r.naturalKey}: ${r.code}${r.field ? ` (${r.field})` : ''}: ${r.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function where(location: RowLocation): string {
  return `${location.file}:${location.line}${location.path ? ` ${location.path}` : ''}`;
}

/** Several files' reports as one (the CLI sends each file to the service on its own). */
export function mergeImportReports(reports: readonly ImportReport[]): ImportReport {
  const merged = new ImportReportBuilder(reports[0]?.format ?? '');
  for (const report of reports) {
    report.files.forEach((file) => merged.file(file));
    for (const [name, counts] of Object.entries(report.tables)) {
      const into = merged.table(name);
      for (const key of ['read', 'recorded', 'known', 'refused'] as const) into[key] += counts[key];
    }
    for (const key of ['recorded', 'duplicate', 'rejected'] as const) merged.report.events[key] += report.events[key];
    for (const key of ['read', 'recorded', 'known', 'refused'] as const) merged.report.children[key] += report.children[key];
    merged.report.refused.push(...report.refused);
    merged.report.corrections.push(...report.corrections);
    merged.report.skipped.push(...report.skipped);
    for (const purge of report.purges ?? []) merged.purged(purge);
  }
  return merged.report;
}
