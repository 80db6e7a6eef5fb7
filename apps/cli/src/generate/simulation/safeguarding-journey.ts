// Safeguarding: the strategy discussion that starts an s47 enquiry (its date is the s47 start), the enquiry's completion,
// the initial (or pre-birth) child protection conference, and the CP plan it makes, to its end.
import type { CategoryOfAbuse } from '@csc/contracts';
import { maybeTransfer } from './case-allocation';
import { endPlan, scheduleClosure } from './case-closure';
import type { ChildRecord } from './child-record';
import { startCinPlan } from './child-in-need-journey';
import { afterAssessment, startAssessment } from './front-door-journey';
import { enterCare } from './looked-after-journey';
import { nextWithinDays, nextWithinWorkingDays } from './punctual-intervals';
import type { SimulationContext } from './simulation-context';
import { NO_DAY } from './simulation-calendar';

export function startSection47(context: SimulationContext, child: ChildRecord, day: number): void {
  const { random, config, calendar, choices, ids, write } = context;
  const { safeguarding } = config;
  const strategyDiscussionId = `SD${++ids.strategyDiscussion}`;
  if (!random.chance(safeguarding.section47Share)) {
    write.child(child, 'StrategyDiscussionHeld', day, { strategyDiscussionId, referralId: `R${child.referral}`, section47Started: false });
    child.phase = 'assessment';
    return startAssessment(context, child, day);
  }
  child.workRecord().section47 = ++ids.section47;
  child.phase = 'section47';
  write.child(child, 'StrategyDiscussionHeld', day, {
    strategyDiscussionId,
    referralId: `R${child.referral}`,
    section47Started: true,
    section47Id: `S47-${child.work!.section47}`,
  });
  startAssessment(context, child, day);
  const enquiryDays = () => Math.max(2, Math.round(random.logNormal(safeguarding.section47MedianWorkingDays, 0.5)));
  if (child.born && random.chance(safeguarding.emergencyCareShare)) {
    child.emergencyCare = true;
    child.tEnd = day + random.int(3);
    child.workRecord().tSection47 = calendar.addWorkingDays(day, enquiryDays());
  } else if (random.chance(safeguarding.icpcShare)) {
    // k is the conference's working day counted the DfE way: the strategy discussion's day is day 1.
    const k = Math.max(2, Math.round(random.logNormal(safeguarding.icpcMedianWorkingDays, choices.icpcSigma)));
    child.icpcPending = true;
    child.workRecord().tConference = calendar.dueWithinWorkingDays(day, k);
    child.workRecord().tSection47 = calendar.addWorkingDays(day, Math.max(1, Math.floor((k - 1) * random.between(0.4, 0.9))));
  } else {
    child.workRecord().tSection47 = calendar.addWorkingDays(day, enquiryDays());
  }
}

export function completeSection47(context: SimulationContext, child: ChildRecord, day: number): void {
  child.workRecord().tSection47 = NO_DAY;
  child.section47Done = true;
  context.write.child(child, 'Section47EnquiryCompleted', day, { section47Id: `S47-${child.work!.section47}`, icpcRequired: child.icpcPending });
  if (child.phase === 'section47' && child.assessmentAuthorised && !child.icpcPending) resolveSection47(context, child, day);
}

/** After an s47 with no plan (and its assessment authorised): closure if not in need, else as after an assessment. */
export function resolveSection47(context: SimulationContext, child: ChildRecord, day: number): void {
  if (child.emergencyCare || child.icpcPending) return;
  afterAssessment(context, child, day);
}

/** The conference: an ICPC naming the enquiry, or a pre-birth conference for a child not yet born. */
export function holdConference(context: SimulationContext, child: ChildRecord, day: number): void {
  const { random, config, choices, ids, write } = context;
  child.workRecord().tConference = NO_DAY;
  child.icpcPending = false;
  child.conferenceHeld = true;
  const conferenceId = `CONF-${++ids.conference}`;
  const planRequired = random.chance(config.safeguarding.planShare);
  const category = planRequired ? choices.categories.draw(random) : undefined;
  const outcome = planRequired ? { planRequired: true, categoryOfAbuse: category } : { planRequired: false };
  if (child.born) write.child(child, 'InitialChildProtectionConferenceHeld', day, { conferenceId, section47Id: `S47-${child.work!.section47}`, ...outcome });
  else write.child(child, 'PreBirthConferenceHeld', day, { conferenceId, ...outcome });
  if (planRequired) return startCpPlan(context, child, day, category!);
  if (child.assessmentAuthorised) {
    child.notInNeed = false;
    afterAssessment(context, child, day);
  }
}

export function startCpPlan(context: SimulationContext, child: ChildRecord, day: number, categoryOfAbuse: CategoryOfAbuse, length?: number): void {
  const { random, config, choices, ids, write } = context;
  endPlan(context, child, day, child.cinPlan, 'Stepped up to a child protection plan');
  child.cinPlan = 0;
  child.cpPlan = ++ids.plan;
  write.child(child, 'PlanStarted', day, { planId: `P${child.cpPlan}`, planType: 'CP', categoryOfAbuse });
  child.phase = 'child-protection';
  child.reviews = 0;
  child.tPlanStart = NO_DAY;
  child.tClose = NO_DAY;
  child.tEnd = Math.min(day + (length ?? choices.cpPlanDays.draw(random)), eighteenthBirthday(child) - 1);
  child.tReview = nextWithinDays(context, day, 91, config.safeguarding.reviews);
  child.tVisit = nextWithinWorkingDays(context, day, 10, config.safeguarding.visits);
  maybeTransfer(context, child, day, config.continuity.transferAtPlanShare);
}

/** The end of a CP plan: stepped down to a CIN plan, into care, or closed. */
export function endChildProtection(context: SimulationContext, child: ChildRecord, day: number): void {
  const { random, config } = context;
  const { stepDownToCin, intoCare } = config.safeguarding.endings;
  const u = random.next();
  const adult = child.ageInYears(day) >= 17.5;
  if (!adult && child.born && u >= stepDownToCin && u < stepDownToCin + intoCare) return enterCare(context, child, day, 'planned');
  endPlan(context, child, day, child.cpPlan, 'No longer at risk of significant harm');
  child.cpPlan = 0;
  if (!adult && u < stepDownToCin) return startCinPlan(context, child, day, false);
  child.tReview = child.tVisit = child.tEnd = NO_DAY;
  scheduleClosure(child, day, adult && child.disabled ? 'RC6' : 'RC7');
}

export function eighteenthBirthday(child: ChildRecord): number {
  return child.birthDay + Math.round(18 * 365.25);
}
