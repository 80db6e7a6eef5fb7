// Children in need: the CIN plan, reviewed every few months (T13) and visited, until it ends: closure, care (s20) or
// a transfer to another authority.
import { maybeTransfer } from './case-allocation';
import { endPlan, scheduleClosure } from './case-closure';
import type { ChildRecord } from './child-record';
import { enterCare } from './looked-after-journey';
import { nextWithinDays } from './punctual-intervals';
import { eighteenthBirthday } from './safeguarding-journey';
import type { SimulationContext } from './simulation-context';
import { NO_DAY } from './simulation-calendar';

/** A CIN plan from today; `fromAssessment` marks the move from the assessment team, which may change the worker. */
export function startCinPlan(context: SimulationContext, child: ChildRecord, day: number, fromAssessment: boolean, length?: number): void {
  const { random, config, choices, ids, write } = context;
  child.tPlanStart = NO_DAY;
  child.cinPlan = ++ids.plan;
  write.child(child, 'PlanStarted', day, { planId: `P${child.cinPlan}`, planType: 'CIN' });
  child.phase = 'child-in-need';
  child.reviews = 0;
  const durations = child.primaryNeed === 'N2' ? choices.cinDisabilityPlanDays : choices.cinPlanDays;
  child.tEnd = Math.min(day + (length ?? durations.draw(random)), eighteenthBirthday(child) - 1);
  child.tReview = nextWithinDays(context, day, Math.round(config.childInNeed.reviewMonths * 30.44), config.childInNeed.reviews);
  child.tVisit = nextWithinDays(context, day, config.childInNeed.visitDays, config.childInNeed.visits);
  if (fromAssessment) maybeTransfer(context, child, day, config.continuity.transferAtPlanShare);
}

export function endChildInNeed(context: SimulationContext, child: ChildRecord, day: number): void {
  const { random, config } = context;
  const { intoCare, transferOut } = config.childInNeed.endings;
  const u = random.next();
  const adult = child.ageInYears(day) >= 17.5;
  if (!adult && child.born && u < intoCare) return enterCare(context, child, day, 'planned');
  endPlan(context, child, day, child.cinPlan, 'Plan completed');
  child.cinPlan = 0;
  child.tReview = child.tVisit = child.tEnd = NO_DAY;
  const reason = u < intoCare + transferOut ? 'RC5' : adult && child.disabled ? 'RC6' : 'RC7';
  scheduleClosure(child, day, reason);
}
