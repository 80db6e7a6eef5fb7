// Measures a generated stream the way the national returns count (duplicates ignored, retractions honoured), for the
// figures csc generate --check compares with the published ones. Flows over the window [start, end) are counted as
// they pass; stocks (plans open, children looked after, caseloads) are read at each simulated year's end and middle.
import type { ChildEvent } from '@csc/contracts';
import type { GeneratorConfig } from '../config/generator-config';
import type { Emission } from '../simulation/arrival-order';
import { dayOfIsoDate, SimulationCalendar } from '../simulation/simulation-calendar';
import { CaseLedger, type ChildLedger } from './case-ledger';
import { YearSnapshots, type YearFigures } from './year-snapshots';
import { VisitPunctuality } from './visit-punctuality';

/** Events whose arrival may be late: they never trigger a snapshot, which waits for the day's structural events. */
const MAY_BE_LATE = new Set(['StatutoryVisitMade', 'PlanReviewed', 'HealthAssessmentCompleted', 'ReturnHomeInterviewCompleted', 'EventRetracted']);

export interface FlowCounts {
  referrals: number;
  reReferrals: number;
  police: number;
  noFurtherAction: number;
  notInNeed: number;
  inNeedAssessments: number;
  domesticAbuse: number;
  mentalHealth: number;
  assessmentDays: number[];
  assessmentsWithin45: number;
  conferences: number;
  conferencesTimed: number;
  conferencesWithin15: number;
  cpPlansStarted: number;
  lookedAfterStarts: number;
}

export interface CalibrationMeasurements {
  readonly years: number;
  readonly flows: FlowCounts;
  readonly yearEnds: readonly YearFigures[];
  readonly visits: { cpOnTime: number; cpGaps: number; lacOnTime: number; lacGaps: number };
}

export class CalibrationMeter {
  private readonly ledger = new CaseLedger();
  private readonly calendar: SimulationCalendar;
  private readonly startDay: number;
  private readonly endDay: number;
  private readonly snapshots: YearSnapshots;
  private readonly visits: VisitPunctuality;
  private readonly assessmentStarts = new Map<string, number>();
  private readonly section47Starts = new Map<string, number>();
  private readonly flows: FlowCounts = {
    referrals: 0,
    reReferrals: 0,
    police: 0,
    noFurtherAction: 0,
    notInNeed: 0,
    inNeedAssessments: 0,
    domesticAbuse: 0,
    mentalHealth: 0,
    assessmentDays: [],
    assessmentsWithin45: 0,
    conferences: 0,
    conferencesTimed: 0,
    conferencesWithin15: 0,
    cpPlansStarted: 0,
    lookedAfterStarts: 0,
  };

  constructor(config: GeneratorConfig) {
    this.startDay = dayOfIsoDate(config.start);
    this.endDay = this.startDay + Math.round(config.years * 365.25);
    this.calendar = new SimulationCalendar(this.startDay - 9200, this.endDay + 400);
    this.snapshots = new YearSnapshots(this.ledger, this.startDay, this.endDay);
    this.visits = new VisitPunctuality(this.calendar, this.startDay);
  }

  observe({ event, resent }: Emission): void {
    if (resent) return;
    const day = dayOfIsoDate(event.occurredAt.slice(0, 10));
    if (!MAY_BE_LATE.has(event.type)) this.snapshots.before(day);
    if (event.workerId !== undefined) {
      if (this.ledger.applyWorker(event) && day >= this.startDay) this.snapshots.leaver(day);
      return;
    }
    this.applyChild(event as ChildEvent, day, day >= this.startDay && day < this.endDay);
  }

  finish(): CalibrationMeasurements {
    this.snapshots.before(this.endDay);
    this.visits.finish(this.ledger);
    return { years: (this.endDay - this.startDay) / 365.25, flows: this.flows, yearEnds: this.snapshots.figures, visits: this.visits.counts };
  }

  private applyChild(event: ChildEvent, day: number, inWindow: boolean): void {
    const child = this.ledger.child(event.childId);
    const flows = this.flows;
    switch (event.type) {
      case 'ChildDetailsRecorded':
        child.expectedBirth = event.data.expectedDateOfBirth !== undefined;
        return;
      case 'ReferralReceived':
        if (inWindow) {
          flows.referrals += 1;
          if (child.lastReferral !== undefined && day - child.lastReferral <= 365) flows.reReferrals += 1;
          if (event.data.source === '6') flows.police += 1;
        }
        child.lastReferral = day;
        child.open = true;
        return;
      case 'ReferralDecisionMade':
        if (inWindow && event.data.decision === 'no-further-action') flows.noFurtherAction += 1;
        return;
      case 'AssessmentStarted':
        this.assessmentStarts.set(event.data.assessmentId, day);
        return;
      case 'AssessmentAuthorised':
        return this.assessmentAuthorised(event, day, inWindow);
      case 'StrategyDiscussionHeld':
        if (event.data.section47Id !== undefined) this.section47Starts.set(event.data.section47Id, day);
        return;
      case 'InitialChildProtectionConferenceHeld':
      case 'PreBirthConferenceHeld':
        return this.conferenceHeld(event, day, inWindow);
      case 'CaseAllocated':
      case 'SocialWorkerChanged':
      case 'CaseUnallocated':
        return this.ledger.applyAllocation(child, event, day);
      case 'PlanStarted':
      case 'PlanEnded':
        return this.plan(child, event, day, inWindow);
      case 'BecameLookedAfter':
      case 'PlacementChanged':
      case 'CeasedToBeLookedAfter':
        return this.care(child, event, day, inWindow);
      case 'StatutoryVisitMade':
        if (event.data.seen) this.visits.visit(child, { day, eventId: event.eventId });
        return;
      case 'EventRetracted':
        return this.visits.retract(child, event.data.retractedEventId);
      case 'CaseClosed':
        return this.closed(child, day);
      default:
        return;
    }
  }

  private assessmentAuthorised(event: Extract<ChildEvent, { type: 'AssessmentAuthorised' }>, day: number, inWindow: boolean): void {
    const started = this.assessmentStarts.get(event.data.assessmentId);
    this.assessmentStarts.delete(event.data.assessmentId);
    if (!inWindow) return;
    const flows = this.flows;
    if (event.data.outcome === 'not-in-need') flows.notInNeed += 1;
    else {
      flows.inNeedAssessments += 1;
      if (event.data.factors.includes('3B')) flows.domesticAbuse += 1;
      if (event.data.factors.includes('4B')) flows.mentalHealth += 1;
    }
    if (started === undefined) return;
    flows.assessmentDays.push(day - started);
    if (day <= this.calendar.dueWithinWorkingDays(started, 45)) flows.assessmentsWithin45 += 1;
  }

  private conferenceHeld(
    event: Extract<ChildEvent, { type: 'InitialChildProtectionConferenceHeld' | 'PreBirthConferenceHeld' }>,
    day: number,
    inWindow: boolean,
  ): void {
    if (!inWindow) return;
    this.flows.conferences += 1;
    const section47Id = event.type === 'InitialChildProtectionConferenceHeld' ? event.data.section47Id : undefined;
    const started = section47Id === undefined ? undefined : this.section47Starts.get(section47Id);
    if (started === undefined) return;
    this.flows.conferencesTimed += 1;
    if (day <= this.calendar.dueWithinWorkingDays(started, 15)) this.flows.conferencesWithin15 += 1;
  }

  private plan(child: ChildLedger, event: Extract<ChildEvent, { type: 'PlanStarted' | 'PlanEnded' }>, day: number, inWindow: boolean): void {
    if (event.type === 'PlanStarted') {
      if (event.data.planType === 'CP') {
        if (inWindow) this.flows.cpPlansStarted += 1;
        child.cpPlan = { id: event.data.planId, start: day, visits: [] };
      } else if (event.data.planType === 'CIN') child.cinPlan = event.data.planId;
      return;
    }
    if (child.cpPlan?.id === event.data.planId) {
      this.visits.endCpPlan(child.cpPlan);
      child.cpPlan = undefined;
    } else if (child.cinPlan === event.data.planId) child.cinPlan = undefined;
  }

  private care(
    child: ChildLedger,
    event: Extract<ChildEvent, { type: 'BecameLookedAfter' | 'PlacementChanged' | 'CeasedToBeLookedAfter' }>,
    day: number,
    inWindow: boolean,
  ): void {
    if (event.type === 'CeasedToBeLookedAfter') {
      if (child.period !== undefined) this.visits.endPeriod(child.period);
      child.period = undefined;
      return;
    }
    if (event.type === 'BecameLookedAfter') {
      if (inWindow) this.flows.lookedAfterStarts += 1;
      child.period = { id: event.data.periodId, start: day, placements: [], visits: [] };
    }
    child.period?.placements.push({ day, longTerm: event.data.longTerm });
    child.placementDays.push(day);
    this.ledger.prune(child, day - 800);
  }

  private closed(child: ChildLedger, day: number): void {
    child.open = false;
    this.ledger.endSpell(child, day);
    if (child.cpPlan !== undefined) this.visits.endCpPlan(child.cpPlan);
    if (child.period !== undefined) this.visits.endPeriod(child.period);
    child.cpPlan = child.period = child.cinPlan = undefined;
    this.ledger.prune(child, day - 800);
  }
}
