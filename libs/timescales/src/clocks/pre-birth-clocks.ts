import { gestationWeekDay } from '../rules/limit';
import type { ClockDraft } from './clock';
import { singleClock } from './clock-builders';
import type { ClockContext } from './clock-context';
import { closureAfter, contextEnded, earliestEnd, notRequired } from './context-ends';
import { textField } from './timescale-event';

/**
 * T12: a section 47 enquiry about an unborn child starts the clock; the conference is due on the day the
 * pregnancy reaches the local gestation week, counted back from the expected date of birth (40+0). Only the
 * first such enquiry starts it (one pre-birth conference per pregnancy). Without an expected date of birth
 * there is no due date, so no clock.
 */
export function preBirthClocks(context: ClockContext): ClockDraft[] {
  const { timeline, standards } = context;
  const expected = timeline.expectedDateOfBirth;
  if (!expected) return [];
  const born = timeline.dateOfBirth;
  const start = timeline
    .ofType('StrategyDiscussionHeld')
    .find((discussion) => discussion.data.section47Started === true && (!born || discussion.day < born.day));
  if (!start) return [];
  const section47Id = textField(start, 'section47Id');
  const noConference = timeline
    .ofType('Section47EnquiryCompleted')
    .find((completed) => completed.data.icpcRequired === false && completed.data.section47Id === section47Id);
  const birth = born ? contextEnded(born.event, born.day) : undefined;
  return [
    singleClock(context, {
      rule: 'T12',
      subjectId: section47Id,
      start,
      completion: timeline.ofType('PreBirthConferenceHeld').find((conference) => conference.day >= start.day),
      end: earliestEnd(notRequired(noConference), birth, closureAfter(timeline, start)),
      due: { day: gestationWeekDay(expected.day, standards.preBirthConferenceGestationWeek) },
    }),
  ];
}
