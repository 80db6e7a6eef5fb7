// Turns HistoryChoices into a valid history of one child: events on a day cursor per thread of work (front door,
// allocation, plans, periods of care, visits, missing episodes), merged by date, each with the events it depends on.
import type { ChildEvent } from '@csc/contracts';
import { caseEventFactory, type CaseEventFactory } from './case-event-factory';
import { dateOfDay, dayNumber } from './calendar-days';
import type { EpisodeChoices, HistoryChoices } from './history-choices';

/** Histories start here and end before 2023, so a test may judge them with the real clock or with history.today. */
export const HISTORY_START = '2016-04-01';

interface Pending {
  readonly day: number;
  readonly seq: number;
  readonly event: ChildEvent;
  readonly deps: readonly ChildEvent[];
}

/** Collects events with their days and dependencies; `ordered` merges them by day, ties in the order added. */
export class HistoryBuilder {
  readonly pending: Pending[] = [];
  /** The days each worker was given the case: the worker feed is built from them. */
  readonly allocationDays = new Map<string, number[]>();

  constructor(readonly events: CaseEventFactory) {}

  add<E extends ChildEvent>(day: number, event: E, ...deps: (ChildEvent | undefined)[]): E {
    this.pending.push({ day, seq: this.pending.length, event, deps: deps.filter((dep): dep is ChildEvent => dep !== undefined) });
    return event;
  }

  allocated(workerId: string, day: number): void {
    this.allocationDays.set(workerId, [...(this.allocationDays.get(workerId) ?? []), day]);
  }

  lastDay(): number {
    return Math.max(...this.pending.map((pending) => pending.day));
  }

  /** Events in history order, and for each the indices that must arrive first (same-day predecessors included). */
  ordered(): { events: ChildEvent[]; dependsOn: number[][] } {
    const sorted = [...this.pending].sort((a, b) => a.day - b.day || a.seq - b.seq);
    const index = new Map(sorted.map((pending, i) => [pending.event.eventId, i]));
    const dependsOn = sorted.map((pending, i) => {
      const deps = new Set(pending.deps.map((dep) => index.get(dep.eventId)!));
      if (i > 0 && sorted[i - 1].day === pending.day) deps.add(i - 1);
      return [...deps].sort((a, b) => a - b);
    });
    return { events: sorted.map((pending) => pending.event), dependsOn };
  }
}

export function childIdOf(choices: HistoryChoices): string {
  return `GEN-${choices.child.toString(36).toUpperCase()}`;
}

export function workerIdsOf(childId: string): string[] {
  return [0, 1, 2, 3, 4].map((n) => `${childId}-SW${n}`);
}

/** Builds the child's events; the worker feed is built afterwards from the allocation days. */
export function buildChildEvents(choices: HistoryChoices): HistoryBuilder {
  const childId = childIdOf(choices);
  const b = new HistoryBuilder(caseEventFactory(childId));
  const firstDay = dayNumber(HISTORY_START) + choices.startOffset;
  const details = choices.unborn
    ? b.add(firstDay, b.events.childDetails(dateOfDay(firstDay), { expectedDateOfBirth: dateOfDay(firstDay + 150) }))
    : b.add(firstDay, b.events.childDetails(dateOfDay(firstDay), { dateOfBirth: dateOfDay(firstDay - 3000) }));
  let openDay = firstDay;
  let previousClosure: ChildEvent | undefined;
  choices.episodes.forEach((episode, n) => {
    openDay += episode.gapBefore;
    const isLast = n === choices.episodes.length - 1;
    const referral = buildFrontDoor(b, episode, n, openDay, previousClosure);
    if (n === 0 && choices.unborn) buildBirth(b, openDay, details, referral);
    buildAllocations(b, episode, n, openDay, referral, workerIdsOf(childId));
    buildPlans(b, episode, n, openDay, referral);
    buildPeriodsOfCare(b, episode, n, openDay, referral);
    buildVisitsAndMissing(b, episode, n, openDay);
    if (isLast && !episode.closes) return;
    const closeDay = b.lastDay() + episode.closeGap;
    previousClosure = b.add(closeDay, b.events.closed(dateOfDay(closeDay), 'RC8'), referral);
    openDay = closeDay;
  });
  return b;
}

/** A pre-birth conference while unborn, then the birth recorded a few weeks later. */
function buildBirth(b: HistoryBuilder, openDay: number, details: ChildEvent, referral: ChildEvent): void {
  const conferenceDay = openDay + 5;
  b.add(conferenceDay, b.events.preBirthConference(dateOfDay(conferenceDay), 'PBC-0', false), details, referral);
  b.add(conferenceDay + 20, b.events.childDetails(dateOfDay(conferenceDay + 20), { dateOfBirth: dateOfDay(conferenceDay + 15) }));
}

function buildFrontDoor(b: HistoryBuilder, e: EpisodeChoices, n: number, openDay: number, previousClosure: ChildEvent | undefined): ChildEvent {
  const on = (day: number) => dateOfDay(day);
  if (e.contact) b.add(openDay, b.events.contact(on(openDay), `CON-${n}`));
  const referralId = `REF-${n}`;
  const referral = b.add(openDay, b.events.referral(on(openDay), referralId), previousClosure);
  const decisionDay = openDay + e.decisionDelay;
  b.add(decisionDay, b.events.decision(on(decisionDay), referralId, e.decision), referral);
  if (e.decision === 'strategy-discussion') {
    const s = e.strategy;
    const section47Id = s.section47 ? `S47-${n}` : undefined;
    const sdDay = decisionDay + s.delay;
    const discussion = b.add(sdDay, b.events.strategyDiscussion(on(sdDay), `SD-${n}`, { referralId, section47Id }), referral);
    if (section47Id !== undefined && s.completesAfter !== null) {
      b.add(sdDay + s.completesAfter, b.events.section47Completed(on(sdDay + s.completesAfter), section47Id, s.conference !== null), discussion);
    }
    if (section47Id !== undefined && s.conference !== null) {
      const day = sdDay + s.conference.after;
      b.add(day, b.events.icpc(on(day), `ICPC-${n}`, { section47Id, planRequired: s.conference.planRequired }), discussion, referral);
    }
  }
  const assessment =
    e.assessment ?? (e.decision === 'assessment' ? { delay: 1, authorisedAfter: 30, outcome: 'child-in-need' as const, factors: ['3A'] as const } : null);
  if (assessment !== null) {
    const startDay = decisionDay + assessment.delay;
    const started = b.add(startDay, b.events.assessmentStarted(on(startDay), `ASM-${n}`, referralId), referral);
    if (assessment.authorisedAfter !== null) {
      const day = startDay + assessment.authorisedAfter;
      b.add(day, b.events.assessmentAuthorised(on(day), `ASM-${n}`, { outcome: assessment.outcome, factors: [...assessment.factors] }), started);
    }
  }
  return referral;
}

function buildAllocations(b: HistoryBuilder, e: EpisodeChoices, n: number, openDay: number, referral: ChildEvent, workers: string[]): void {
  if (e.allocation === null) return;
  let day = openDay + e.allocation.delay;
  let current: string | undefined = workers[e.allocation.firstWorker];
  let previous: ChildEvent = b.add(day, b.events.allocated(dateOfDay(day), current, `TEAM-${n}`), referral);
  b.allocated(current, day);
  for (const step of e.allocation.steps) {
    day += step.gap;
    const next: string = workers[step.worker] === current ? workers[(step.worker + 1) % workers.length] : workers[step.worker];
    if (current === undefined) {
      previous = b.add(day, b.events.allocated(dateOfDay(day), next, `TEAM-${n}`), previous, referral);
      current = next;
    } else if (step.kind === 'change') {
      previous = b.add(day, b.events.workerChanged(dateOfDay(day), current, next, { reason: step.reason, teamId: `TEAM-${n}` }), previous);
      current = next;
    } else {
      previous = b.add(day, b.events.unallocated(dateOfDay(day), current, 'worker-absent'), previous);
      current = undefined;
    }
    if (current !== undefined) b.allocated(current, day);
  }
}

function buildPlans(b: HistoryBuilder, e: EpisodeChoices, n: number, openDay: number, referral: ChildEvent): void {
  let day = openDay;
  let previousEnd: ChildEvent | undefined;
  e.plans.forEach((plan, i) => {
    const planId = `PLAN-${n}-${i}`;
    let cursor = day + plan.delay;
    const started = b.add(cursor, b.events.planStarted(dateOfDay(cursor), planId, plan.planType), referral, previousEnd);
    for (const gap of plan.reviews) {
      cursor += gap;
      b.add(cursor, b.events.planReviewed(dateOfDay(cursor), planId), started);
    }
    const mustEnd = i < e.plans.length - 1;
    if (plan.endedAfter !== null || mustEnd) {
      cursor += plan.endedAfter ?? 1;
      previousEnd = b.add(cursor, b.events.planEnded(dateOfDay(cursor), planId), started);
    }
    day = cursor;
  });
}

function buildPeriodsOfCare(b: HistoryBuilder, e: EpisodeChoices, n: number, openDay: number, referral: ChildEvent): void {
  let day = openDay;
  let previousCeased: ChildEvent | undefined;
  let previousCarePlanEnd: ChildEvent | undefined;
  e.periods.forEach((period, i) => {
    const periodId = `CLA-${n}-${i}`;
    const start = day + period.delay;
    const began = b.add(start, b.events.becameLookedAfter(dateOfDay(start), periodId), referral, previousCeased);
    let last = start;
    const inPeriod = (gaps: readonly number[], make: (on: string, k: number) => ChildEvent, dep: ChildEvent = began) => {
      let cursor = start;
      gaps.forEach((gap, k) => {
        cursor += gap;
        b.add(cursor, make(dateOfDay(cursor), k), dep);
      });
      last = Math.max(last, cursor);
    };
    inPeriod(
      period.placements.map((p) => p.gap),
      (on, k) => b.events.placementChanged(on, periodId, `PL-${n}-${i}-${k}`, period.placements[k].longTerm),
    );
    inPeriod(period.legalChanges, (on) => b.events.legalStatusChanged(on, periodId, 'C2'));
    inPeriod(period.healthAssessments, (on, k) => b.events.healthAssessment(on, `HA-${n}-${i}-${k}`, k === 0 ? 'initial' : 'review'));
    let carePlan: ChildEvent | undefined;
    if (period.carePlan !== null) {
      const planStart = start + period.carePlan.delay;
      carePlan = b.add(planStart, b.events.planStarted(dateOfDay(planStart), `CARE-${n}-${i}`, 'CLA'), began, previousCarePlanEnd);
      let cursor = planStart;
      for (const gap of period.carePlan.reviews) {
        cursor += gap;
        b.add(cursor, b.events.planReviewed(dateOfDay(cursor), `CARE-${n}-${i}`), carePlan);
      }
      last = Math.max(last, cursor);
    }
    if (period.ceasedAfter === null && i === e.periods.length - 1) return;
    const ceaseDay = last + (period.ceasedAfter ?? 1);
    if (carePlan !== undefined) previousCarePlanEnd = b.add(ceaseDay, b.events.planEnded(dateOfDay(ceaseDay), `CARE-${n}-${i}`), carePlan);
    previousCeased = b.add(ceaseDay, b.events.ceased(dateOfDay(ceaseDay), periodId), began);
    day = ceaseDay;
  });
}

function buildVisitsAndMissing(b: HistoryBuilder, e: EpisodeChoices, n: number, openDay: number): void {
  const visits = [...e.visits].sort((a, c) => a.day - c.day);
  const made = visits.map((visit, i) =>
    b.add(openDay + visit.day, b.events.visit(dateOfDay(openDay + visit.day), `VIS-${n}-${i}`, { seen: visit.seen, seenAlone: visit.seen && visit.alone })),
  );
  if (e.retractVisit && made.length > 0) {
    const day = openDay + visits[0].day + 3;
    b.add(day, b.events.retracted(dateOfDay(day), made[0], 'Visit recorded on the wrong child'), made[0]);
  }
  let day = openDay;
  e.missing.forEach((missing, i) => {
    const id = `MIS-${n}-${i}`;
    day += missing.gap;
    const at = (d: number, hour: number) => `${dateOfDay(d)}T${String(hour).padStart(2, '0')}:30:00Z`;
    const went = b.add(day, b.events.missingStarted(at(day, missing.hour), id));
    const returnDay = day + missing.returnDays;
    const returnHour = missing.returnDays === 0 ? missing.hour + 1 : 8;
    const back = b.add(returnDay, b.events.missingEnded(at(returnDay, returnHour), id), went);
    day = returnDay;
    if (missing.rhi === null) return;
    const rhiDay = returnDay + missing.rhi;
    b.add(rhiDay, b.events.returnInterview(at(rhiDay, missing.rhi === 0 ? returnHour + 1 : 10), id), back);
    day = rhiDay;
  });
}
