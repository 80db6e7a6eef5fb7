// What every journey step needs: the config, the seeded choices prepared from it, the calendar, the event writer,
// the workforce and the agenda, plus the counters that number pieces of work.
import type {
  AssessmentFactor,
  CategoryOfAbuse,
  Disability,
  Ethnicity,
  Gender,
  LegalStatus,
  PlacementType,
  PrimaryNeed,
  ReasonCeasedToBeLookedAfter,
  ReasonPlaceChange,
  ReferralSource,
  SocialWorkerChangeReason,
} from '@csc/contracts';
import type { GeneratorConfig } from '../config/generator-config';
import type { ArrivalOrder } from './arrival-order';
import type { CaseEventWriter } from './case-event-writer';
import { nextTimer, type ChildRecord } from './child-record';
import type { DayQueue } from './day-queue';
import { DurationDistribution, logNormalSigma, WeightedChoice, type SeededRandom } from './seeded-random';
import { NO_DAY, type SimulationCalendar } from './simulation-calendar';
import type { Workforce } from './worker-workforce';

/** The config's weights and durations, prepared once for fast drawing. */
export class ModelChoices {
  readonly sources: WeightedChoice<ReferralSource>;
  readonly needs: WeightedChoice<PrimaryNeed>;
  readonly genders: WeightedChoice<Gender>;
  readonly ethnicities: WeightedChoice<Ethnicity>;
  readonly disabilities: WeightedChoice<Exclude<Disability, 'NONE'>>;
  readonly categories: WeightedChoice<CategoryOfAbuse>;
  readonly emergencyLegalStatus: WeightedChoice<LegalStatus>;
  readonly plannedLegalStatus: WeightedChoice<LegalStatus>;
  readonly placementsUnderFive: WeightedChoice<PlacementType>;
  readonly placementsFiveToFifteen: WeightedChoice<PlacementType>;
  readonly placementsSixteenPlus: WeightedChoice<PlacementType>;
  readonly placementChangeReasons: WeightedChoice<ReasonPlaceChange>;
  readonly careEndings: WeightedChoice<ReasonCeasedToBeLookedAfter>;
  readonly careEndingsAtEighteen: WeightedChoice<ReasonCeasedToBeLookedAfter>;
  readonly otherChangeReasons: WeightedChoice<SocialWorkerChangeReason>;
  readonly factors: readonly [AssessmentFactor, number][];
  readonly cpPlanDays: DurationDistribution;
  readonly cinPlanDays: DurationDistribution;
  readonly cinDisabilityPlanDays: DurationDistribution;
  readonly careDays: DurationDistribution;
  readonly shortHelpDays: DurationDistribution;
  /** Lognormal spread of assessment durations that puts the configured share within 45 working days (about 63 days). */
  readonly assessmentSigma: number;
  /** Lognormal spread of working days to the ICPC that puts the configured share within 15. */
  readonly icpcSigma: number;

  constructor(config: GeneratorConfig) {
    const { frontDoor, safeguarding, lookedAfter, assessment } = config;
    this.sources = new WeightedChoice(frontDoor.sources);
    this.needs = new WeightedChoice(frontDoor.primaryNeeds);
    this.genders = new WeightedChoice(frontDoor.genders);
    this.ethnicities = new WeightedChoice(frontDoor.ethnicities);
    this.disabilities = new WeightedChoice(frontDoor.disabilities);
    this.categories = new WeightedChoice(safeguarding.categories);
    this.emergencyLegalStatus = new WeightedChoice(lookedAfter.legalStatusOnEntry.emergency);
    this.plannedLegalStatus = new WeightedChoice(lookedAfter.legalStatusOnEntry.planned);
    this.placementsUnderFive = new WeightedChoice(lookedAfter.placementOnEntry.underFive);
    this.placementsFiveToFifteen = new WeightedChoice(lookedAfter.placementOnEntry.fiveToFifteen);
    this.placementsSixteenPlus = new WeightedChoice(lookedAfter.placementOnEntry.sixteenPlus);
    this.placementChangeReasons = new WeightedChoice(lookedAfter.placementChangeReasons);
    this.careEndings = new WeightedChoice(lookedAfter.endings);
    this.careEndingsAtEighteen = new WeightedChoice(lookedAfter.endingsAtEighteen);
    this.otherChangeReasons = new WeightedChoice(config.continuity.otherChangeReasons);
    this.factors = (Object.entries(assessment.factors) as [AssessmentFactor, number][]).filter(([, chance]) => chance > 0);
    this.cpPlanDays = new DurationDistribution(safeguarding.planDurations);
    this.cinPlanDays = new DurationDistribution(config.childInNeed.planDurations);
    this.cinDisabilityPlanDays = new DurationDistribution(config.childInNeed.disabilityPlanDurations);
    this.careDays = new DurationDistribution(lookedAfter.periodDurations);
    this.shortHelpDays = new DurationDistribution(assessment.shortHelpDays);
    this.assessmentSigma = logNormalSigma(assessment.medianDays, 63.5, assessment.within45WorkingDaysShare);
    this.icpcSigma = logNormalSigma(safeguarding.icpcMedianWorkingDays, 15.5, safeguarding.icpcWithin15WorkingDaysShare);
  }
}

/** Numbers the pieces of work: each kind has its own sequence, formatted into its id when an event is written. */
export class WorkIds {
  contact = 0;
  referral = 0;
  strategyDiscussion = 0;
  section47 = 0;
  conference = 0;
  assessment = 0;
  plan = 0;
  period = 0;
  placement = 0;
  visit = 0;
  healthAssessment = 0;
  missingEpisode = 0;
}

export interface SimulationContext {
  readonly config: GeneratorConfig;
  readonly random: SeededRandom;
  readonly choices: ModelChoices;
  readonly calendar: SimulationCalendar;
  readonly write: CaseEventWriter;
  readonly arrival: ArrivalOrder;
  readonly workforce: Workforce;
  readonly queue: DayQueue<ChildRecord>;
  readonly ids: WorkIds;
  /** First simulated day, and the first day after the run. */
  readonly startDay: number;
  readonly endDay: number;
  /** True while the opening caseload's history (before the start) is written. */
  backfill: boolean;
  /** While backfilling: recurring events (visits, reviews ...) before this day are not sent. */
  historyFrom: number;
  /** How many children the county has had. */
  childCount: number;
  /** Children referred again today (they count towards the day's referrals). */
  reReferralsToday: number;
}

/** Puts a child on the agenda for its earliest timer, unless it is already queued for that day or earlier. */
export function requeue(context: SimulationContext, child: ChildRecord): void {
  const next = nextTimer(child);
  if (next === NO_DAY || next >= child.queuedDay) return;
  child.queuedDay = next;
  context.queue.push(next, child);
}

/** Whether a recurring event dated `day` is sent (while backfilling, only the recent history is). */
export function sendsHistory(context: SimulationContext, day: number): boolean {
  return !context.backfill || day >= context.historyFrom;
}

/**
 * Whether a visit, review or health assessment dated `day`, the next one due on `next`, is sent: always live; before
 * the start, the recent ones and the latest of each kind (what a tracker needs on its first day: date last seen ...).
 */
export function sendsRecurring(context: SimulationContext, day: number, next: number): boolean {
  return sendsHistory(context, day) || next >= context.startDay;
}
