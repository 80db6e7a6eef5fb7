import { type EpochDay, addMonthsToEpochDay } from '../calendar/calendar-date';
import type { CaseTimeline, PeriodRecord, PlacementRecord } from './case-timeline';
import type { ClockDraft } from './clock';
import { chainClocks, singleClock } from './clock-builders';
import type { ClockContext } from './clock-context';
import { type ContextEnd, contextEnded, earliestEnd, periodEnd } from './context-ends';
import type { TimelineEvent } from './timescale-event';

function reviewsOfCarePlans(timeline: CaseTimeline): TimelineEvent[] {
  return timeline.plans
    .filter((plan) => plan.planType === 'CLA')
    .flatMap((plan) => plan.reviews)
    .sort((a, b) => a.order - b.order);
}

// reg 28(2): the interval after a visit depends on when the visit was made: within the placement's first year
// 6 weeks; after it 3 months for a placement intended to last until 18, otherwise 6 weeks.
function visitStep(placement: PlacementRecord): (sequence: number, startDay: EpochDay) => string {
  const firstAnniversary = addMonthsToEpochDay(placement.start.day, 12);
  return (sequence, startDay) => {
    if (sequence === 1) return 'first-visit';
    if (startDay < firstAnniversary) return 'first-year';
    return placement.longTerm ? 'long-term' : 'not-long-term';
  };
}

function visitClocks(context: ClockContext, period: PeriodRecord, end: ContextEnd | undefined): ClockDraft[] {
  return period.placements.flatMap((placement, index) => {
    const next = period.placements[index + 1];
    return chainClocks(context, {
      rule: 'T6',
      subjectId: placement.placementId,
      start: placement.start,
      candidates: context.timeline.seenVisits,
      end: earliestEnd(contextEnded(next?.start), end),
      stepFor: visitStep(placement),
    });
  });
}

// A care plan already in place when the period starts (prepared before the placement) meets T11; a plan from
// an earlier period of care does not.
function carePlanFor(timeline: CaseTimeline, period: PeriodRecord, index: number): TimelineEvent | undefined {
  const previousEnd = index > 0 ? (timeline.periods[index - 1].end?.day ?? -Infinity) : -Infinity;
  const plan = timeline.plans.find(
    (candidate) =>
      candidate.planType === 'CLA' &&
      candidate.start.day > previousEnd &&
      (candidate.start.day >= period.start.day || !candidate.end || candidate.end.day >= period.start.day),
  );
  return plan?.start;
}

/** T5 review chain, T6 visit chains (one per placement) and T11 care plan, for every period of care. */
export function lookedAfterClocks(context: ClockContext): ClockDraft[] {
  const { timeline } = context;
  const reviews = reviewsOfCarePlans(timeline);
  return timeline.periods.flatMap((period, index) => {
    const end = periodEnd(timeline, period);
    return [
      ...chainClocks(context, {
        rule: 'T5',
        subjectId: period.periodId,
        start: period.start,
        candidates: reviews,
        end,
        stepFor: (sequence) => (sequence === 1 ? 'first-review' : sequence === 2 ? 'second-review' : 'later-reviews'),
      }),
      ...visitClocks(context, period, end),
      singleClock(context, { rule: 'T11', subjectId: period.periodId, start: period.start, completion: carePlanFor(timeline, period, index), end }),
    ];
  });
}
