// Statutory visits and plan reviews, at the interval the child's plan sets: CP visits every 10 working days (T7) and
// review conferences 3 then 6-monthly (T4); CIN visits and reviews (T13, local); looked-after visits (T6: within a
// week of each placement, then 6-weekly, 3-monthly in a long-term placement after its first year) and reviews (T5).
import type { ChildRecord } from './child-record';
import { nextWithinDays, nextWithinWorkingDays } from './punctual-intervals';
import { sendsRecurring, type SimulationContext } from './simulation-context';
import { NO_DAY } from './simulation-calendar';

export function makeVisit(context: SimulationContext, child: ChildRecord, day: number): void {
  const { random, config, write, ids, calendar } = context;
  const seen = child.born && random.chance(0.96);
  const seenAlone = seen && child.ageInYears(day) >= 4 && random.chance(0.65);
  // The child was not seen: the worker goes back within days; the clock runs from the last time they were seen.
  child.tVisit = !seen && child.born ? calendar.addWorkingDays(day, random.intBetween(1, 3)) : nextVisitDay(context, child, day);
  if (!sendsRecurring(context, day, child.tVisit)) return;
  write.child(child, 'StatutoryVisitMade', day, { visitId: `V${++ids.visit}`, seen, seenAlone }, 'leaf');
  if (!context.backfill && random.chance(config.recording.mistakenVisitShare)) {
    write.child(child, 'StatutoryVisitMade', day, { visitId: `V${++ids.visit}`, seen, seenAlone }, 'mistaken');
  }
}

function nextVisitDay(context: SimulationContext, child: ChildRecord, day: number): number {
  const { config } = context;
  switch (child.phase) {
    case 'child-protection':
      return nextWithinWorkingDays(context, day, 10, config.safeguarding.visits);
    case 'child-in-need':
      return nextWithinDays(context, day, config.childInNeed.visitDays, config.childInNeed.visits);
    case 'looked-after': {
      const care = child.care!;
      const longTerm = care.placementLongTerm && day - care.placementStart >= 365;
      return nextWithinDays(context, day, longTerm ? 91 : 42, config.lookedAfter.visits);
    }
    default:
      return NO_DAY;
  }
}

export function holdReview(context: SimulationContext, child: ChildRecord, day: number): void {
  const { config } = context;
  const planId = child.phase === 'child-protection' ? child.cpPlan : child.phase === 'child-in-need' ? child.cinPlan : (child.care?.claPlan ?? 0);
  if (planId === 0) {
    // A looked-after review waits for the care plan it reviews.
    child.tReview = child.tPlanStart === NO_DAY ? NO_DAY : child.tPlanStart + 1;
    return;
  }
  child.reviews += 1;
  if (child.phase === 'child-protection') child.tReview = nextWithinDays(context, day, 182, config.safeguarding.reviews);
  else if (child.phase === 'child-in-need')
    child.tReview = nextWithinDays(context, day, Math.round(config.childInNeed.reviewMonths * 30.44), config.childInNeed.reviews);
  else child.tReview = nextWithinDays(context, day, child.reviews === 1 ? 91 : 182, config.lookedAfter.reviews);
  if (sendsRecurring(context, day, child.tReview)) context.write.child(child, 'PlanReviewed', day, { planId: `P${planId}` }, 'leaf');
}
