import { type EpochDay, addMonthsToEpochDay } from '../calendar/calendar-date';
import type { ClockDraft } from './clock';
import { chainClocks, singleClock } from './clock-builders';
import type { ClockContext } from './clock-context';
import { periodEnd } from './context-ends';

// The age that sets the interval is the child's age on the day of the assessment that starts it. A child
// born on 29 February turns 5 on 28 February in a non-leap year (month-end clamping).
function reviewStep(context: ClockContext): (sequence: number, startDay: EpochDay) => string {
  const born = context.timeline.dateOfBirth;
  if (!born) return () => 'date-of-birth-unknown';
  const fifthBirthday = addMonthsToEpochDay(born.day, 60);
  return (_sequence, startDay) => (startDay < fifthBirthday ? 'under-5' : '5-or-over');
}

/** T8 (initial health assessment) and the T9 chain (each assessment to the next) for every period of care. */
export function healthAssessmentClocks(context: ClockContext): ClockDraft[] {
  const { timeline } = context;
  const assessments = timeline.ofType('HealthAssessmentCompleted');
  return timeline.periods.flatMap((period) => {
    const end = periodEnd(timeline, period);
    const first = assessments.find((assessment) => assessment.day >= period.start.day && (!end || assessment.day < end.day));
    const initial = assessments.find((assessment) => assessment.day >= period.start.day && assessment.data.assessmentType === 'initial');
    const drafts = [singleClock(context, { rule: 'T8', subjectId: period.periodId, start: period.start, completion: initial, end })];
    if (first) {
      drafts.push(
        ...chainClocks(context, {
          rule: 'T9',
          subjectId: period.periodId,
          start: first,
          candidates: assessments,
          end,
          startIsStop: true,
          stepFor: reviewStep(context),
        }),
      );
    }
    return drafts;
  });
}
