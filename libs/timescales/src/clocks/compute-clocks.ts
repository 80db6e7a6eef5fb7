import type { ChildEvent } from '@csc/contracts';
import { evolveChildCase, initialChildCaseState, type ChildCaseState } from '@csc/domain';
import { formatIsoDate } from '../calendar/calendar-date';
import { ENGLAND_AND_WALES_CALENDAR } from '../calendar/england-and-wales-calendar';
import { formatInstant, parseMoment } from '../calendar/london-time';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DEFAULT_LOCAL_STANDARDS, type LocalStandards } from '../local-standards/local-standards';
import { RULE_TABLE_VERSION, ruleMap } from '../rules/rule-table';
import { RULE_IDS } from '../rules/timescale-rule';
import { TimescaleError } from '../timescale-error';
import { buildCaseTimeline } from './case-timeline';
import { childInNeedClocks } from './child-in-need-clocks';
import { childProtectionClocks } from './child-protection-clocks';
import type { Clock, ClockDraft } from './clock';
import type { ClockContext } from './clock-context';
import { clockState } from './clock-state';
import { healthAssessmentClocks } from './health-assessment-clocks';
import { lookedAfterClocks } from './looked-after-clocks';
import { missingEpisodeClocks } from './missing-episode-clocks';
import { preBirthClocks } from './pre-birth-clocks';
import { referralClocks } from './referral-clocks';
import { type TimescaleEvent } from './timescale-event';

export interface ComputeClocksOptions {
  /** The date (YYYY-MM-DD) or moment the states are judged on; events that occurred after it are ignored. */
  readonly asOf: string;
  readonly standards?: LocalStandards;
  /** Another calendar version, e.g. to reproduce a result computed before a new bank holiday was announced. */
  readonly calendar?: WorkingDayCalendar;
}

const BUILDERS = [referralClocks, childProtectionClocks, preBirthClocks, lookedAfterClocks, healthAssessmentClocks, missingEpisodeClocks, childInNeedClocks];

// Built property by property (no conditional spreads): this runs for every clock of every child.
function finish(draft: ClockDraft, context: ClockContext, state: Clock['state']): Clock {
  const { stop, start } = draft;
  const timed = draft.dueInstant !== undefined;
  const clock: Record<string, unknown> = { rule: draft.rule };
  if (draft.anchor) clock.anchor = draft.anchor;
  clock.subjectId = draft.subjectId;
  if (draft.sequence !== undefined) clock.sequence = draft.sequence;
  clock.limitStep = draft.limitStep;
  clock.limit = draft.limit;
  clock.startedOn = formatIsoDate(start.day);
  if (timed && start.instant !== undefined) clock.startedAt = formatInstant(start.instant);
  clock.startEventId = start.eventId;
  clock.startEventType = start.type;
  clock.dueOn = formatIsoDate(draft.dueDay);
  if (timed) clock.dueAt = formatInstant(draft.dueInstant as number);
  if (stop) {
    clock.stoppedOn = formatIsoDate(stop.day);
    if (timed && stop.instant !== undefined) clock.stoppedAt = formatInstant(stop.instant);
    clock.stopEventId = stop.event.eventId;
    clock.stopEventType = stop.event.type;
    clock.stopReason = stop.reason;
  }
  clock.state = state;
  clock.convention = context.rules.get(draft.rule)?.convention ?? 'day1';
  clock.ruleVersion = RULE_TABLE_VERSION;
  clock.calendarVersion = context.calendar.version;
  clock.standardsVersion = context.standards.version;
  return clock as unknown as Clock;
}

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((id, index) => [id, index]));

/**
 * Every timescale clock of one child, judged on `asOf`, from its events: folded by the domain (which
 * alone says what the case is: retractions honoured, events by occurredAt date, same-day events in the
 * order they arrived), a repeated delivery of one event counted once. See clocksOfCase.
 */
export function computeClocks(events: readonly TimescaleEvent[], options: ComputeClocksOptions): Clock[] {
  return clocksOfCase(foldCase(events), options);
}

/**
 * Every timescale clock of a child's case as the domain folded it, judged on `asOf`; events after `asOf`
 * are left out. Clocks come out by rule (T1..T13); within a rule, by subject in the order its first clock
 * started, then along its chain.
 */
export function clocksOfCase(state: ChildCaseState, options: ComputeClocksOptions): Clock[] {
  const asOf = parseMoment(options.asOf, 'asOf');
  const standards = options.standards ?? DEFAULT_LOCAL_STANDARDS;
  const calendar = options.calendar ?? ENGLAND_AND_WALES_CALENDAR;
  const context: ClockContext = { timeline: buildCaseTimeline(state, asOf), calendar, standards, rules: ruleMap(standards) };
  const drafts = BUILDERS.flatMap((build) => build(context));
  // Stable: within a rule, the builders' order (by subject as it started, then along each chain) is kept.
  drafts.sort((a, b) => (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0));
  return drafts.map((draft) => finish(draft, context, clockState(draft, asOf, calendar, standards.dueSoonWorkingDays)));
}

function foldCase(events: readonly TimescaleEvent[]): ChildCaseState {
  const seen = new Set<string>();
  let state = initialChildCaseState;
  events.forEach((event, input) => {
    if (typeof event?.eventId !== 'string' || typeof event.type !== 'string' || typeof event.data !== 'object' || event.data === null) {
      throw new TimescaleError('INVALID_EVENT', `event at input position ${input} lacks an eventId, type or data object`, 'event');
    }
    if (seen.has(event.eventId)) return;
    seen.add(event.eventId);
    state = evolveChildCase(state, event as unknown as ChildEvent);
  });
  return state;
}
