// Read-only questions about a child's case on a date, for read models and the auditors' "state as of" view.
// "On a date" means at the end of that day: after every event that occurred on or before it (by occurredAt).
import type { ChildEvent } from '@csc/contracts';
import type { AllocationFact, CaseFacts, PeriodOfCareFact, PlanFact } from './case-facts';
import { caseFactsOf, type ChildCaseState } from './child-case-state';

/**
 * Where a case stands on a date, by precedence (the first that holds): the most intensive statutory status the child
 * holds decides which duties and clocks apply, the order the DfE uses (looked after, then CP plan, then child in need).
 * - 'not-known': no referral yet (and not looked after); 'closed': the last episode has closed;
 * - 'looked-after' also with no referral: a period of care recorded alone (an SSDA903 return) makes the child known;
 * - 'looked-after': a period of care is open; 'child-protection': a CP plan is open;
 * - 'care-leaver': a PATHWAY plan is open (and the child is not looked after);
 * - 'child-in-need': a CIN plan is open, or an assessment of this episode found the child in need;
 * - 'assessment': an assessment or a section 47 enquiry of this episode is in progress;
 * - 'referral': open at the front door, none of the above (awaiting a decision, or closure after no further action).
 */
export const CASE_STATUSES = ['not-known', 'closed', 'looked-after', 'child-protection', 'care-leaver', 'child-in-need', 'assessment', 'referral'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The allocation in force on a date (or now): worker, team, since when, and the event that made it. */
export function currentAllocation(state: ChildCaseState, onDate?: string): AllocationFact | undefined {
  const { allocations } = caseFactsOf(state, onDate);
  const last = allocations[allocations.length - 1];
  return last !== undefined && last.end === undefined ? last : undefined;
}

/** Every allocation in date order, each with its end (by a change, an unallocation or the case closing). */
export function allocationHistory(state: ChildCaseState, asOf?: string): readonly AllocationFact[] {
  return caseFactsOf(state, asOf).allocations;
}

/** The different workers who held the case at any time between two dates (inclusive): the DfE continuity count. */
export function workersAllocatedBetween(state: ChildCaseState, from: string, to: string): string[] {
  const held = allocationHistory(state, to).filter((allocation) => allocation.end === undefined || allocation.end.on >= from);
  return [...new Set(held.map((allocation) => allocation.workerId))];
}

export function openPlans(state: ChildCaseState, onDate?: string): PlanFact[] {
  return [...caseFactsOf(state, onDate).plans.values()].filter((plan) => plan.end === undefined);
}

export function plansOf(state: ChildCaseState, asOf?: string): PlanFact[] {
  return [...caseFactsOf(state, asOf).plans.values()];
}

/** The period of care open at the end of a date (a period that ceased that day is over, as in the SSDA903). */
export function currentPeriodOfCare(state: ChildCaseState, onDate?: string): PeriodOfCareFact | undefined {
  return openPeriod(caseFactsOf(state, onDate));
}

export function isLookedAfter(state: ChildCaseState, onDate: string): boolean {
  return currentPeriodOfCare(state, onDate) !== undefined;
}

export function periodsOfCare(state: ChildCaseState, asOf?: string): PeriodOfCareFact[] {
  return [...caseFactsOf(state, asOf).periodsOfCare.values()];
}

export function isCaseOpen(state: ChildCaseState, onDate?: string): boolean {
  const { episodes } = caseFactsOf(state, onDate);
  return episodes.length > 0 && episodes[episodes.length - 1].closure === undefined;
}

export function caseStatus(state: ChildCaseState, onDate: string): CaseStatus {
  return statusOf(caseFactsOf(state, onDate));
}

export function statusOf(facts: CaseFacts): CaseStatus {
  const episode = facts.episodes[facts.episodes.length - 1];
  if (episode === undefined) return openPeriod(facts) !== undefined ? 'looked-after' : 'not-known';
  if (episode.closure !== undefined) return 'closed';
  if (openPeriod(facts) !== undefined) return 'looked-after';
  const open = [...facts.plans.values()].filter((plan) => plan.end === undefined).map((plan) => plan.planType);
  if (open.includes('CP')) return 'child-protection';
  if (open.includes('PATHWAY')) return 'care-leaver';
  const assessments = [...facts.assessments.values()].filter((assessment) => assessment.episode === episode.index);
  if (open.includes('CIN') || assessments.some((assessment) => assessment.authorisation?.outcome === 'child-in-need')) return 'child-in-need';
  const enquiries = [...facts.section47Enquiries.values()].filter((enquiry) => enquiry.episode === episode.index);
  if (assessments.some((a) => a.authorisation === undefined) || enquiries.some((e) => e.completion === undefined)) return 'assessment';
  return 'referral';
}

/** The accepted, non-retracted events in occurredAt order: the history an auditor reads. */
export function acceptedEvents(state: ChildCaseState, asOf?: string): ChildEvent[] {
  return state.timeline.filter((entry) => asOf === undefined || entry.on <= asOf).map((entry) => entry.event);
}

function openPeriod(facts: CaseFacts): PeriodOfCareFact | undefined {
  for (const period of facts.periodsOfCare.values()) if (period.end === undefined) return period;
  return undefined;
}
