// The front door and the assessment: a new child (or one coming back), the referral, the decision, the start of work,
// and the assessment's outcome: closure, short-term help, or a CIN plan.
import type { AssessmentFactor, Disability, ReferralDecision } from '@csc/contracts';
import { allocate } from './case-allocation';
import { scheduleClosure } from './case-closure';
import { ChildRecord, WorkRecord } from './child-record';
import { drawAgeDays } from './seeded-random';
import type { SimulationContext } from './simulation-context';
import { NO_DAY } from './simulation-calendar';
import { resolveSection47, startSection47 } from './safeguarding-journey';

/** A child the county has not seen before, with their details recorded on the day of the first referral. */
export function newChild(context: SimulationContext, day: number): ChildRecord {
  const { random, config } = context;
  const unborn = random.chance(config.frontDoor.unbornShare);
  const birthDay = unborn ? day + random.intBetween(56, 140) : day - drawAgeDays(random, config.frontDoor.ages);
  const child = createChild(context, day, birthDay, !unborn);
  if (unborn) child.tBirth = Math.max(day + 7, birthDay + random.intBetween(-14, 14));
  return child;
}

/** A child record, and ChildDetailsRecorded on `day`. */
export function createChild(context: SimulationContext, day: number, birthDay: number, born: boolean): ChildRecord {
  const { random, config, choices } = context;
  const seq = ++context.childCount;
  const child = new ChildRecord(
    `C${String(seq).padStart(6, '0')}`,
    random.int(config.workforce.areas.length),
    birthDay,
    born,
    random.chance(config.frontDoor.disabledShare),
  );
  child.gender = born ? choices.genders.draw(random) : 'U';
  child.ethnicity = choices.ethnicities.draw(random);
  recordDetails(context, child, day);
  return child;
}

function recordDetails(context: SimulationContext, child: ChildRecord, day: number): void {
  const { gender, ethnicity } = child;
  const disabilities = disabilitiesOf(context, child);
  if (child.born)
    context.write.child(child, 'ChildDetailsRecorded', day, { dateOfBirth: context.calendar.iso(child.birthDay), gender, ethnicity, disabilities });
  else context.write.child(child, 'ChildDetailsRecorded', day, { expectedDateOfBirth: context.calendar.iso(child.birthDay), gender, ethnicity, disabilities });
}

function disabilitiesOf(context: SimulationContext, child: ChildRecord): Disability[] {
  if (!child.disabled || !child.born) return ['NONE'];
  const first = context.choices.disabilities.draw(context.random);
  const second = context.random.chance(0.3) ? context.choices.disabilities.draw(context.random) : first;
  return second === first ? [first] : [first, second];
}

/** The birth of a child referred before birth: the date of birth is recorded on the day (or, found later, as it was). */
export function recordBirth(context: SimulationContext, child: ChildRecord, day: number, birthDay = day): void {
  child.tBirth = NO_DAY;
  child.born = true;
  child.birthDay = birthDay;
  child.gender = context.choices.genders.draw(context.random);
  recordDetails(context, child, day);
}

/** A referral (a first one, or a child coming back); some are preceded by a contact the same day. */
export function receiveReferral(context: SimulationContext, child: ChildRecord, day: number): void {
  const { write, ids, random, choices, config } = context;
  if (!child.born && child.birthDay <= day) recordBirth(context, child, day, child.birthDay);
  const source = choices.sources.draw(random);
  if (!context.backfill && random.chance(config.frontDoor.contactFirstShare))
    write.child(child, 'ContactReceived', day, { contactId: `CON-${++ids.contact}`, source });
  child.referral = ++ids.referral;
  child.referralDay = day;
  child.primaryNeed = child.disabled && random.chance(0.5) ? 'N2' : choices.needs.draw(random);
  write.child(child, 'ReferralReceived', day, { referralId: `R${child.referral}`, source, primaryNeed: child.primaryNeed });
  Object.assign(child, { phase: 'referred', assessmentAuthorised: false, section47Done: false, notInNeed: false });
  Object.assign(child, { icpcPending: false, conferenceHeld: false, emergencyCare: false, tRerefer: NO_DAY, work: new WorkRecord() });
  child.workRecord().tDecision = decisionDay(context, day);
}

function decisionDay(context: SimulationContext, day: number): number {
  const { random, calendar, config } = context;
  const u = random.next();
  const firstWorking = calendar.onOrAfterWorkingDay(day);
  if (u < config.frontDoor.decisionSameDayShare) return firstWorking;
  if (u < config.frontDoor.decisionWithinOneWorkingDayShare) return calendar.addWorkingDays(firstWorking, 1);
  return calendar.addWorkingDays(firstWorking, random.intBetween(2, 6));
}

/** The front door's decision: no further action and early help close; the others start work after a wait. */
export function decide(context: SimulationContext, child: ChildRecord, day: number): void {
  const { random, calendar, config } = context;
  const { noFurtherAction, earlyHelp, strategyDiscussion } = config.frontDoor.decisions;
  child.workRecord().tDecision = NO_DAY;
  const u = random.next();
  const decision: ReferralDecision =
    u < noFurtherAction
      ? 'no-further-action'
      : u < noFurtherAction + earlyHelp
        ? 'early-help'
        : u < noFurtherAction + earlyHelp + strategyDiscussion
          ? 'strategy-discussion'
          : 'assessment';
  writeDecision(context, child, day, decision);
  if (decision === 'no-further-action' || decision === 'early-help') return scheduleClosure(child, day, decision === 'early-help' ? 'RC9' : 'RC8');
  child.phase = 'waiting';
  child.route = decision === 'strategy-discussion' ? 'section47' : 'assessment';
  const median = config.assessment.startWaitMedianWorkingDays;
  const wait = child.route === 'section47' ? random.int(2) : median <= 0 ? 0 : Math.round(random.logNormal(median, 0.8));
  child.workRecord().tStart = calendar.addWorkingDays(day, wait);
}

export function writeDecision(context: SimulationContext, child: ChildRecord, day: number, decision: ReferralDecision): void {
  context.write.child(child, 'ReferralDecisionMade', day, { referralId: `R${child.referral}`, decision });
}

/** Allocation and the start of work: a strategy discussion or a child and family assessment. */
export function startWork(context: SimulationContext, child: ChildRecord, day: number): void {
  child.workRecord().tStart = NO_DAY;
  allocate(context, child, day);
  if (child.route === 'section47') return startSection47(context, child, day);
  child.phase = 'assessment';
  startAssessment(context, child, day);
}

export function startAssessment(context: SimulationContext, child: ChildRecord, day: number): void {
  const { random, choices, config, calendar } = context;
  child.workRecord().assessment = ++context.ids.assessment;
  child.assessmentAuthorised = false;
  context.write.child(child, 'AssessmentStarted', day, { assessmentId: `A${child.work!.assessment}`, referralId: `R${child.referral}` });
  const days = Math.max(1, Math.round(random.logNormal(config.assessment.medianDays, choices.assessmentSigma)));
  child.workRecord().tAuthorise = calendar.onOrAfterWorkingDay(day + days);
}

/** Authorisation: the outcome, then closure, help or a plan (after an s47, once the enquiry is done too). */
export function authorise(context: SimulationContext, child: ChildRecord, day: number): void {
  const { random, config } = context;
  child.workRecord().tAuthorise = NO_DAY;
  const drawsOutcome = child.phase === 'assessment' || (child.phase === 'section47' && !child.icpcPending && !child.conferenceHeld && !child.emergencyCare);
  const notInNeedShare = child.phase === 'assessment' ? config.assessment.notInNeedShare : config.assessment.notInNeedAfterSection47Share;
  child.notInNeed = drawsOutcome && child.primaryNeed !== 'N2' && random.chance(notInNeedShare);
  const factors = child.notInNeed ? notInNeedFactors(context) : inNeedFactors(context);
  context.write.child(child, 'AssessmentAuthorised', day, {
    assessmentId: `A${child.work!.assessment}`,
    outcome: child.notInNeed ? 'not-in-need' : 'child-in-need',
    factors,
  });
  child.assessmentAuthorised = true;
  if (child.phase === 'assessment') return afterAssessment(context, child, day);
  if (child.phase === 'section47' && child.section47Done) resolveSection47(context, child, day);
}

/** What follows an assessment: closure if not in need; else a CIN plan, or short-term help then closure. */
export function afterAssessment(context: SimulationContext, child: ChildRecord, day: number): void {
  const { random, calendar, config, choices } = context;
  if (child.notInNeed) return scheduleClosure(child, calendar.addWorkingDays(day, random.int(4)), random.chance(0.75) ? 'RC8' : 'RC9');
  child.phase = 'in-need';
  if (child.primaryNeed === 'N2' || random.chance(config.assessment.cinPlanShare)) {
    child.tPlanStart = calendar.addWorkingDays(day, random.intBetween(3, 15));
  } else {
    scheduleClosure(child, calendar.onOrAfterWorkingDay(day + choices.shortHelpDays.draw(random)), random.chance(0.7) ? 'RC7' : 'RC9');
  }
}

function notInNeedFactors(context: SimulationContext): AssessmentFactor[] {
  const factors = context.random.chance(0.5) ? [] : drawFactors(context, 0.4);
  return factors.length === 0 ? ['21'] : factors;
}

function inNeedFactors(context: SimulationContext): AssessmentFactor[] {
  const factors = drawFactors(context, 1);
  return factors.length === 0 ? ['20'] : factors;
}

/** Each factor with its chance (c3), scaled. */
function drawFactors(context: SimulationContext, scale: number): AssessmentFactor[] {
  const factors: AssessmentFactor[] = [];
  for (const [factor, chance] of context.choices.factors) if (context.random.chance(chance * scale)) factors.push(factor);
  return factors;
}
