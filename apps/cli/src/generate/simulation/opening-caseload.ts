// The county on its first day is not empty: children already looked after, on CP and CIN plans, being assessed, and
// recently closed children who will be referred again. Each gets the history a migration would send (the referral,
// decision, assessment, allocation, plan or period of care, placements and legal statuses, and the recent visits and
// reviews), dated before the start and written before the first live event. Lengths are drawn length-biased: the
// cases open on a given day are the longer ones.
import { allocateTo, resumeWorkerChanges } from './case-allocation';
import { closeCase, scheduleClosure } from './case-closure';
import { advanceChild } from './case-journey';
import type { ChildRecord } from './child-record';
import { startCinPlan } from './child-in-need-journey';
import { OCCURRED_ON_RANGE, type ReferralDecision } from '@csc/contracts';
import { createChild, receiveReferral, startAssessment, writeDecision } from './front-door-journey';
import { enterCare } from './looked-after-journey';
import { startCpPlan } from './safeguarding-journey';
import { drawAgeDays, type DurationDistribution } from './seeded-random';
import { requeue, type SimulationContext } from './simulation-context';
import { dayOfIsoDate, NO_DAY } from './simulation-calendar';

/**
 * The earliest day a piece of work open at the start may have begun: a year after the first date the contract
 * accepts, so its referral (at most 90 days before) and everything after it are dates the product can hold.
 */
const EARLIEST_OPEN_WORK_DAY = dayOfIsoDate(OCCURRED_ON_RANGE.from) + 365;

const YEAR = 365.25;

/** Writes the opening caseload, one child at a time (yielding after each, so the caller can pass the events on). */
export function* openCaseload(context: SimulationContext): Generator<void> {
  const { referralsPerYear, opening } = context.config;
  const count = (perReferral: number) => Math.round(referralsPerYear * perReferral);
  for (let i = count(opening.lookedAfterPerReferral); i > 0; i--) yield openLookedAfter(context);
  for (let i = count(opening.childProtectionPerReferral); i > 0; i--) yield openChildProtection(context);
  for (let i = count(opening.childInNeedPerReferral); i > 0; i--) yield openChildInNeed(context);
  for (let i = count(opening.assessmentPerReferral); i > 0; i--) yield openAssessment(context);
  yield* openReReferrals(context);
}

/** An ongoing piece of work: its total length (length-biased) and the days of it already run before the start. */
function ongoing(context: SimulationContext, lengths: DurationDistribution): { length: number; started: number } {
  const length = lengths.drawLengthBiased(context.random);
  return { length, started: Math.max(EARLIEST_OPEN_WORK_DAY, context.startDay - 1 - context.random.int(length)) };
}

/** A birthday for a child referred around `earliestEvent` at a referral age, so that they are under 17 on the start day. */
function birthDayFor(context: SimulationContext, earliestEvent: number): number {
  const age = drawAgeDays(context.random, context.config.frontDoor.ages);
  return Math.max(earliestEvent - age, context.startDay - Math.floor(17 * YEAR));
}

/** Details, the referral and the decision, `lead` days (at most) before `day`; allocated from then if a worker was in post. */
function referredBefore(
  context: SimulationContext,
  day: number,
  lead: [number, number],
  birthDay: number,
  decision: ReferralDecision,
  allocateBy = context.startDay - 1,
): ChildRecord {
  const { calendar, random, workforce } = context;
  const referralDay = Math.max(calendar.onOrBeforeWorkingDay(day - random.intBetween(lead[0], lead[1])), birthDay);
  const child = createChild(context, referralDay, birthDay, true);
  receiveReferral(context, child, referralDay);
  child.workRecord().tDecision = NO_DAY;
  writeDecision(context, child, referralDay, decision);
  const worker = decision === 'no-further-action' ? undefined : workforce.choose(child.area);
  const allocatedOn = Math.min(allocateBy, calendar.addWorkingDays(referralDay, 1));
  if (worker !== undefined && Math.max(allocatedOn, worker.joinDay) <= allocateBy) allocateTo(context, child, worker, allocatedOn);
  return child;
}

function finish(context: SimulationContext, child: ChildRecord): void {
  advanceChild(context, child, context.startDay - 1);
  resumeWorkerChanges(context, child);
  child.queuedDay = NO_DAY;
  requeue(context, child);
}

function openLookedAfter(context: SimulationContext): void {
  const { random, choices, config, calendar } = context;
  const { length, started } = ongoing(context, choices.careDays);
  const entryAge = drawAgeDays(random, config.lookedAfter.entryAges);
  const inCare = context.startDay - started;
  const age = entryAge + inCare < 17.5 * YEAR ? entryAge : random.int(Math.max(1, Math.floor(17.5 * YEAR) - inCare));
  const child = referredBefore(context, started, [10, 90], started - age, 'assessment');
  const assessed = Math.max(child.referralDay, Math.min(started, calendar.addWorkingDays(child.referralDay, 1)));
  startAssessment(context, child, assessed);
  child.workRecord().tAuthorise = Math.max(assessed, Math.min(child.work!.tAuthorise, started));
  enterCare(context, child, started, 'planned', length);
  finish(context, child);
}

function openChildProtection(context: SimulationContext): void {
  const { random, choices, calendar, write, ids } = context;
  const { length, started } = ongoing(context, choices.cpPlanDays);
  const conference = calendar.onOrBeforeWorkingDay(started);
  const child = referredBefore(context, conference, [12, 30], birthDayFor(context, conference - 30), 'strategy-discussion');
  const discussion = calendar.addWorkingDays(child.referralDay, random.int(2));
  child.workRecord().section47 = ++ids.section47;
  const strategyDiscussion = { strategyDiscussionId: `SD${++ids.strategyDiscussion}`, referralId: `R${child.referral}`, section47Started: true };
  write.child(child, 'StrategyDiscussionHeld', discussion, { ...strategyDiscussion, section47Id: `S47-${child.work!.section47}` });
  child.phase = 'section47';
  startAssessment(context, child, discussion);
  const completed = Math.min(conference, calendar.addWorkingDays(discussion, random.intBetween(5, 12)));
  write.child(child, 'Section47EnquiryCompleted', completed, { section47Id: `S47-${child.work!.section47}`, icpcRequired: true });
  child.section47Done = child.conferenceHeld = true;
  const categoryOfAbuse = choices.categories.draw(random);
  const conferenceId = `CONF-${++ids.conference}`;
  write.child(child, 'InitialChildProtectionConferenceHeld', conference, {
    conferenceId,
    section47Id: `S47-${child.work!.section47}`,
    planRequired: true,
    categoryOfAbuse,
  });
  startCpPlan(context, child, conference, categoryOfAbuse, length);
  finish(context, child);
}

function openChildInNeed(context: SimulationContext): void {
  const { random, choices, config, calendar } = context;
  const needs = Object.values(config.frontDoor.primaryNeeds).reduce((sum, weight) => sum + (weight ?? 0), 0);
  const disabilityShare = (config.frontDoor.primaryNeeds.N2 ?? 0) / needs;
  const disabled = choices.cinDisabilityPlanDays.meanDays * disabilityShare;
  const others = choices.cinPlanDays.meanDays * (1 - disabilityShare);
  const disability = random.chance(disabled / (disabled + others));
  const { length, started } = ongoing(context, disability ? choices.cinDisabilityPlanDays : choices.cinPlanDays);
  const planStart = calendar.onOrBeforeWorkingDay(started);
  const child = referredBefore(context, planStart, [20, 60], birthDayFor(context, planStart - 60), 'assessment');
  if (disability) child.primaryNeed = 'N2';
  startAssessment(context, child, calendar.addWorkingDays(child.referralDay, 1));
  child.workRecord().tAuthorise = NO_DAY;
  context.write.child(child, 'AssessmentAuthorised', planStart, { assessmentId: `A${child.work!.assessment}`, outcome: 'child-in-need', factors: ['20'] });
  child.assessmentAuthorised = true;
  startCinPlan(context, child, planStart, false, length);
  finish(context, child);
}

function openAssessment(context: SimulationContext): void {
  const { random, calendar, config, choices } = context;
  let days = 1;
  // Length-biased by rejection: an assessment open on the start day is likely a longer one.
  do days = Math.max(1, Math.round(random.logNormal(config.assessment.medianDays, choices.assessmentSigma)));
  while (!random.chance(Math.min(1, days / 200)));
  const started = calendar.onOrBeforeWorkingDay(Math.max(EARLIEST_OPEN_WORK_DAY, context.startDay - 1 - random.int(days)));
  const child = referredBefore(context, started, [0, 3], birthDayFor(context, started), 'assessment');
  child.phase = 'assessment';
  startAssessment(context, child, Math.max(started, child.referralDay));
  child.workRecord().tAuthorise = calendar.onOrAfterWorkingDay(Math.max(context.startDay, started + days));
  finish(context, child);
}

/**
 * Children closed in the two years before the start who come back after it (as the live re-referrals will): closed at
 * the front door, after an assessment, or after a CIN plan (so their last referral may be long before the closure).
 */
function* openReReferrals(context: SimulationContext): Generator<void> {
  const { random, config, startDay, endDay } = context;
  const horizon = 730;
  const { share, medianDays, sigma } = config.reReferral;
  for (let i = Math.round((config.referralsPerYear * share * horizon) / YEAR); i > 0; i--) {
    const closedOn = context.calendar.onOrBeforeWorkingDay(startDay - 1 - random.int(horizon));
    const returnsOn = closedOn + 1 + Math.floor(random.logNormal(medianDays, sigma));
    if (returnsOn < startDay || returnsOn >= endDay) continue;
    const u = random.next();
    const child = u < 0.25 ? closedAtFrontDoor(context, closedOn) : u < 0.65 ? closedAfterAssessment(context, closedOn) : closedAfterPlan(context, closedOn);
    closeCase(context, child, closedOn);
    if (child.ageInYears(returnsOn) < 17.5) child.tRerefer = returnsOn;
    finish(context, child);
    yield;
  }
}

function closedAtFrontDoor(context: SimulationContext, closedOn: number): ChildRecord {
  const child = referredBefore(context, closedOn, [0, 0], birthDayFor(context, closedOn), 'no-further-action', closedOn);
  scheduleClosure(child, closedOn, 'RC8');
  return child;
}

function closedAfterAssessment(context: SimulationContext, closedOn: number): ChildRecord {
  const child = referredBefore(context, closedOn, [10, 60], birthDayFor(context, closedOn - 60), 'assessment', closedOn);
  startAssessment(context, child, Math.min(closedOn, context.calendar.addWorkingDays(child.referralDay, 1)));
  child.workRecord().tAuthorise = NO_DAY;
  context.write.child(child, 'AssessmentAuthorised', closedOn, { assessmentId: `A${child.work!.assessment}`, outcome: 'not-in-need', factors: ['21'] });
  scheduleClosure(child, closedOn, 'RC8');
  return child;
}

function closedAfterPlan(context: SimulationContext, closedOn: number): ChildRecord {
  const { calendar, random, write } = context;
  const child = referredBefore(context, closedOn, [90, 540], birthDayFor(context, closedOn - 540), 'assessment', closedOn);
  const started = calendar.addWorkingDays(child.referralDay, 1);
  startAssessment(context, child, started);
  const planStart = calendar.addWorkingDays(started, random.intBetween(15, 40));
  child.workRecord().tAuthorise = NO_DAY;
  write.child(child, 'AssessmentAuthorised', planStart, { assessmentId: `A${child.work!.assessment}`, outcome: 'child-in-need', factors: ['20'] });
  startCinPlan(context, child, planStart, false, closedOn - planStart);
  child.tReview = child.tVisit = child.tEnd = NO_DAY;
  scheduleClosure(child, closedOn, 'RC7');
  return child;
}
