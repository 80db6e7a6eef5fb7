// What changes during a period of care: placements (each restarts the T6 visit clock), legal status (interim to full
// care order, a placement order before adoption), health assessments, and missing episodes with return home interviews.
import type { LegalStatus, PlacementType } from '@csc/contracts';
import type { ChildRecord } from './child-record';
import { placementFor } from './looked-after-journey';
import { nextWithinDays } from './punctual-intervals';
import { sendsRecurring, type SimulationContext } from './simulation-context';
import { NO_DAY } from './simulation-calendar';

const HOUR = 3600;
const DAY = 86_400;

export function nextPlacementChange(context: SimulationContext, child: ChildRecord, day: number): number {
  const care = child.care!;
  const { firstYear, later, longTerm } = context.config.lookedAfter.placementChangesPerYear;
  const rate = day - care.periodStart < 365 ? firstYear : care.placementLongTerm ? longTerm : later;
  const next = rate > 0 ? day + 1 + Math.floor(context.random.exponential(365.25 / rate)) : NO_DAY;
  return next < child.tEnd - 1 ? context.calendar.onOrAfterWorkingDay(next) : NO_DAY;
}

function nextPlacementType(context: SimulationContext, child: ChildRecord, day: number): { type: PlacementType; longTerm: boolean } {
  const care = child.care!;
  const { random, config } = context;
  if (care.adoption && care.legalStatus === 'E1' && !care.placedForAdoption) {
    care.placedForAdoption = true;
    return { type: random.chance(0.3) ? 'A5' : 'A6', longTerm: false };
  }
  if (day - care.periodStart > 182 && child.ageInYears(day) < 16 && random.chance(config.lookedAfter.longTermShare)) {
    return { type: random.chance(0.7) ? 'U4' : 'U1', longTerm: true };
  }
  return { type: placementFor(context, child.ageInYears(day)), longTerm: false };
}

export function changePlacement(context: SimulationContext, child: ChildRecord, day: number): void {
  const care = child.care!;
  const { random, choices, config } = context;
  const { type, longTerm } = nextPlacementType(context, child, day);
  care.placement = ++context.ids.placement;
  const reason = care.placedForAdoption && type.startsWith('A') ? 'CARPL' : choices.placementChangeReasons.draw(random);
  context.write.child(child, 'PlacementChanged', day, {
    periodId: `LAC${care.period}`,
    placementId: `PL${care.placement}`,
    placementType: type,
    longTerm,
    reason,
  });
  care.placementStart = day;
  care.placementLongTerm = longTerm;
  child.tVisit = nextWithinDays(context, day, 7, config.lookedAfter.visits);
  care.tPlacement = care.placedForAdoption ? NO_DAY : nextPlacementChange(context, child, day);
}

/** Emergency statuses give way within days; an interim care order becomes a full one; adoption needs a placement order. */
export function nextLegalStatusChange(context: SimulationContext, child: ChildRecord, day: number): number {
  const care = child.care!;
  const { random, calendar, config } = context;
  let next = NO_DAY;
  if (care.legalStatus === 'L1' || care.legalStatus === 'L2') next = day + random.intBetween(2, 20);
  else if (care.legalStatus === 'C1') next = day + Math.round(random.logNormal(config.lookedAfter.interimToFullOrderWeeks * 7, 0.35));
  else if (care.legalStatus === 'C2' && care.adoption) next = day + random.intBetween(60, 200);
  return next < child.tEnd - 1 ? calendar.onOrAfterWorkingDay(next) : NO_DAY;
}

export function changeLegalStatus(context: SimulationContext, child: ChildRecord, day: number): void {
  const care = child.care!;
  const { random, calendar } = context;
  const from = care.legalStatus;
  const to: LegalStatus = from === 'L1' || from === 'L2' ? (random.chance(0.7) ? 'C1' : 'V2') : from === 'C1' ? 'C2' : 'E1';
  care.legalStatus = to;
  context.write.child(child, 'LegalStatusChanged', day, { periodId: `LAC${care.period}`, legalStatus: to });
  care.tLegal = nextLegalStatusChange(context, child, day);
  // The adoptive placement follows the placement order within a few months.
  if (to === 'E1' && care.adoption) {
    const placed = calendar.onOrAfterWorkingDay(day + random.intBetween(30, 150));
    care.tPlacement = placed < child.tEnd - 1 ? placed : NO_DAY;
  }
}

/** The initial health assessment (T8), then reviews every 6 months under 5, every 12 months from 5 (T9). */
export function completeHealthAssessment(context: SimulationContext, child: ChildRecord, day: number): void {
  const care = child.care!;
  const assessmentType = care.healthAssessments === 0 ? 'initial' : 'review';
  care.healthAssessments += 1;
  const healthAssessmentId = `HA${++context.ids.healthAssessment}`;
  const limit = child.ageInYears(day) < 5 ? 182 : 365;
  const next = nextWithinDays(context, day, limit, context.config.lookedAfter.healthAssessments);
  care.tHealth = next < child.tEnd ? next : NO_DAY;
  if (sendsRecurring(context, day, next)) context.write.child(child, 'HealthAssessmentCompleted', day, { healthAssessmentId, assessmentType }, 'leaf');
}

/** The next missing episode's start, if it (and its end, at most 3 days later) falls before the period ends. */
export function nextMissingStart(context: SimulationContext, child: ChildRecord, day: number): number {
  const next = day + 1 + Math.floor(context.random.exponential(365.25 / context.config.lookedAfter.missing.episodesPerYear));
  return next + 4 < child.tEnd ? next : NO_DAY;
}

/** A missing episode's start or end (timestamps between 07:00 and 22:00 UTC, so on one London date). */
export function missingEpisodeStep(context: SimulationContext, child: ChildRecord, day: number, send: boolean): void {
  const care = child.care!;
  const { random, write } = context;
  const missingEpisodeId = `M${care.missingEpisode}`;
  if (!care.missingOpen) {
    care.missingEpisode = ++context.ids.missingEpisode;
    const startSeconds = random.intBetween(15, 21) * HOUR + random.int(60) * 60;
    if (send) write.childAt(child, 'MissingEpisodeStarted', day, startSeconds, { missingEpisodeId: `M${care.missingEpisode}` });
    const end = day * DAY + startSeconds + Math.round(random.logNormal(14, 0.9) * HOUR);
    const [endDay, endSeconds] = withinDaytime(context, Math.min(end, (day + 3) * DAY + 12 * HOUR));
    care.missingOpen = send;
    care.missingSeconds = endSeconds;
    care.tMissing = send ? endDay : nextMissingStart(context, child, day);
    return;
  }
  write.childAt(child, 'MissingEpisodeEnded', day, care.missingSeconds, { missingEpisodeId });
  care.missingOpen = false;
  care.tMissing = nextMissingStart(context, child, day);
  const { interviewShare, interviewWithin72HoursShare } = context.config.lookedAfter.missing;
  if (!random.chance(interviewShare)) return;
  const hours = random.chance(interviewWithin72HoursShare) ? random.between(4, 60) : random.between(80, 240);
  const [interviewDay, interviewSeconds] = withinDaytime(context, day * DAY + care.missingSeconds + Math.round(hours * HOUR));
  care.tInterview = interviewDay;
  care.interviewEpisode = care.missingEpisode;
  care.interviewSeconds = interviewSeconds;
}

export function returnHomeInterview(context: SimulationContext, child: ChildRecord, day: number): void {
  const care = child.care!;
  care.tInterview = NO_DAY;
  context.write.childAt(child, 'ReturnHomeInterviewCompleted', day, care.interviewSeconds, { missingEpisodeId: `M${care.interviewEpisode}` }, 'leaf');
}

/** A moment moved into 07:00-21:59 UTC (the next morning if after, this morning's 07:00 if before). */
function withinDaytime(context: SimulationContext, moment: number): [number, number] {
  const day = Math.floor(moment / DAY);
  const seconds = moment - day * DAY;
  if (seconds < 7 * HOUR) return [day, 7 * HOUR + context.random.int(60) * 60];
  if (seconds >= 22 * HOUR) return [day + 1, 7 * HOUR + context.random.int(60) * 60];
  return [day, seconds - (seconds % 60)];
}
