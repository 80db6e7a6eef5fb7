// @csc/timescales: England and Wales working days, the timescale rules T1-T13, and each child's clocks.
// Pure: no IO beyond the bundled bank holiday data, no clock reads; the caller passes every date.

export { TimescaleError, type TimescaleErrorCode } from './timescale-error';

export { type IsoDate, type WeekdayName, isIsoDate, weekdayName, addCalendarDays, addWeeks, addMonths, calendarDaysBetween } from './calendar/calendar-date';
export { londonDateOf, addClockHours } from './calendar/london-time';
export { WorkingDayCalendar, type BankHoliday, type BankHolidayData, type NonWorkingReason, describeNonWorkingReason } from './calendar/working-day-calendar';
export { ENGLAND_AND_WALES_CALENDAR, CALENDAR_VERSION } from './calendar/england-and-wales-calendar';
export { type CountingConvention, COUNTING_CONVENTIONS, COUNTING_CONVENTION_MEANING, isCountingConvention } from './calendar/counting-convention';

export { type Limit, type LimitUnit, describeLimit } from './rules/limit';
export { RULE_IDS, type RuleId, type RuleStatus, type ClockAnchor, type LimitStep, type TimescaleRule, isRuleId } from './rules/timescale-rule';
export { RULE_TABLE_VERSION, buildRuleTable, findRule } from './rules/rule-table';

export { type LocalStandards, DEFAULT_LOCAL_STANDARDS } from './local-standards/local-standards';
export { parseLocalStandards, InvalidLocalStandards, type LocalStandardsIssue } from './local-standards/parse-local-standards';

export { type TimescaleEvent } from './clocks/timescale-event';
export { type Clock, type ClockState, type StopReason } from './clocks/clock';
export { clocksOfCase, computeClocks, type ComputeClocksOptions } from './clocks/compute-clocks';

export { describeRules } from './explain/describe-rules';
export { explainDueDate, type ExplainDueDateRequest, type DueDateExplanation, type CountedDay } from './explain/explain-due-date';
export { renderDueDateExplanation } from './explain/render-due-date-explanation';
