import type { ClockDraft } from './clock';
import { singleClock } from './clock-builders';
import type { ClockContext } from './clock-context';
import { closureAfter, earliestEnd, notRequired } from './context-ends';
import { type TimelineEvent, firstById, textField } from './timescale-event';

function assessmentsByReferral(context: ClockContext): Map<string, TimelineEvent[]> {
  const byReferral = new Map<string, TimelineEvent[]>();
  for (const started of firstById(context.timeline.ofType('AssessmentStarted'), 'assessmentId').values()) {
    const referralId = textField(started, 'referralId');
    const sameReferral = byReferral.get(referralId);
    if (sameReferral) sameReferral.push(started);
    else byReferral.set(referralId, [started]);
  }
  return byReferral;
}

function earliest(events: readonly (TimelineEvent | undefined)[]): TimelineEvent | undefined {
  return events.reduce<TimelineEvent | undefined>((first, event) => (event && (!first || event.order < first.order) ? event : first), undefined);
}

/** T1 (decision within 1 WD) and T2 from both anchors: the referral (guidance) and the assessment start (DfE). */
export function referralClocks(context: ClockContext): ClockDraft[] {
  const { timeline } = context;
  const decisions = firstById(timeline.ofType('ReferralDecisionMade'), 'referralId');
  const authorisations = firstById(timeline.ofType('AssessmentAuthorised'), 'assessmentId');
  const assessments = assessmentsByReferral(context);
  const drafts: ClockDraft[] = [];

  for (const [referralId, referral] of firstById(timeline.ofType('ReferralReceived'), 'referralId')) {
    const closure = closureAfter(timeline, referral);
    const decision = decisions.get(referralId);
    drafts.push(singleClock(context, { rule: 'T1', subjectId: referralId, start: referral, completion: decision, end: closure }));

    const itsAssessments = assessments.get(referralId) ?? [];
    const authorised = earliest(itsAssessments.map((started) => authorisations.get(textField(started, 'assessmentId'))));
    // No assessment is due when the decision was something else and none was started anyway.
    const noAssessment = decision && decision.data.decision !== 'assessment' && itsAssessments.length === 0 ? decision : undefined;
    drafts.push(
      singleClock(context, {
        rule: 'T2',
        anchor: 'referral',
        subjectId: referralId,
        start: referral,
        completion: authorised,
        end: earliestEnd(notRequired(noAssessment), closure),
      }),
    );
  }

  for (const [assessmentId, started] of firstById(timeline.ofType('AssessmentStarted'), 'assessmentId')) {
    drafts.push(
      singleClock(context, {
        rule: 'T2',
        anchor: 'assessment-start',
        subjectId: assessmentId,
        start: started,
        completion: authorisations.get(assessmentId),
        end: closureAfter(timeline, started),
      }),
    );
  }
  return drafts;
}
