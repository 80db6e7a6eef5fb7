import type { EpochDay } from '../calendar/calendar-date';
import type { ClockAnchor, RuleId } from '../rules/timescale-rule';
import type { ClockDraft, ClockStop } from './clock';
import { type ClockContext, dueDayOf, limitStepOf } from './clock-context';
import type { ContextEnd } from './context-ends';
import type { TimelineEvent } from './timescale-event';

/** Work done on the day the context ended still counts as done: completion wins a same-day tie. */
export function resolveStop(completion: TimelineEvent | undefined, end: ContextEnd | undefined): ClockStop | undefined {
  if (completion && (!end || completion.day <= end.day)) {
    return { event: completion, day: completion.day, instant: completion.instant, reason: 'completed' };
  }
  if (!end) return undefined;
  const instant = end.day === end.event.day ? end.event.instant : undefined;
  return { event: end.event, day: end.day, instant, reason: end.reason };
}

export interface SingleClockSpec {
  readonly rule: RuleId;
  readonly anchor?: ClockAnchor;
  readonly subjectId: string;
  readonly start: TimelineEvent;
  readonly completion?: TimelineEvent;
  readonly end?: ContextEnd;
  /** For due dates not counted from the start (T10's hours, T12's gestation week). */
  readonly due?: { readonly day: EpochDay; readonly instant?: number };
}

export function singleClock(context: ClockContext, spec: SingleClockSpec): ClockDraft {
  const step = limitStepOf(context, spec.rule);
  const dueDay = spec.due?.day ?? dueDayOf(context, spec.rule, spec.start.day, step.limit);
  return {
    rule: spec.rule,
    anchor: spec.anchor,
    subjectId: spec.subjectId,
    limitStep: step.id,
    limit: step.limit,
    start: spec.start,
    dueDay,
    dueInstant: spec.due?.instant,
    stop: resolveStop(spec.completion, spec.end),
  };
}

export interface ChainSpec {
  readonly rule: RuleId;
  readonly subjectId: string;
  readonly start: TimelineEvent;
  /** Events that may stop a clock of the chain (reviews, seen visits...), in timeline order. */
  readonly candidates: readonly TimelineEvent[];
  readonly end?: ContextEnd;
  /** The chain starts at an event of the same kind as its stops (T9: a health assessment), so same-day repeats are duplicates. */
  readonly startIsStop?: boolean;
  /** Which limit step applies to the clock with this sequence number starting on this day. */
  readonly stepFor: (sequence: number, startDay: EpochDay) => string;
}

// The first candidate on or after the clock's start day; a second review or visit on the same day as the one
// that started the clock is a duplicate, not the next one.
function nextStop(spec: ChainSpec, from: number, clockStart: TimelineEvent, startedByStop: boolean): number {
  for (let i = from; i < spec.candidates.length; i += 1) {
    const candidate = spec.candidates[i];
    if (candidate === clockStart || candidate.day < clockStart.day) continue;
    if (startedByStop && candidate.day === clockStart.day) continue;
    return spec.end && candidate.day > spec.end.day ? -1 : i;
  }
  return -1;
}

/**
 * A chain of clocks: each stopping event ends the open clock and starts the next from its actual date (a late
 * review moves the next due date). When the context ends the open clock ends with it, and no new clock starts.
 */
export function chainClocks(context: ClockContext, spec: ChainSpec): ClockDraft[] {
  const drafts: ClockDraft[] = [];
  let clockStart = spec.start;
  let startedByStop = spec.startIsStop === true;
  let cursor = 0;
  for (let sequence = 1; ; sequence += 1) {
    const step = limitStepOf(context, spec.rule, spec.stepFor(sequence, clockStart.day));
    const dueDay = dueDayOf(context, spec.rule, clockStart.day, step.limit);
    const at = nextStop(spec, cursor, clockStart, startedByStop);
    const stopEvent = at === -1 ? undefined : spec.candidates[at];
    const stop = stopEvent ? resolveStop(stopEvent, undefined) : resolveStop(undefined, spec.end);
    drafts.push({ rule: spec.rule, subjectId: spec.subjectId, sequence, limitStep: step.id, limit: step.limit, start: clockStart, dueDay, stop });
    if (!stopEvent) return drafts;
    if (spec.end && spec.end.day <= stopEvent.day) return drafts;
    clockStart = stopEvent;
    startedByStop = true;
    cursor = at + 1;
  }
}
