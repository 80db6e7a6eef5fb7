import type { RecordKind, RetentionSchedule } from './retention-schedule';

/** What the retention rules need to know about one child's record, from its events. */
export interface RecordSummary {
  childId: string;
  /** The date of birth, or the expected one of an unborn child; undefined when never recorded. */
  dateOfBirth?: string;
  kinds: readonly RecordKind[];
  /** The day the case last closed, when nothing is open now; undefined while it is open. */
  closedOn?: string;
  /** True while an episode, a plan or a period of care is open. */
  open: boolean;
}

export interface AppliedRule {
  kind: RecordKind;
  /** The first day the record is no longer kept under this rule; undefined when it cannot be worked out yet. */
  retainUntil?: string;
  /** Why it cannot be worked out (open case, no date of birth). */
  pending?: string;
  source: string;
}

export interface RetentionJudgement {
  childId: string;
  /** The first day the record may be destroyed (the latest of the rules' dates); undefined while any rule is pending. */
  retainUntil?: string;
  /** The rule that keeps it longest, or the first one still pending. */
  decidedBy: AppliedRule;
  rules: AppliedRule[];
}

/** Every rule that covers the record; the strictest (latest, or any still pending) decides. */
export function judgeRetention(record: RecordSummary, schedule: RetentionSchedule): RetentionJudgement {
  const rules = record.kinds.map((kind): AppliedRule => {
    const rule = schedule[kind];
    if ('untilAge' in rule) {
      return record.dateOfBirth
        ? { kind, retainUntil: addYears(record.dateOfBirth, rule.untilAge), source: rule.source }
        : { kind, pending: 'no date of birth has been recorded', source: rule.source };
    }
    return record.open || !record.closedOn
      ? { kind, pending: 'the case is open', source: rule.source }
      : { kind, retainUntil: addYears(record.closedOn, rule.yearsAfterClosure), source: rule.source };
  });
  const pending = rules.find((rule) => rule.pending !== undefined);
  if (pending) return { childId: record.childId, decidedBy: pending, rules };
  const decidedBy = rules.reduce((latest, rule) => (rule.retainUntil! > latest.retainUntil! ? rule : latest));
  return { childId: record.childId, retainUntil: decidedBy.retainUntil, decidedBy, rules };
}

/** The same day `years` later; 29 February becomes 28 February in a year that has none. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = year + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  const clampedDay = month === 2 && day === 29 && !leap ? 28 : day;
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clampedDay).padStart(2, '0')}`;
}
