import type { AllocationPeriod, ChildTracker, TrackedClock } from '@csc/projections';
import { TimescaleError, buildRuleTable, calendarDaysBetween, explainDueDate, findRule, type DueDateExplanation, type LocalStandards } from '@csc/timescales';

export interface ClockRow {
  rule: string;
  ruleName: string;
  purpose: string;
  anchor: string | null;
  startedOn: string;
  dueOn: string;
  stoppedOn: string | null;
  state: string;
  /** "3 days overdue", "2 days left", or empty once stopped. */
  remaining: string;
  /** How the due date was worked out, or why it cannot be shown. */
  explanation: DueDateExplanation | { unavailable: string };
}

export interface TimelineEntry {
  date: string;
  text: string;
}

export interface ChildTrackerView {
  childId: string;
  asOf: string;
  status: string;
  allocation: ChildTracker['allocation'];
  lastSeen: string | null;
  lastSeenAlone: string | null;
  latestReview: string | null;
  referralsInLast12Months: number;
  placementsInLast12Months: number;
  openClocks: ClockRow[];
  stoppedClocks: ClockRow[];
  timeline: TimelineEntry[];
}

const FINAL_STATES = new Set(['met', 'late', 'cancelled', 'lapsed']);

/** Calendar days to or past the due date on asOf, as the overdue list counts them (asOf − due date). */
export function remainingText(clock: Pick<TrackedClock, 'state' | 'dueOn'>, asOf: string): string {
  if (FINAL_STATES.has(clock.state)) return '';
  const days = calendarDaysBetween(asOf, clock.dueOn);
  if (days < 0) return `${-days} ${-days === 1 ? 'day' : 'days'} overdue`;
  if (days === 0) return 'due today';
  return `${days} ${days === 1 ? 'day' : 'days'} left`;
}

/**
 * The working behind a stored due date, exactly as `csc timescales due` gives it: the rule's limit
 * step whose due date from the clock's start, in the clock's convention, is the stored due date.
 */
export function explainClock(clock: TrackedClock, standards: LocalStandards): ClockRow['explanation'] {
  const rule = findRule(buildRuleTable(standards), clock.rule);
  const convention = clock.convention === 'day0' || clock.convention === 'day1' ? clock.convention : undefined;
  const from = rule.limit.unit === 'hours' && clock.dueAt ? undefined : clock.startedOn;
  if (!from) return { unavailable: `${clock.rule} is counted in hours from the moment the clock started; the due time is ${clock.dueAt}.` };
  for (const step of rule.limits) {
    try {
      const explanation = explainDueDate({ rule: clock.rule, from, convention, standards, step: step.id });
      if (explanation.dueOn === clock.dueOn) return explanation;
    } catch (error) {
      if (!(error instanceof TimescaleError)) throw error;
    }
  }
  return {
    unavailable: `The due date was worked out from a date other than the clock's start (${clock.startedOn}), for example the expected date of birth or a rescheduled date; run csc timescales due --rule ${clock.rule} with that date to see the working.`,
  };
}

export function childTrackerView(tracker: ChildTracker, workers: readonly AllocationPeriod[], standards: LocalStandards): ChildTrackerView {
  const table = buildRuleTable(standards);
  const rows = tracker.clocks.map((clock): ClockRow => {
    const rule = findRule(table, clock.rule);
    return {
      rule: clock.rule,
      ruleName: rule.name,
      purpose: rule.description,
      anchor: clock.anchor,
      startedOn: clock.startedOn,
      dueOn: clock.dueOn,
      stoppedOn: clock.stoppedOn,
      state: clock.state,
      remaining: remainingText(clock, tracker.asOf),
      explanation: explainClock(clock, standards),
    };
  });
  const byDue = (a: ClockRow, b: ClockRow) => a.dueOn.localeCompare(b.dueOn) || a.rule.localeCompare(b.rule);
  return {
    childId: tracker.childId,
    asOf: tracker.asOf,
    status: tracker.status,
    allocation: tracker.allocation,
    lastSeen: tracker.lastSeen,
    lastSeenAlone: tracker.lastSeenAlone,
    latestReview: tracker.latestReview,
    referralsInLast12Months: tracker.referralsInLast12Months,
    placementsInLast12Months: tracker.placementsInLast12Months,
    openClocks: rows.filter((row) => !FINAL_STATES.has(row.state)).sort(byDue),
    stoppedClocks: rows.filter((row) => FINAL_STATES.has(row.state)).sort(byDue),
    timeline: timelineOf(tracker, rows, workers),
  };
}

/** The case's dated facts the tracker knows, newest first: clocks started and stopped, workers, visits. */
export function timelineOf(tracker: ChildTracker, rows: readonly ClockRow[], workers: readonly AllocationPeriod[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const row of rows) {
    entries.push({ date: row.startedOn, text: `${row.rule} ${row.ruleName}: clock started, due ${row.dueOn}` });
    if (row.stoppedOn) entries.push({ date: row.stoppedOn, text: `${row.rule} ${row.ruleName}: ${row.state}` });
  }
  for (const period of workers) {
    if (period.from > tracker.asOf) continue;
    const why = period.reason === 'allocated' ? 'allocated' : `worker changed (reason ${period.reason})`;
    entries.push({ date: period.from, text: `${period.workerId} (team ${period.teamId}): ${why}` });
    if (period.to && period.to <= tracker.asOf && period.endedBy && period.endedBy !== 'SocialWorkerChanged') {
      entries.push({ date: period.to, text: `${period.workerId} no longer allocated (${period.endedBy})` });
    }
  }
  if (tracker.lastSeen) entries.push({ date: tracker.lastSeen, text: 'Last seen' });
  if (tracker.lastSeenAlone) entries.push({ date: tracker.lastSeenAlone, text: 'Last seen alone' });
  return entries.filter((entry) => entry.date <= tracker.asOf).sort((a, b) => b.date.localeCompare(a.date) || a.text.localeCompare(b.text));
}
