import type { EpochDay } from '../calendar/calendar-date';
import { type Moment, parseMoment } from '../calendar/london-time';
import { TimescaleError } from '../timescale-error';
import type { ChildCaseState } from '@csc/domain';
import { type TimelineEvent, type TimescaleEvent, booleanField, optionalTextField, textField } from './timescale-event';

export interface PlanRecord {
  readonly planId: string;
  readonly planType: string;
  readonly start: TimelineEvent;
  end?: TimelineEvent;
  readonly reviews: TimelineEvent[];
}

export interface PlacementRecord {
  readonly placementId: string;
  readonly longTerm: boolean;
  readonly start: TimelineEvent;
}

export interface PeriodRecord {
  readonly periodId: string;
  readonly start: TimelineEvent;
  end?: TimelineEvent;
  readonly placements: PlacementRecord[];
}

export interface DatedFact {
  readonly day: EpochDay;
  readonly event: TimelineEvent;
}

/** One child's case as the clocks need it: the domain's timeline cut at the as-of moment, indexed. */
export interface CaseTimeline {
  readonly asOf: Moment;
  readonly events: readonly TimelineEvent[];
  readonly closures: readonly TimelineEvent[];
  readonly seenVisits: readonly TimelineEvent[];
  readonly plans: readonly PlanRecord[];
  readonly periods: readonly PeriodRecord[];
  readonly dateOfBirth?: DatedFact;
  readonly expectedDateOfBirth?: DatedFact;
  ofType(type: string): readonly TimelineEvent[];
}

// The field name is built only when it is needed: this runs for every event.
function occurredAt(event: TimescaleEvent): Moment {
  try {
    return parseMoment(event.occurredAt, 'occurredAt');
  } catch (error) {
    if (!(error instanceof TimescaleError)) throw error;
    throw new TimescaleError(error.code, `${event.type} ${event.eventId}: ${error.message}`, 'occurredAt');
  }
}

/**
 * The domain's timeline of the case, as the clocks read it: the domain has already applied retractions and
 * placed each event by its London date, same-day events in the order they arrived (the order the decider
 * judged them in). Here each entry gets its instant, if it had a time, and events after the as-of moment
 * are cut.
 */
function placeOnTimeline(entries: ChildCaseState['timeline'], asOf: Moment): TimelineEvent[] {
  const placed: TimelineEvent[] = [];
  for (const { event } of entries) {
    const moment = occurredAt(event);
    if (isAfter(moment, asOf)) continue;
    const data = event.data as unknown as Readonly<Record<string, unknown>>;
    placed.push({ eventId: event.eventId, type: event.type, data, day: moment.day, instant: moment.instant, order: placed.length });
  }
  return placed;
}

/** Whether an event happened after the as-of moment; a date without a time counts as within its day. */
function isAfter(moment: Moment, asOf: Moment): boolean {
  if (moment.day !== asOf.day) return moment.day > asOf.day;
  return moment.instant !== undefined && asOf.instant !== undefined && moment.instant > asOf.instant;
}

function indexPlans(events: readonly TimelineEvent[]): PlanRecord[] {
  const plans = new Map<string, PlanRecord>();
  for (const event of events) {
    if (event.type === 'PlanStarted') {
      const planId = textField(event, 'planId');
      if (!plans.has(planId)) plans.set(planId, { planId, planType: textField(event, 'planType'), start: event, reviews: [] });
    } else if (event.type === 'PlanEnded' || event.type === 'PlanReviewed') {
      const plan = plans.get(textField(event, 'planId'));
      // A review or end of a plan whose start we never saw cannot be placed on any clock.
      if (plan && event.type === 'PlanEnded') plan.end ??= event;
      if (plan && event.type === 'PlanReviewed') plan.reviews.push(event);
    }
  }
  return [...plans.values()];
}

function indexPeriods(events: readonly TimelineEvent[]): PeriodRecord[] {
  const periods = new Map<string, PeriodRecord>();
  for (const event of events) {
    if (event.type === 'BecameLookedAfter') {
      const periodId = textField(event, 'periodId');
      if (periods.has(periodId)) continue;
      const placement = { placementId: textField(event, 'placementId'), longTerm: booleanField(event, 'longTerm'), start: event };
      periods.set(periodId, { periodId, start: event, placements: [placement] });
    } else if (event.type === 'PlacementChanged' || event.type === 'CeasedToBeLookedAfter') {
      const period = periods.get(textField(event, 'periodId'));
      if (!period || period.end) continue;
      if (event.type === 'CeasedToBeLookedAfter') period.end = event;
      else period.placements.push({ placementId: textField(event, 'placementId'), longTerm: booleanField(event, 'longTerm'), start: event });
    }
  }
  return [...periods.values()];
}

// Details may be sent again when they change: the latest (by occurredAt) is the one that holds.
function latestDate(events: readonly TimelineEvent[], field: string): DatedFact | undefined {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const value = optionalTextField(events[i], field);
    if (value !== undefined) return { day: parseMoment(value, `data.${field} of ${events[i].eventId}`).day, event: events[i] };
  }
  return undefined;
}

export function buildCaseTimeline(state: ChildCaseState, asOf: Moment): CaseTimeline {
  const events = placeOnTimeline(state.timeline, asOf);
  const byType = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    const sameType = byType.get(event.type);
    if (sameType) sameType.push(event);
    else byType.set(event.type, [event]);
  }
  const ofType = (type: string): readonly TimelineEvent[] => byType.get(type) ?? [];
  const details = ofType('ChildDetailsRecorded');
  return {
    asOf,
    events,
    closures: ofType('CaseClosed'),
    seenVisits: ofType('StatutoryVisitMade').filter((visit) => visit.data.seen === true),
    plans: indexPlans(events),
    periods: indexPeriods(events),
    dateOfBirth: latestDate(details, 'dateOfBirth'),
    expectedDateOfBirth: latestDate(details, 'expectedDateOfBirth'),
    ofType,
  };
}
