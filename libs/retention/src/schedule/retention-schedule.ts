// How long a child's record is kept. Each rule names the records it covers and where its period comes from;
// when several cover a child, the one that keeps the record longest wins.

/** The kinds of record a rule can cover: a child ever looked after, ever the subject of child protection, and every child. */
export const RECORD_KINDS = ['looked-after', 'child-protection', 'child-in-need'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type RetentionPeriod = { untilAge: number } | { yearsAfterClosure: number };
export type RetentionRule = RetentionPeriod & { source: string };
export type RetentionSchedule = Readonly<Record<RecordKind, RetentionRule>>;

export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = {
  // Statute: the case record of a looked-after child is kept until the 75th anniversary of the child's birth
  // (or 15 years from the death of a child who dies before 18, which the events do not record).
  'looked-after': {
    untilAge: 75,
    source: 'The Care Planning, Placement and Case Review (England) Regulations 2010 (SI 2010/959), regulation 50',
  },
  // No statute sets it; 35 years after closure is what authorities' retention schedules commonly adopt for child
  // protection case files (for example the IRMS Retention Guidelines for Local Authorities).
  'child-protection': {
    yearsAfterClosure: 35,
    source:
      "Local authority retention schedules (commonly 35 years after closure for child protection records, e.g. IRMS Retention Guidelines for Local Authorities); set the authority's own",
  },
  // No statute sets it; six years after closure follows the six-year limitation periods of the Limitation Act 1980
  // that many schedules use for other children's records. A default to replace with the authority's own.
  'child-in-need': {
    yearsAfterClosure: 6,
    source: "Local authority retention schedules (six years after closure, after the Limitation Act 1980's six-year periods); set the authority's own",
  },
};

export class RetentionScheduleError extends Error {
  constructor(readonly problems: string[]) {
    super(`The retention schedule is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RetentionScheduleError';
  }
}

/** Reads a schedule (the parsed JSON of CSC_RETENTION_SCHEDULE): every kind of record, each with one period and its source. */
export function parseRetentionSchedule(value: unknown): RetentionSchedule {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RetentionScheduleError(['it must be a JSON object']);
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(RECORD_KINDS as readonly string[]).includes(key)) problems.push(`${key}: not a kind of record (use ${RECORD_KINDS.join(', ')})`);
  }
  const schedule: Partial<Record<RecordKind, RetentionRule>> = {};
  for (const kind of RECORD_KINDS) {
    const rule = input[kind] as Record<string, unknown> | undefined;
    if (typeof rule !== 'object' || rule === null) {
      problems.push(`${kind}: missing; every kind of record needs a rule`);
      continue;
    }
    const periods = ['untilAge', 'yearsAfterClosure'].filter((name) => rule[name] !== undefined);
    if (periods.length !== 1) problems.push(`${kind}: give exactly one of untilAge or yearsAfterClosure`);
    for (const name of periods) {
      const years = rule[name];
      if (!Number.isInteger(years) || (years as number) < 1 || (years as number) > 150) problems.push(`${kind}.${name}: a whole number of years from 1 to 150`);
    }
    if (typeof rule.source !== 'string' || rule.source.trim() === '')
      problems.push(`${kind}.source: say where the period comes from (a regulation, or the schedule's name)`);
    const unknown = Object.keys(rule).filter((name) => !['untilAge', 'yearsAfterClosure', 'source'].includes(name));
    if (unknown.length > 0) problems.push(`${kind}: unknown ${unknown.join(', ')}`);
    schedule[kind] = {
      ...(periods[0] === 'untilAge' ? { untilAge: rule.untilAge as number } : { yearsAfterClosure: rule.yearsAfterClosure as number }),
      source: String(rule.source),
    };
  }
  if (problems.length > 0) throw new RetentionScheduleError(problems);
  return schedule as RetentionSchedule;
}
