// A child's journey, one due step at a time: every timer that falls due on a day runs, in an order that keeps each
// day's events causal (a birth before a conference, a plan before its review, a visit before a placement move).
import { workerTimer } from './case-allocation';
import { closeCase } from './case-closure';
import { nextTimer, type CareRecord, type ChildRecord } from './child-record';
import { endChildInNeed, startCinPlan } from './child-in-need-journey';
import { authorise, decide, receiveReferral, recordBirth, startWork } from './front-door-journey';
import { changeLegalStatus, changePlacement, completeHealthAssessment, missingEpisodeStep, returnHomeInterview } from './looked-after-changes';
import { ceaseCare, enterCare, startCarePlan, startPathwayPlan } from './looked-after-journey';
import { completeSection47, endChildProtection, holdConference } from './safeguarding-journey';
import { sendsHistory, type SimulationContext } from './simulation-context';
import { NO_DAY } from './simulation-calendar';
import { holdReview, makeVisit } from './visits-and-reviews';

/** Runs every step of the child due on or before `upTo`, in date order. */
export function advanceChild(context: SimulationContext, child: ChildRecord, upTo: number): void {
  let steps = 0;
  for (let day = nextTimer(child); day <= upTo; day = nextTimer(child)) {
    runStepsDue(context, child, day);
    if (++steps > 10_000)
      throw new Error(`Child ${child.id} is stuck on ${context.calendar.iso(day)} (phase ${child.phase}): a journey step did not move its timer`);
  }
}

function runStepsDue(context: SimulationContext, child: ChildRecord, day: number): void {
  if (child.tBirth <= day) recordBirth(context, child, day);
  const work = child.work;
  if (work !== undefined) {
    if (work.tDecision <= day) decide(context, child, day);
    if (work.tStart <= day) startWork(context, child, day);
    if (work.tSection47 <= day) completeSection47(context, child, day);
    if (work.tConference <= day) holdConference(context, child, day);
    if (work.tAuthorise <= day) authorise(context, child, day);
  }
  if (child.tPlanStart <= day) {
    if (child.phase === 'looked-after') startCarePlan(context, child, day);
    else startCinPlan(context, child, day, true);
  }
  if (child.care !== undefined) runCareStepsDue(context, child, child.care, day, 'before-visits');
  if (child.tVisit <= day) makeVisit(context, child, day);
  if (child.tReview <= day) holdReview(context, child, day);
  if (child.care !== undefined) runCareStepsDue(context, child, child.care, day, 'after-visits');
  if (child.tWorker <= day) workerTimer(context, child, day);
  if (child.tEnd <= day) endPhase(context, child, day);
  if (child.tClose <= day) {
    child.tClose = NO_DAY;
    if (child.phase !== 'closed') closeCase(context, child, day);
  }
  if (child.tRerefer <= day) {
    context.reReferralsToday += 1;
    receiveReferral(context, child, day);
  }
}

/** The looked-after steps: the pathway plan before the day's visit and review; moves and the rest after them. */
function runCareStepsDue(context: SimulationContext, child: ChildRecord, care: CareRecord, day: number, when: 'before-visits' | 'after-visits'): void {
  if (when === 'before-visits') {
    if (care.tPathway <= day) startPathwayPlan(context, child, day);
    return;
  }
  if (care.tHealth <= day) completeHealthAssessment(context, child, day);
  if (care.tPlacement <= day) changePlacement(context, child, day);
  if (care.tLegal <= day) changeLegalStatus(context, child, day);
  if (care.tMissing <= day) missingEpisodeStep(context, child, day, care.missingOpen || sendsHistory(context, day));
  if (care.tInterview <= day) returnHomeInterview(context, child, day);
}

function endPhase(context: SimulationContext, child: ChildRecord, day: number): void {
  child.tEnd = NO_DAY;
  if (child.phase === 'section47' && child.emergencyCare) enterCare(context, child, day, 'emergency');
  else if (child.phase === 'child-protection') endChildProtection(context, child, day);
  else if (child.phase === 'child-in-need') endChildInNeed(context, child, day);
  else if (child.phase === 'looked-after') ceaseCare(context, child, day);
}
