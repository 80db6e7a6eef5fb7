// A period of care: becoming looked after (legal status, placement), the care plan (T11), reviews (T5), visits (T6),
// health assessments (T8, T9), a pathway plan from 16, and ceasing: home (often stepped down to a CIN plan),
// adoption, special guardianship, or adulthood.
import type { LegalStatus, PlacementType, ReasonCeasedToBeLookedAfter } from '@csc/contracts';
import { maybeTransfer } from './case-allocation';
import { endPlan, scheduleClosure, type ClosureReason } from './case-closure';
import { CareRecord, type CareRoute, type ChildRecord } from './child-record';
import { startCinPlan } from './child-in-need-journey';
import { nextLegalStatusChange, nextMissingStart, nextPlacementChange } from './looked-after-changes';
import { nextWithinDays, nextWithinWorkingDays } from './punctual-intervals';
import { eighteenthBirthday } from './safeguarding-journey';
import type { SimulationContext } from './simulation-context';
import { NO_DAY } from './simulation-calendar';

export function placementFor(context: SimulationContext, age: number): PlacementType {
  const { choices, random } = context;
  if (age < 5) return choices.placementsUnderFive.draw(random);
  return age < 16 ? choices.placementsFiveToFifteen.draw(random) : choices.placementsSixteenPlus.draw(random);
}

function legalStatusOnEntry(context: SimulationContext, route: CareRoute, age: number): LegalStatus {
  const { choices, random } = context;
  if (route === 'emergency') return choices.emergencyLegalStatus.draw(random);
  return age >= 16 && random.chance(0.7) ? 'V2' : choices.plannedLegalStatus.draw(random);
}

/** Becoming looked after; `length` (days) is given for a child already in care at the start (drawn length-biased). */
export function enterCare(context: SimulationContext, child: ChildRecord, day: number, route: CareRoute, length?: number): void {
  const { random, config, choices, ids, write, calendar } = context;
  const { lookedAfter } = config;
  endPlan(context, child, day, child.cinPlan, 'Became looked after');
  endPlan(context, child, day, child.cpPlan, 'Became looked after');
  child.cinPlan = child.cpPlan = 0;
  const age = child.ageInYears(day);
  const care = new CareRecord();
  // A pending return home interview from an earlier period is still owed.
  if (child.care !== undefined)
    [care.interviewEpisode, care.interviewSeconds, care.tInterview] = [child.care.interviewEpisode, child.care.interviewSeconds, child.care.tInterview];
  child.care = care;
  care.period = ++ids.period;
  care.placement = ++ids.placement;
  care.legalStatus = legalStatusOnEntry(context, route, age);
  const placementType = placementFor(context, age);
  const periodId = `LAC${care.period}`;
  write.child(child, 'BecameLookedAfter', day, {
    periodId,
    placementId: `PL${care.placement}`,
    legalStatus: care.legalStatus,
    placementType,
    reasonNewEpisode: 'S',
    longTerm: false,
  });
  Object.assign(child, { phase: 'looked-after', reviews: 0, tClose: NO_DAY, tReview: NO_DAY, tVisit: NO_DAY });
  [care.periodStart, care.placementStart] = [day, day];
  care.adoption = age < 5 && care.legalStatus !== 'V2' && random.chance(lookedAfter.adoptionShareUnderFive);
  const natural = care.adoption ? Math.max(choices.careDays.draw(random), random.intBetween(450, 900)) : choices.careDays.draw(random);
  child.tEnd = Math.max(day + 1, Math.min(day + (length ?? natural), eighteenthBirthday(child) - 1));
  child.tPlanStart = Math.min(nextWithinWorkingDays(context, day, 10, lookedAfter.carePlans), child.tEnd);
  child.tVisit = nextWithinDays(context, day, 7, lookedAfter.visits);
  care.tHealth = nextWithinWorkingDays(context, day, 20, lookedAfter.healthAssessments);
  care.tPlacement = nextPlacementChange(context, child, day);
  care.tLegal = nextLegalStatusChange(context, child, day);
  const sixteenth = child.birthDay + Math.round(lookedAfter.pathwayPlanFromAge * 365.25);
  care.tPathway = sixteenth <= day ? calendar.addWorkingDays(day, random.intBetween(5, 30)) : calendar.onOrAfterWorkingDay(sixteenth);
  if (care.tPathway >= child.tEnd) care.tPathway = NO_DAY;
  care.missingProne = age >= 11 && random.chance(lookedAfter.missing.proneShare);
  care.tMissing = care.missingProne ? nextMissingStart(context, child, day) : NO_DAY;
  maybeTransfer(context, child, day, config.continuity.transferIntoCareShare);
}

/** The care plan, then the first review within 20 working days of becoming looked after. */
export function startCarePlan(context: SimulationContext, child: ChildRecord, day: number): void {
  const care = child.care!;
  child.tPlanStart = NO_DAY;
  care.claPlan = ++context.ids.plan;
  context.write.child(child, 'PlanStarted', day, { planId: `P${care.claPlan}`, planType: 'CLA' });
  const firstReview = nextWithinWorkingDays(context, care.periodStart, 20, context.config.lookedAfter.reviews);
  child.tReview = Math.max(firstReview, context.calendar.addWorkingDays(day, 1));
}

/** The pathway plan of a looked-after child from 16. */
export function startPathwayPlan(context: SimulationContext, child: ChildRecord, day: number): void {
  const care = child.care!;
  care.tPathway = NO_DAY;
  care.pathwayPlan = ++context.ids.plan;
  context.write.child(child, 'PlanStarted', day, { planId: `P${care.pathwayPlan}`, planType: 'PATHWAY' });
}

const CLOSURE_AFTER_CARE: Partial<Record<ReasonCeasedToBeLookedAfter, ClosureReason>> = {
  E11: 'RC1',
  E12: 'RC1',
  E2: 'RC2',
  E41: 'RC3',
  E45: 'RC4',
  E46: 'RC4',
  E47: 'RC4',
  E48: 'RC4',
  E3: 'RC5',
  E7: 'RC6',
};

function ceasingReason(context: SimulationContext, child: ChildRecord, day: number): ReasonCeasedToBeLookedAfter {
  const { random, choices } = context;
  if (child.care!.placedForAdoption) return random.chance(0.7) ? 'E11' : 'E12';
  return child.ageInYears(day) >= 17.5 ? choices.careEndingsAtEighteen.draw(random) : choices.careEndings.draw(random);
}

/** The end of the period of care, and what follows: a CIN plan after going home, or closure. */
export function ceaseCare(context: SimulationContext, child: ChildRecord, day: number): void {
  const care = child.care!;
  const reason = ceasingReason(context, child, day);
  endPlan(context, child, day, care.claPlan, 'Ceased to be looked after');
  context.write.child(child, 'CeasedToBeLookedAfter', day, { periodId: `LAC${care.period}`, reason });
  endPlan(context, child, day, care.pathwayPlan, 'Ceased to be looked after');
  care.claPlan = care.pathwayPlan = 0;
  child.tPlanStart = child.tReview = child.tVisit = care.tHealth = care.tPlacement = care.tLegal = care.tMissing = care.tPathway = child.tEnd = NO_DAY;
  const adult = child.ageInYears(day) >= 17.5;
  if (!adult && (reason === 'E4A' || reason === 'E4B' || reason === 'E13')) return startCinPlan(context, child, day, false);
  scheduleClosure(child, day, CLOSURE_AFTER_CARE[reason] ?? (adult && child.disabled ? 'RC6' : 'RC7'));
}
