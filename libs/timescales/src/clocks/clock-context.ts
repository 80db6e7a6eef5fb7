import type { EpochDay } from '../calendar/calendar-date';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { LocalStandards } from '../local-standards/local-standards';
import { type Limit, dueDayAfter } from '../rules/limit';
import type { LimitStep, RuleId, TimescaleRule } from '../rules/timescale-rule';
import { TimescaleError } from '../timescale-error';
import type { CaseTimeline } from './case-timeline';

/** What every clock builder needs: the child's timeline, the rules in force and the calendar. */
export interface ClockContext {
  readonly timeline: CaseTimeline;
  readonly calendar: WorkingDayCalendar;
  readonly standards: LocalStandards;
  readonly rules: ReadonlyMap<RuleId, TimescaleRule>;
}

export function ruleOf(context: ClockContext, rule: RuleId): TimescaleRule {
  const found = context.rules.get(rule);
  if (!found) throw new TimescaleError('UNKNOWN_RULE', `rule ${rule} is missing from the rule table`, 'rule');
  return found;
}

export function limitStepOf(context: ClockContext, rule: RuleId, stepId?: string): LimitStep {
  const steps = ruleOf(context, rule).limits;
  const step = stepId === undefined ? steps[0] : steps.find((candidate) => candidate.id === stepId);
  if (!step) throw new TimescaleError('UNKNOWN_RULE', `rule ${rule} has no limit step ${String(stepId)}`, 'step');
  return step;
}

export function dueDayOf(context: ClockContext, rule: RuleId, start: EpochDay, limit: Limit): EpochDay {
  return dueDayAfter(start, limit, ruleOf(context, rule).convention, context.calendar);
}
