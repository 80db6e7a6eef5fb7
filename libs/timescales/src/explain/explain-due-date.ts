import { type EpochDay, type IsoDate, type WeekdayName, WEEKDAY_NAMES, formatIsoDate, partsOfEpochDay, weekdayOfEpochDay } from '../calendar/calendar-date';
import { type CountingConvention, COUNTING_CONVENTION_MEANING, startDayCounts } from '../calendar/counting-convention';
import { ENGLAND_AND_WALES_CALENDAR } from '../calendar/england-and-wales-calendar';
import { type Moment, formatInstant, formatLondonDateTime, londonDayOfInstant, parseMoment } from '../calendar/london-time';
import { type WorkingDayCalendar, describeNonWorkingReason } from '../calendar/working-day-calendar';
import { DEFAULT_LOCAL_STANDARDS, type LocalStandards } from '../local-standards/local-standards';
import { GESTATION_WEEKS_AT_EXPECTED_BIRTH, type Limit, conventionApplies, describeLimit, dueDayAfter, gestationWeekDay } from '../rules/limit';
import { RULE_TABLE_VERSION, buildRuleTable, findRule } from '../rules/rule-table';
import type { LimitStep, RuleId, TimescaleRule } from '../rules/timescale-rule';
import { TimescaleError } from '../timescale-error';
import { longDate } from './date-text';

export interface ExplainDueDateRequest {
  readonly rule: string;
  /** The start date (or, for T10, the moment of return; for T12, the expected date of birth). */
  readonly from: string;
  /** Overrides the rule's convention for this question only. */
  readonly convention?: CountingConvention;
  readonly standards?: LocalStandards;
  /** Which limit of a chained rule (e.g. 'second-review'); the first when omitted. */
  readonly step?: string;
  readonly calendar?: WorkingDayCalendar;
}

/** One day between the start and the due date, and whether it was counted. */
export interface CountedDay {
  readonly date: IsoDate;
  readonly weekday: WeekdayName;
  readonly counted: boolean;
  /** The working-day number this day is, when counted. */
  readonly dayNumber?: number;
  readonly note?: string;
}

export interface DueDateExplanation {
  readonly rule: RuleId;
  readonly ruleName: string;
  readonly step: LimitStep;
  readonly from: IsoDate;
  readonly fromAt?: string;
  readonly convention: CountingConvention;
  readonly conventionSource: TimescaleRule['conventionSource'] | 'request';
  /** False when the limit is in weeks, months, hours or a gestation week: the convention changes nothing. */
  readonly conventionApplies: boolean;
  readonly dueOn: IsoDate;
  readonly dueAt?: string;
  /** Plain sentences: how the due date was reached. */
  readonly method: readonly string[];
  /** For working-day limits: every day from the start to the due date, counted or skipped and why. */
  readonly working: readonly CountedDay[];
  readonly ruleVersion: string;
  readonly calendarVersion: string;
  readonly standardsVersion: string;
}

function countedDays(calendar: WorkingDayCalendar, start: EpochDay, due: EpochDay, convention: CountingConvention): CountedDay[] {
  const days: CountedDay[] = [];
  let number = 0;
  for (let day = start; day <= due; day += 1) {
    const base = { date: formatIsoDate(day), weekday: WEEKDAY_NAMES[weekdayOfEpochDay(day)] };
    const reason = calendar.nonWorkingReasonOfEpochDay(day);
    if (day === start) {
      const counts = startDayCounts(calendar, start, convention);
      if (counts) number = 1;
      const note = reason
        ? `start day, not a working day (${describeNonWorkingReason(reason)}): the next working day is day 1`
        : counts
          ? 'start day: day 1 (day1)'
          : 'start day: day 0 (day0)';
      days.push({ ...base, counted: counts, ...(counts && { dayNumber: 1 }), note });
    } else if (reason) {
      days.push({ ...base, counted: false, note: describeNonWorkingReason(reason) });
    } else {
      number += 1;
      days.push({ ...base, counted: true, dayNumber: number });
    }
  }
  return days;
}

function workingDayMethod(calendar: WorkingDayCalendar, limit: Limit, start: EpochDay, due: EpochDay, convention: CountingConvention): string[] {
  let weekends = 0;
  const holidays: string[] = [];
  for (let day = start + 1; day <= due; day += 1) {
    const reason = calendar.nonWorkingReasonOfEpochDay(day);
    if (reason?.kind === 'weekend') weekends += 1;
    if (reason?.kind === 'bank-holiday') holidays.push(`${reason.name} (${formatIsoDate(day)})`);
  }
  return [
    `Convention ${convention}: ${COUNTING_CONVENTION_MEANING[convention]}.`,
    `Counting ${describeLimit(limit)} from ${longDate(start)}, working day ${limit.amount} is ${longDate(due)}.`,
    `Skipped: ${weekends} weekend day(s)${holidays.length ? ` and ${holidays.length} bank holiday(s): ${holidays.join(', ')}` : ''}.`,
  ];
}

function calendarMethod(limit: Limit, start: EpochDay, due: EpochDay, convention: CountingConvention): string[] {
  switch (limit.unit) {
    case 'calendar-days':
      return [
        `Convention ${convention}: ${COUNTING_CONVENTION_MEANING[convention]}.`,
        `${describeLimit(limit)} from ${longDate(start)}: ${longDate(due)}; every day counts.`,
      ];
    case 'weeks':
      return [
        `${describeLimit(limit)} after ${longDate(start)} is ${longDate(due)}: the same weekday; the counting convention does not change periods in weeks.`,
      ];
    default: {
      const wanted = partsOfEpochDay(start).day;
      const clamped = partsOfEpochDay(due).day !== wanted;
      return [
        `${describeLimit(limit)} after ${longDate(start)} is ${longDate(due)}: the same day of the month` +
          (clamped ? `, or the month's last day because that month has no day ${wanted}.` : '.'),
        'The counting convention does not change periods in months.',
      ];
    }
  }
}

function hoursExplanation(limit: Limit, from: Moment, calendar: WorkingDayCalendar, convention: CountingConvention) {
  if (from.instant === undefined) {
    const due = dueDayAfter(from.day, limit, convention, calendar);
    return {
      dueDay: due,
      method: [
        `${describeLimit(limit)} from a date without a time: judged by date, as if it started at the end of ${longDate(from.day)}: due by ${longDate(due)}.`,
      ],
    };
  }
  const dueInstant = from.instant + limit.amount * 3_600_000;
  const [start, end] = [formatLondonDateTime(from.instant), formatLondonDateTime(dueInstant)];
  const changed =
    start.slice(-3) !== end.slice(-3)
      ? ` The clocks changed in between (${start.slice(-3)} to ${end.slice(-3)}), so the wall clock moved by one hour more or less.`
      : '';
  const dueDay = londonDayOfInstant(dueInstant);
  return {
    dueDay,
    dueInstant,
    method: [
      `${describeLimit(limit)} of elapsed time (nights, weekends and bank holidays count) after ${start} is ${end} London time (${formatInstant(dueInstant)}).${changed}`,
    ],
  };
}

function dueAndMethod(limit: Limit, from: Moment, convention: CountingConvention, calendar: WorkingDayCalendar) {
  if (limit.unit === 'hours') return { ...hoursExplanation(limit, from, calendar, convention), working: [] as CountedDay[] };
  if (limit.unit === 'gestation-week') {
    const due = gestationWeekDay(from.day, limit.amount);
    const weeksBefore = GESTATION_WEEKS_AT_EXPECTED_BIRTH - limit.amount;
    const method = [
      `${limit.amount} weeks' gestation is ${weeksBefore} weeks before the expected date of birth (${GESTATION_WEEKS_AT_EXPECTED_BIRTH} weeks): ${longDate(from.day)} - ${7 * weeksBefore} days = ${longDate(due)}.`,
    ];
    return { dueDay: due, method, working: [] as CountedDay[] };
  }
  const due = dueDayAfter(from.day, limit, convention, calendar);
  if (limit.unit !== 'working-days') return { dueDay: due, method: calendarMethod(limit, from.day, due, convention), working: [] as CountedDay[] };
  const working = countedDays(calendar, from.day, due, convention);
  return { dueDay: due, method: workingDayMethod(calendar, limit, from.day, due, convention), working };
}

/** Computes a due date and everything a person needs to check it by hand. Rendering is separate. */
export function explainDueDate(request: ExplainDueDateRequest): DueDateExplanation {
  const standards = request.standards ?? DEFAULT_LOCAL_STANDARDS;
  const calendar = request.calendar ?? ENGLAND_AND_WALES_CALENDAR;
  const rule = findRule(buildRuleTable(standards), request.rule);
  const step = request.step === undefined ? rule.limits[0] : rule.limits.find((candidate) => candidate.id === request.step);
  if (!step) {
    throw new TimescaleError(
      'INVALID_ARGUMENT',
      `${rule.id} has no limit step ${JSON.stringify(request.step)}; its steps are ${rule.limits.map((s) => s.id).join(', ')}`,
      'step',
    );
  }
  const from = parseMoment(request.from, 'from');
  const convention = request.convention ?? rule.convention;
  const result = dueAndMethod(step.limit, from, convention, calendar);
  return {
    rule: rule.id,
    ruleName: rule.name,
    step,
    from: formatIsoDate(from.day),
    ...(from.instant !== undefined && step.limit.unit === 'hours' && { fromAt: formatInstant(from.instant) }),
    convention,
    conventionSource: request.convention ? 'request' : rule.conventionSource,
    conventionApplies: conventionApplies(step.limit.unit),
    dueOn: formatIsoDate(result.dueDay),
    ...('dueInstant' in result && result.dueInstant !== undefined && { dueAt: formatInstant(result.dueInstant) }),
    method: result.method,
    working: result.working,
    ruleVersion: RULE_TABLE_VERSION,
    calendarVersion: calendar.version,
    standardsVersion: standards.version,
  };
}
