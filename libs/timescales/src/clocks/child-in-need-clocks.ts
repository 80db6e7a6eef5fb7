import type { ClockDraft } from './clock';
import { chainClocks } from './clock-builders';
import type { ClockContext } from './clock-context';
import { planEnd } from './context-ends';

/** T13: the review chain of every child in need plan, at the local interval. */
export function childInNeedClocks(context: ClockContext): ClockDraft[] {
  const { timeline } = context;
  return timeline.plans
    .filter((plan) => plan.planType === 'CIN')
    .flatMap((plan) =>
      chainClocks(context, {
        rule: 'T13',
        subjectId: plan.planId,
        start: plan.start,
        candidates: plan.reviews,
        end: planEnd(timeline, plan),
        stepFor: () => 'review',
      }),
    );
}
