// Closing a case: explicit ends of the plans still open, CaseClosed, and whether (and when) the child is referred again.
import type { ChildRecord } from './child-record';
import { clearCaseTimers } from './child-record';
import { releaseAtClosure } from './case-allocation';
import type { SimulationContext } from './simulation-context';
import { NO_DAY } from './simulation-calendar';

export type ClosureReason = ChildRecord['closeReason'];

/** Closes the case on `day` (the closure step runs when tClose falls due). */
export function scheduleClosure(child: ChildRecord, day: number, reason: ClosureReason): void {
  child.closeReason = reason;
  child.tClose = day;
}

export function endPlan(context: SimulationContext, child: ChildRecord, day: number, planId: number, reason: string): void {
  if (planId !== 0) context.write.child(child, 'PlanEnded', day, { planId: `P${planId}`, reason });
}

export function closeCase(context: SimulationContext, child: ChildRecord, day: number): void {
  endPlan(context, child, day, child.cinPlan, 'Case closed');
  endPlan(context, child, day, child.cpPlan, 'Case closed');
  if (child.care !== undefined) {
    endPlan(context, child, day, child.care.pathwayPlan, 'Case closed');
    child.care.pathwayPlan = child.care.claPlan = 0;
  }
  child.cinPlan = child.cpPlan = 0;
  context.write.child(child, 'CaseClosed', day, { reason: child.closeReason });
  releaseAtClosure(child);
  clearCaseTimers(child);
  child.phase = 'closed';
  scheduleReReferral(context, child, day);
}

/** Some closed cases come back: a referral after a lognormal delay, unless the child will be an adult by then. */
function scheduleReReferral(context: SimulationContext, child: ChildRecord, day: number): void {
  const { share, medianDays, sigma } = context.config.reReferral;
  child.tRerefer = NO_DAY;
  if (context.backfill || !context.random.chance(share)) return;
  const referralDay = day + 1 + Math.floor(context.random.logNormal(medianDays, sigma));
  if (child.ageInYears(referralDay) < 17.5 && referralDay < context.endDay) child.tRerefer = referralDay;
}
