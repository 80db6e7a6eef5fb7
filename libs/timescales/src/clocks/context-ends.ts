import type { EpochDay } from '../calendar/calendar-date';
import type { CaseTimeline, PeriodRecord, PlanRecord } from './case-timeline';
import type { TimelineEvent } from './timescale-event';

/** An ending of a clock's context without its stopping event. */
export interface ContextEnd {
  readonly event: TimelineEvent;
  readonly day: EpochDay;
  readonly reason: 'not-required' | 'context-ended';
}

export function contextEnded(event: TimelineEvent | undefined, day = event?.day): ContextEnd | undefined {
  return event && day !== undefined ? { event, day, reason: 'context-ended' } : undefined;
}

export function notRequired(event: TimelineEvent | undefined): ContextEnd | undefined {
  return event ? { event, day: event.day, reason: 'not-required' } : undefined;
}

/** The earliest ending; on the same day 'not-required' is the more specific reason and wins. */
export function earliestEnd(...ends: (ContextEnd | undefined)[]): ContextEnd | undefined {
  let earliest: ContextEnd | undefined;
  for (const end of ends) {
    if (!end) continue;
    const better = !earliest || end.day < earliest.day || (end.day === earliest.day && end.reason === 'not-required');
    if (better) earliest = end;
  }
  return earliest;
}

/** The first case closure after an event on the timeline (a closure sorted before it belongs to an earlier episode). */
export function closureAfter(timeline: CaseTimeline, event: TimelineEvent): ContextEnd | undefined {
  return contextEnded(timeline.closures.find((closure) => closure.order > event.order));
}

/** A plan's clocks stop being due when the plan ends or the case closes. */
export function planEnd(timeline: CaseTimeline, plan: PlanRecord): ContextEnd | undefined {
  return earliestEnd(contextEnded(plan.end), closureAfter(timeline, plan.start));
}

/** A period of care's clocks stop being due when the child ceases to be looked after or the case closes. */
export function periodEnd(timeline: CaseTimeline, period: PeriodRecord): ContextEnd | undefined {
  return earliestEnd(contextEnded(period.end), closureAfter(timeline, period.start));
}
