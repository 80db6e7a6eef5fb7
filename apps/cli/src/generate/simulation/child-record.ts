// One child's state in the simulation, kept small because England has half a million open at once: ids of pieces of
// work are numbers (formatted only when an event is written), dates are day numbers, yes/no facts and short codes
// are packed into two integers behind accessors, and the looked-after and front-door parts live in their own records
// while they are needed. Every "t..." field is a timer (NO_DAY when not set).
import { ETHNICITIES, GENDERS, PRIMARY_NEEDS, type Ethnicity, type Gender, type PrimaryNeed } from '@csc/contracts';
import type { CareRecord } from './care-record';
import { NO_DAY } from './simulation-calendar';
import type { WorkerRecord } from './worker-record';

export { CareRecord } from './care-record';

export const PHASES = ['referred', 'waiting', 'assessment', 'section47', 'in-need', 'child-in-need', 'child-protection', 'looked-after', 'closed'] as const;
/**
 * Where the child's case stands: referred (awaiting the decision), waiting (for allocation and the start of work),
 * assessment, section47 (an enquiry started by a strategy discussion), in-need (awaiting a CIN plan, or short-term
 * help before closure), child-in-need (a CIN plan), child-protection, looked-after, closed (awaiting a re-referral).
 */
export type Phase = (typeof PHASES)[number];
export type CareRoute = 'emergency' | 'planned';
const CLOSURE_REASONS = ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9'] as const;
type ClosureReason = (typeof CLOSURE_REASONS)[number];
const ROUTES = ['assessment', 'section47'] as const;

/** The front door's work while it is in progress: the assessment, the s47 enquiry and their timers. */
export class WorkRecord {
  assessment = 0;
  section47 = 0;
  tDecision = NO_DAY;
  tStart = NO_DAY;
  tSection47 = NO_DAY;
  tConference = NO_DAY;
  tAuthorise = NO_DAY;

  get idle(): boolean {
    return Math.min(this.tDecision, this.tStart, this.tSection47, this.tConference, this.tAuthorise) === NO_DAY;
  }
}

// Bits of `flags`, and fields of `codes` as [shift, width].
const BORN = 1;
const DISABLED = 2;
const ASSESSMENT_AUTHORISED = 4;
const SECTION47_DONE = 8;
const ICPC_PENDING = 16;
const CONFERENCE_HELD = 32;
const NOT_IN_NEED = 64;
const EMERGENCY_CARE = 128;
const PHASE: [number, number] = [0, 4];
const CLOSE_REASON: [number, number] = [4, 4];
const NEED: [number, number] = [8, 4];
const GENDER: [number, number] = [12, 2];
const ETHNICITY: [number, number] = [14, 5];
const ROUTE: [number, number] = [19, 1];

export class ChildRecord {
  worker: WorkerRecord | undefined = undefined;
  /** This child's place in its worker's list of children (-1 when unallocated). */
  workerSlot = -1;
  referral = 0;
  referralDay = NO_DAY;
  cinPlan = 0;
  cpPlan = 0;
  reviews = 0;
  care: CareRecord | undefined = undefined;
  work: WorkRecord | undefined = undefined;
  tBirth = NO_DAY;
  tPlanStart = NO_DAY;
  tEnd = NO_DAY;
  tReview = NO_DAY;
  tVisit = NO_DAY;
  tWorker = NO_DAY;
  tClose = NO_DAY;
  tRerefer = NO_DAY;
  /** The day this child is queued for (an entry for another day is stale). */
  queuedDay = NO_DAY;
  private flags = 0;
  private codes = 0;

  constructor(
    readonly id: string,
    readonly area: number,
    /** Date of birth, or the expected date while unborn. */
    public birthDay: number,
    born: boolean,
    disabled: boolean,
  ) {
    this.born = born;
    this.disabled = disabled;
    this.closeReason = 'RC7';
  }

  ageInYears(day: number): number {
    return this.born ? (day - this.birthDay) / 365.25 : 0;
  }

  get born(): boolean {
    return this.flag(BORN);
  }
  set born(value: boolean) {
    this.setFlag(BORN, value);
  }
  get disabled(): boolean {
    return this.flag(DISABLED);
  }
  set disabled(value: boolean) {
    this.setFlag(DISABLED, value);
  }
  get assessmentAuthorised(): boolean {
    return this.flag(ASSESSMENT_AUTHORISED);
  }
  set assessmentAuthorised(value: boolean) {
    this.setFlag(ASSESSMENT_AUTHORISED, value);
  }
  get section47Done(): boolean {
    return this.flag(SECTION47_DONE);
  }
  set section47Done(value: boolean) {
    this.setFlag(SECTION47_DONE, value);
  }
  get icpcPending(): boolean {
    return this.flag(ICPC_PENDING);
  }
  set icpcPending(value: boolean) {
    this.setFlag(ICPC_PENDING, value);
  }
  get conferenceHeld(): boolean {
    return this.flag(CONFERENCE_HELD);
  }
  set conferenceHeld(value: boolean) {
    this.setFlag(CONFERENCE_HELD, value);
  }
  /** The assessment found the child not in need (decided at authorisation, acted on once the s47 is done). */
  get notInNeed(): boolean {
    return this.flag(NOT_IN_NEED);
  }
  set notInNeed(value: boolean) {
    this.setFlag(NOT_IN_NEED, value);
  }
  get emergencyCare(): boolean {
    return this.flag(EMERGENCY_CARE);
  }
  set emergencyCare(value: boolean) {
    this.setFlag(EMERGENCY_CARE, value);
  }

  get phase(): Phase {
    return PHASES[this.code(PHASE)];
  }
  set phase(value: Phase) {
    this.setCode(PHASE, PHASES.indexOf(value));
  }
  get closeReason(): ClosureReason {
    return CLOSURE_REASONS[this.code(CLOSE_REASON)];
  }
  set closeReason(value: ClosureReason) {
    this.setCode(CLOSE_REASON, CLOSURE_REASONS.indexOf(value));
  }
  get primaryNeed(): PrimaryNeed {
    return PRIMARY_NEEDS[this.code(NEED)];
  }
  set primaryNeed(value: PrimaryNeed) {
    this.setCode(NEED, PRIMARY_NEEDS.indexOf(value));
  }
  get gender(): Gender {
    return GENDERS[this.code(GENDER)];
  }
  set gender(value: Gender) {
    this.setCode(GENDER, GENDERS.indexOf(value));
  }
  get ethnicity(): Ethnicity {
    return ETHNICITIES[this.code(ETHNICITY)];
  }
  set ethnicity(value: Ethnicity) {
    this.setCode(ETHNICITY, ETHNICITIES.indexOf(value));
  }
  /** The decision taken at the front door, for the work it starts. */
  get route(): 'assessment' | 'section47' {
    return ROUTES[this.code(ROUTE)];
  }
  set route(value: 'assessment' | 'section47') {
    this.setCode(ROUTE, ROUTES.indexOf(value));
  }

  /** The front door's work, created when a step of it is set. */
  workRecord(): WorkRecord {
    return (this.work ??= new WorkRecord());
  }

  private flag(bit: number): boolean {
    return (this.flags & bit) !== 0;
  }
  private setFlag(bit: number, value: boolean): void {
    this.flags = value ? this.flags | bit : this.flags & ~bit;
  }
  private code([shift, width]: [number, number]): number {
    return (this.codes >>> shift) & ((1 << width) - 1);
  }
  private setCode([shift, width]: [number, number], value: number): void {
    const mask = ((1 << width) - 1) << shift;
    this.codes = (this.codes & ~mask) | ((value << shift) & mask);
  }
}

/** The earliest timer set, or NO_DAY; a finished piece of front-door work is let go here. */
export function nextTimer(child: ChildRecord): number {
  let earliest = Math.min(child.tBirth, child.tPlanStart, child.tEnd, child.tReview, child.tVisit, child.tWorker, child.tClose, child.tRerefer);
  const { work, care } = child;
  if (work !== undefined) {
    if (work.idle) child.work = undefined;
    else earliest = Math.min(earliest, work.tDecision, work.tStart, work.tSection47, work.tConference, work.tAuthorise);
  }
  return care === undefined ? earliest : Math.min(earliest, care.tHealth, care.tPlacement, care.tLegal, care.tMissing, care.tInterview, care.tPathway);
}

/** Clears every timer of the case's work (closure); a pending return home interview is kept, it is about the child. */
export function clearCaseTimers(child: ChildRecord): void {
  child.work = undefined;
  child.tPlanStart = child.tEnd = child.tReview = child.tVisit = child.tWorker = child.tClose = NO_DAY;
  const care = child.care;
  if (care === undefined) return;
  care.tHealth = care.tPlacement = care.tLegal = care.tMissing = care.tPathway = NO_DAY;
  // Nothing left to do in care: the record goes (a child coming back into care gets a new one).
  if (care.tInterview === NO_DAY) child.care = undefined;
}
