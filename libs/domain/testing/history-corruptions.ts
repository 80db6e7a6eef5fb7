// Corrupted variants of a valid history: every event but the last is valid; the last must be refused with the
// labelled code. Variants that need something the history lacks (a plan, a closure ...) are simply not produced.
import type { ChildEvent, EventOfType, WorkerEvent } from '@csc/contracts';
import type { DomainErrorCode } from '../src';
import { caseEventFactory, workerEventFactory, type CaseEventFactory } from './case-event-factory';
import { addDays } from './calendar-days';
import type { GeneratedHistory } from './child-history-generator';

export interface CorruptedHistory {
  readonly label: string;
  readonly expectedCode: DomainErrorCode;
  readonly today: string;
  /** The workers' streams to record first (the valid ones, plus any the corruption needs). */
  readonly workerEvents: readonly WorkerEvent[];
  /** Delivered in this order: all but the last are accepted; the last is refused with expectedCode. */
  readonly events: readonly ChildEvent[];
}

type Type = ChildEvent['type'];

// After any today these tests run on, yet inside the dates the contract accepts (to 2040-12-31).
const FAR_FUTURE = '2040-06-01';
type Variant = Omit<CorruptedHistory, 'today' | 'workerEvents'> & { workerEvents?: readonly WorkerEvent[] };

export function corruptedVariants(history: GeneratedHistory): CorruptedHistory[] {
  const c = caseEventFactory(history.childId, `${history.childId}#corrupted`);
  const variants = VARIANTS.map((make) => make(history, c)).filter((variant): variant is Variant => variant !== undefined);
  return variants.map((variant) => ({ ...variant, today: history.today, workerEvents: [...history.workerEvents, ...(variant.workerEvents ?? [])] }));
}

type MakeVariant = (h: GeneratedHistory, c: CaseEventFactory) => Variant | undefined;

const all = (h: GeneratedHistory) => h.events;
const lastDate = (h: GeneratedHistory) => h.events[h.events.length - 1].occurredAt.slice(0, 10);
const dateOf = (event: ChildEvent) => event.occurredAt.slice(0, 10);

function firstOf<T extends Type>(
  h: GeneratedHistory,
  type: T,
  where: (event: EventOfType<T>) => boolean = () => true,
): { at: number; event: EventOfType<T> } | undefined {
  const at = h.events.findIndex((event) => event.type === type && where(event as EventOfType<T>));
  return at < 0 ? undefined : { at, event: h.events[at] as EventOfType<T> };
}

/** The history up to and including (or just before) an index, then the bad event. */
const upTo = (h: GeneratedHistory, at: number, bad: ChildEvent) => [...h.events.slice(0, at + 1), bad];
const before = (h: GeneratedHistory, at: number, bad: ChildEvent) => [...h.events.slice(0, at), bad];

const VARIANTS: MakeVariant[] = [
  // Far ahead, so it is in the future whether the test judges with history.today or with the real clock.
  (h, c) => ({ label: 'an event dated after today', expectedCode: 'OCCURRED_IN_FUTURE', events: [...all(h), c.contact(FAR_FUTURE, 'CON-FUTURE')] }),
  (h, c) => ({
    label: 'a decision on a referral never received',
    expectedCode: 'REFERRAL_NOT_FOUND',
    events: [...all(h), c.decision(lastDate(h), 'REF-UNKNOWN')],
  }),
  (h, c) => ({ label: 'a referral id used twice', expectedCode: 'ID_ALREADY_USED', events: [...all(h), c.referral(lastDate(h), 'REF-0')] }),
  (h, c) => {
    const found = firstOf(h, 'ReferralDecisionMade');
    if (found === undefined) return undefined;
    const bad = c.decision(dateOf(found.event), found.event.data.referralId, 'early-help');
    return { label: 'a second decision on a decided referral', expectedCode: 'REFERRAL_ALREADY_DECIDED', events: upTo(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'AssessmentAuthorised');
    const started = found && firstOf(h, 'AssessmentStarted', (e) => e.data.assessmentId === found.event.data.assessmentId);
    if (found === undefined || started === undefined) return undefined;
    const bad = c.assessmentAuthorised(addDays(dateOf(started.event), -1), found.event.data.assessmentId);
    return { label: 'an assessment authorised before it started', expectedCode: 'DATE_OUT_OF_SEQUENCE', events: before(h, found.at, bad) };
  },
  (h, c) => ({
    label: 'authorising an assessment never started',
    expectedCode: 'ASSESSMENT_NOT_FOUND',
    events: [...all(h), c.assessmentAuthorised(lastDate(h), 'ASM-UNKNOWN')],
  }),
  (h, c) => {
    const found = firstOf(h, 'AssessmentAuthorised');
    if (found === undefined) return undefined;
    const bad = c.assessmentAuthorised(dateOf(found.event), found.event.data.assessmentId);
    return { label: 'an assessment authorised twice', expectedCode: 'ASSESSMENT_ALREADY_AUTHORISED', events: upTo(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'AssessmentAuthorised');
    if (found === undefined) return undefined;
    const bad = c.make('AssessmentAuthorised', found.event.occurredAt, { ...found.event.data, factors: ['21', '3A'] });
    return { label: 'factor 21 with other factors', expectedCode: 'ASSESSMENT_FACTOR_21_NOT_ALONE', events: before(h, found.at, bad) };
  },
  (h, c) => allocationToWorker(h, c, 'WORKER_HAS_LEFT'),
  (h, c) => allocationToWorker(h, c, 'WORKER_NOT_YET_JOINED'),
  (h, c) => {
    const found = firstOf(h, 'SocialWorkerChanged');
    if (found === undefined) return undefined;
    const bad = c.allocated(dateOf(found.event), found.event.data.toWorkerId, found.event.data.teamId);
    return { label: 'CaseAllocated while the case has a worker', expectedCode: 'CASE_ALREADY_ALLOCATED', events: before(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'SocialWorkerChanged');
    if (found === undefined) return undefined;
    const bad = c.workerChanged(dateOf(found.event), 'SW-NOT-CURRENT', found.event.data.toWorkerId);
    return { label: 'a change naming a worker who is not the current one', expectedCode: 'NOT_CURRENT_WORKER', events: before(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'SocialWorkerChanged');
    if (found === undefined) return undefined;
    const bad = c.workerChanged(dateOf(found.event), found.event.data.fromWorkerId, found.event.data.fromWorkerId);
    return { label: 'a change to the same worker', expectedCode: 'SAME_WORKER', events: before(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'CaseAllocated');
    if (found === undefined || h.events.slice(0, found.at).some((event) => event.type === 'CaseAllocated')) return undefined;
    const bad = c.workerChanged(dateOf(found.event), 'SW-NOBODY', found.event.data.workerId);
    return { label: 'a change of worker before any allocation', expectedCode: 'CASE_NOT_ALLOCATED', events: before(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'CaseClosed');
    if (found === undefined) return undefined;
    const bad = c.allocated(dateOf(found.event), `${h.childId}-SW-UNHEARD-OF`);
    return { label: 'an allocation after the case closed', expectedCode: 'CASE_CLOSED', events: upTo(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'CaseClosed');
    if (found === undefined) return undefined;
    return { label: 'closing a closed case', expectedCode: 'CASE_NOT_OPEN', events: upTo(h, found.at, c.closed(dateOf(found.event))) };
  },
  (h, c) => {
    const found = firstOf(h, 'PlanEnded');
    if (found === undefined) return undefined;
    const bad = c.planReviewed(addDays(dateOf(found.event), 1), found.event.data.planId);
    return { label: 'a review after the plan ended', expectedCode: 'PLAN_ENDED', events: upTo(h, found.at, bad) };
  },
  (h, c) => ({ label: 'a review of a plan never started', expectedCode: 'PLAN_NOT_FOUND', events: [...all(h), c.planReviewed(lastDate(h), 'PLAN-UNKNOWN')] }),
  (h, c) => {
    const found = firstOf(h, 'PlanStarted');
    if (found === undefined) return undefined;
    const bad = c.planStarted(dateOf(found.event), 'PLAN-TWIN', found.event.data.planType);
    return { label: 'a second open plan of the same type', expectedCode: 'PLANS_OVERLAP', events: upTo(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'ReferralReceived');
    if (found === undefined) return undefined;
    const bad = c.planStarted(dateOf(found.event), 'CARE-NOT-LOOKED-AFTER', 'CLA');
    return { label: 'a care plan for a child not looked after', expectedCode: 'NOT_LOOKED_AFTER', events: upTo(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'BecameLookedAfter');
    if (found === undefined) return undefined;
    const bad = c.becameLookedAfter(dateOf(found.event), 'CLA-OVERLAPPING');
    return { label: 'a period of care starting inside another', expectedCode: 'PERIODS_OVERLAP', events: upTo(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'CeasedToBeLookedAfter');
    if (found === undefined) return undefined;
    const bad = c.placementChanged(addDays(dateOf(found.event), 1), found.event.data.periodId, 'PL-AFTER-CEASING');
    return { label: 'a placement change after the period ceased', expectedCode: 'PERIOD_NOT_OPEN', events: upTo(h, found.at, bad) };
  },
  (h, c) => ({
    label: 'a placement change in a period never started',
    expectedCode: 'PERIOD_NOT_FOUND',
    events: [...all(h), c.placementChanged(lastDate(h), 'CLA-UNKNOWN', 'PL-X')],
  }),
  (h, c) => ({
    label: 'a visit seen alone but not seen',
    expectedCode: 'SEEN_ALONE_WITHOUT_SEEN',
    events: [...all(h), c.visit(lastDate(h), 'VIS-ALONE-UNSEEN', { seen: false, seenAlone: true })],
  }),
  (h, c) => ({
    label: 'disability NONE with a disability',
    expectedCode: 'DISABILITY_NONE_NOT_ALONE',
    events: [...all(h), c.childDetails(lastDate(h), { dateOfBirth: '2010-01-01', disabilities: ['NONE', 'MOB'] })],
  }),
  (h, c) => ({
    label: 'completing a section 47 enquiry never started',
    expectedCode: 'SECTION47_NOT_FOUND',
    events: [...all(h), c.section47Completed(lastDate(h), 'S47-UNKNOWN')],
  }),
  (h, c) => {
    const found = firstOf(h, 'MissingEpisodeStarted');
    if (found === undefined) return undefined;
    const bad = c.returnInterview(found.event.occurredAt, found.event.data.missingEpisodeId);
    return { label: 'a return home interview before the return', expectedCode: 'MISSING_EPISODE_NOT_ENDED', events: upTo(h, found.at, bad) };
  },
  (h, c) => {
    const found = firstOf(h, 'MissingEpisodeEnded');
    if (found === undefined) return undefined;
    const bad = c.missingEnded(found.event.occurredAt, found.event.data.missingEpisodeId);
    return { label: 'a missing episode ended twice', expectedCode: 'MISSING_EPISODE_ALREADY_ENDED', events: upTo(h, found.at, bad) };
  },
  (h, c) => ({
    label: 'retracting an event not in this child’s stream',
    expectedCode: 'EVENT_NOT_FOUND',
    events: [...all(h), c.retracted(lastDate(h), '00000000-0000-4000-8000-000000000000')],
  }),
  (h, c) => {
    const found = firstOf(h, 'EventRetracted');
    if (found === undefined) return undefined;
    return { label: 'retracting a retraction', expectedCode: 'CANNOT_RETRACT_A_RETRACTION', events: [...all(h), c.retracted(lastDate(h), found.event)] };
  },
  (h, c) => {
    const found = firstOf(h, 'EventRetracted');
    if (found === undefined) return undefined;
    const bad = c.retracted(lastDate(h), found.event.data.retractedEventId);
    return { label: 'retracting an event twice', expectedCode: 'ALREADY_RETRACTED', events: [...all(h), bad] };
  },
  (h, c) => {
    const referral = firstOf(h, 'ReferralReceived');
    if (referral === undefined) return undefined;
    const bad = c.retracted(lastDate(h), referral.event);
    return { label: 'retracting the referral its decision depends on', expectedCode: 'CONFLICTS_WITH_LATER_EVENT', events: [...all(h), bad] };
  },
  (h, c) => lateClosureBeforeAllocation(h, c),
];

/** The first allocation given to a worker the HR feed says had left (or had not joined) on that date. */
function allocationToWorker(h: GeneratedHistory, c: CaseEventFactory, code: 'WORKER_HAS_LEFT' | 'WORKER_NOT_YET_JOINED'): Variant | undefined {
  const at = h.events.findIndex((event) => event.type === 'CaseAllocated' || event.type === 'SocialWorkerChanged');
  if (at < 0) return undefined;
  const original = h.events[at] as EventOfType<'CaseAllocated' | 'SocialWorkerChanged'>;
  const on = dateOf(original);
  const workerId = `${h.childId}-${code === 'WORKER_HAS_LEFT' ? 'SW-WHO-LEFT' : 'SW-NOT-YET-JOINED'}`;
  const feed = workerEventFactory(`${h.childId}#${workerId}`);
  const workerEvents =
    code === 'WORKER_HAS_LEFT' ? [feed.joined(addDays(on, -30), workerId), feed.left(addDays(on, -1), workerId)] : [feed.joined(addDays(on, 1), workerId)];
  const bad =
    original.type === 'CaseAllocated'
      ? c.allocated(on, workerId, original.data.teamId)
      : c.workerChanged(on, original.data.fromWorkerId, workerId, { teamId: original.data.teamId });
  const label = code === 'WORKER_HAS_LEFT' ? 'an allocation to a worker who had left' : 'an allocation to a worker who joined later';
  return { label, expectedCode: code, workerEvents, events: before(h, at, bad) };
}

/** A closure recorded late, dated on a referral's day, before an allocation that needs the case open. */
function lateClosureBeforeAllocation(h: GeneratedHistory, c: CaseEventFactory): Variant | undefined {
  const referral = firstOf(h, 'ReferralReceived');
  const allocation = referral && firstOf(h, 'CaseAllocated', (event) => dateOf(event) > dateOf(referral.event));
  if (referral === undefined || allocation === undefined) return undefined;
  const closedBefore = h.events.slice(referral.at, allocation.at).some((event) => event.type === 'CaseClosed');
  if (closedBefore) return undefined;
  return {
    label: 'a late closure that a later allocation contradicts',
    expectedCode: 'CONFLICTS_WITH_LATER_EVENT',
    events: [...all(h), c.closed(dateOf(referral.event))],
  };
}
