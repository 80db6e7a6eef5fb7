// Plans (CIN, CP, CLA, PATHWAY): one open plan of each type at a time, reviewed and ended only while open.
import type { EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';
import type { PlanFact } from '../case-facts';
import { caseNotOpen, idAlreadyUsed, unknownPieceOfWork } from './case-episode-rules';
import { lookedAfterOn } from './looked-after-rules';
import type { RuleInput } from './rule-input';

/**
 * A CP plan needs no conference recorded first (a plan transferred in from another authority starts without one
 * here); a CLA plan needs the child looked after on its start date; a PATHWAY plan needs nothing (care may predate
 * these records).
 */
export function planStartedRules(input: RuleInput<EventOfType<'PlanStarted'>>): DomainError | undefined {
  const { planId, planType } = input.event.data;
  return (
    idAlreadyUsed(input, 'plan', planId, input.facts.plans.has(planId), 'data.planId') ??
    caseNotOpen(input, `a ${planType} plan`) ??
    sameTypeOpen(input) ??
    (planType === 'CLA' ? notLookedAfterForCarePlan(input) : undefined)
  );
}

function sameTypeOpen(input: RuleInput<EventOfType<'PlanStarted'>>): DomainError | undefined {
  const open = input.facts.openPlanOfType(input.event.data.planType);
  if (open === undefined || input.mode === 'recorded') return undefined;
  return refusal(
    'PLANS_OVERLAP',
    `${open.planType} plan ${open.planId} is open since ${open.on}; a child has one ${open.planType} plan at a time. ` +
      `End it (PlanEnded) on or before ${input.on} first, or review it instead of starting ${input.event.data.planId}.`,
    'data.planType',
  );
}

function notLookedAfterForCarePlan(input: RuleInput<EventOfType<'PlanStarted'>>): DomainError | undefined {
  if (lookedAfterOn(input) !== undefined) return undefined;
  return refusal(
    'NOT_LOOKED_AFTER',
    `A CLA (care) plan starting on ${input.on} needs the child looked after on that date, and no period of care is open then. ` +
      `Send BecameLookedAfter first, or use the plan type that fits (CIN, CP, PATHWAY).`,
    'data.planType',
  );
}

export function planReviewedRules(input: RuleInput<EventOfType<'PlanReviewed'>>): DomainError | undefined {
  const plan = input.facts.plans.get(input.event.data.planId);
  if (plan === undefined) return unknownPieceOfWork(input, 'plan', input.event.data.planId, 'PLAN_NOT_FOUND', 'data.planId');
  if (plan.end === undefined || plan.end.on >= input.on) return undefined;
  return refusal(
    'PLAN_ENDED',
    `Plan ${plan.planId} cannot be reviewed on ${input.on}: ${howItEnded(input, plan)}. Check the planId or the review date.`,
    'occurredAt',
  );
}

/** An explicit end may replace an end implied by closure or by the next plan, if dated on or before it. */
export function planEndedRules(input: RuleInput<EventOfType<'PlanEnded'>>): DomainError | undefined {
  const plan = input.facts.plans.get(input.event.data.planId);
  if (plan === undefined) return unknownPieceOfWork(input, 'plan', input.event.data.planId, 'PLAN_NOT_FOUND', 'data.planId');
  const { end } = plan;
  if (end === undefined || (end.by !== 'recorded' && end.on >= input.on)) return undefined;
  if (end.by === 'superseded') {
    return refusal(
      'PLANS_OVERLAP',
      `${plan.planType} plan ${plan.planId} cannot end on ${input.on}: ${howItEnded(input, plan)}, and two ${plan.planType} plans cannot overlap. ` +
        `Send its end dated on or before ${end.on}.`,
      'occurredAt',
    );
  }
  return refusal(
    'PLAN_ENDED',
    `Plan ${plan.planId} cannot end on ${input.on}: ${howItEnded(input, plan)}. Retract that end first to correct it.`,
    'occurredAt',
  );
}

function howItEnded(input: RuleInput, plan: PlanFact): string {
  const end = plan.end!;
  if (end.by === 'recorded') return `it already ended on ${end.on} (PlanEnded ${end.eventId})`;
  if (end.by === 'case-closed') return `it ended when the case closed on ${end.on}`;
  const next = [...input.facts.plans.values()].find((other) => other.eventId === end.eventId);
  return `it ended at the latest on ${end.on}, when ${plan.planType} plan ${next?.planId ?? end.eventId} started`;
}
