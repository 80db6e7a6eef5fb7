import { londonDayOfInstant } from '../calendar/london-time';
import { dueDayAfter } from '../rules/limit';
import type { ClockDraft } from './clock';
import { singleClock } from './clock-builders';
import { type ClockContext, limitStepOf, ruleOf } from './clock-context';
import { closureAfter } from './context-ends';
import { firstById } from './timescale-event';

const MS_PER_HOUR = 3_600_000;

/**
 * T10: 72 elapsed hours from the moment of return; due at that instant, on its London date. A return recorded
 * with a date only is judged by date, as if the child returned at the end of that day.
 */
export function missingEpisodeClocks(context: ClockContext): ClockDraft[] {
  const { timeline } = context;
  const { limit } = limitStepOf(context, 'T10');
  const interviews = firstById(timeline.ofType('ReturnHomeInterviewCompleted'), 'missingEpisodeId');
  return [...firstById(timeline.ofType('MissingEpisodeEnded'), 'missingEpisodeId')].map(([missingEpisodeId, returned]) => {
    const dueInstant = returned.instant === undefined ? undefined : returned.instant + limit.amount * MS_PER_HOUR;
    const dueDay =
      dueInstant === undefined ? dueDayAfter(returned.day, limit, ruleOf(context, 'T10').convention, context.calendar) : londonDayOfInstant(dueInstant);
    return singleClock(context, {
      rule: 'T10',
      subjectId: missingEpisodeId,
      start: returned,
      completion: interviews.get(missingEpisodeId),
      end: closureAfter(timeline, returned),
      due: { day: dueDay, instant: dueInstant },
    });
  });
}
