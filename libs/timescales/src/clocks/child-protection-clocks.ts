import type { CaseTimeline, PlanRecord } from './case-timeline';
import type { ClockDraft } from './clock';
import { chainClocks, singleClock } from './clock-builders';
import type { ClockContext } from './clock-context';
import { closureAfter, earliestEnd, notRequired, planEnd } from './context-ends';
import { type TimelineEvent, firstById, optionalTextField } from './timescale-event';

const CONFERENCES = new Set(['InitialChildProtectionConferenceHeld', 'PreBirthConferenceHeld']);

function conferences(timeline: CaseTimeline): TimelineEvent[] {
  return timeline.events.filter((event) => CONFERENCES.has(event.type));
}

// A conference naming this s47 stops it; one naming none (or a pre-birth conference) stops every T3 clock open on its date.
function conferenceFor(all: readonly TimelineEvent[], section47Id: string, start: TimelineEvent): TimelineEvent | undefined {
  return all.find((conference) => {
    const named = conference.type === 'InitialChildProtectionConferenceHeld' ? optionalTextField(conference, 'section47Id') : undefined;
    return named === undefined ? conference.day >= start.day : named === section47Id;
  });
}

/** T3 from both labelled anchors (the strategy discussion that started the s47 and the s47 start: the same date). */
function conferenceClocks(context: ClockContext): ClockDraft[] {
  const { timeline } = context;
  const held = conferences(timeline);
  const noConferenceNeeded = firstById(
    timeline.ofType('Section47EnquiryCompleted').filter((completed) => completed.data.icpcRequired === false),
    'section47Id',
  );
  const starts = timeline.ofType('StrategyDiscussionHeld').filter((discussion) => discussion.data.section47Started === true);
  const drafts: ClockDraft[] = [];
  for (const [section47Id, start] of firstById(starts, 'section47Id')) {
    const end = earliestEnd(notRequired(noConferenceNeeded.get(section47Id)), closureAfter(timeline, start));
    const completion = conferenceFor(held, section47Id, start);
    for (const anchor of ['strategy-discussion', 'section47-start'] as const) {
      drafts.push(singleClock(context, { rule: 'T3', anchor, subjectId: section47Id, start, completion, end }));
    }
  }
  return drafts;
}

// The conference that made the plan: the latest with planRequired on or before the plan start, not used by
// another plan, with no case closure in between.
function conferenceThatMade(timeline: CaseTimeline, plan: PlanRecord, used: Set<TimelineEvent>): TimelineEvent | undefined {
  const candidates = conferences(timeline).filter(
    (conference) =>
      conference.data.planRequired === true &&
      conference.day <= plan.start.day &&
      !used.has(conference) &&
      !timeline.closures.some((closure) => closure.order > conference.order && closure.order < plan.start.order),
  );
  return candidates.at(-1);
}

/** T4 review chain and T7 visit chain for every child protection plan. */
function protectionPlanClocks(context: ClockContext): ClockDraft[] {
  const { timeline } = context;
  const used = new Set<TimelineEvent>();
  const drafts: ClockDraft[] = [];
  for (const plan of timeline.plans.filter((candidate) => candidate.planType === 'CP')) {
    const conference = conferenceThatMade(timeline, plan, used);
    if (conference) used.add(conference);
    const end = planEnd(timeline, plan);
    drafts.push(
      ...chainClocks(context, {
        rule: 'T4',
        subjectId: plan.planId,
        start: conference ?? plan.start,
        candidates: plan.reviews,
        end,
        stepFor: (sequence) => (sequence === 1 ? 'first-review' : 'later-reviews'),
      }),
      ...chainClocks(context, {
        rule: 'T7',
        subjectId: plan.planId,
        start: plan.start,
        candidates: timeline.seenVisits,
        end,
        stepFor: () => 'visit',
      }),
    );
  }
  return drafts;
}

export function childProtectionClocks(context: ClockContext): ClockDraft[] {
  return [...conferenceClocks(context), ...protectionPlanClocks(context)];
}
