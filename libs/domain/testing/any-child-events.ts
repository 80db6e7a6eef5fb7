// Contract-valid child events in any order and combination: histories the domain would mostly refuse, for
// checking that folding, deciding and the queries never throw.
import fc from 'fast-check';
import { CASE_EVENT_TYPES, type ChildEvent } from '@csc/contracts';
import { caseEventFactory } from './case-event-factory';
import { addDays } from './calendar-days';

const step = fc.record({
  type: fc.constantFrom(...CASE_EVENT_TYPES),
  day: fc.integer({ min: 0, max: 60 }),
  hour: fc.option(fc.integer({ min: 0, max: 23 })),
  id: fc.constantFrom('A', 'B', 'C'),
  other: fc.constantFrom('A', 'B', 'C'),
  flag: fc.boolean(),
  flag2: fc.boolean(),
  pick: fc.nat(),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

export function anyChildEventsArbitrary(childId = 'C-ANY', maxLength = 40): fc.Arbitrary<ChildEvent[]> {
  return fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.array(step, { maxLength })).map(([seed, steps]) => {
    const c = caseEventFactory(childId, `${childId}:${seed}`);
    const events: ChildEvent[] = [];
    for (const s of steps) events.push(eventOf(c, s, events));
    return events;
  });
}

function eventOf(c: ReturnType<typeof caseEventFactory>, s: Step, earlier: readonly ChildEvent[]): ChildEvent {
  const on = addDays('2024-03-20', s.day);
  const at = s.hour === null ? on : `${on}T${String(s.hour).padStart(2, '0')}:15:00Z`;
  switch (s.type) {
    case 'ChildDetailsRecorded':
      return c.childDetails(at, {
        ...(s.flag ? { dateOfBirth: addDays(on, s.flag2 ? 30 : -900) } : { expectedDateOfBirth: addDays(on, 60) }),
        disabilities: s.flag2 ? ['NONE', 'MOB'] : ['NONE'],
      });
    case 'ContactReceived':
      return c.contact(at, s.id);
    case 'ReferralReceived':
      return c.referral(at, s.id);
    case 'ReferralDecisionMade':
      return c.decision(at, s.id, s.flag ? 'strategy-discussion' : 'assessment');
    case 'StrategyDiscussionHeld':
      return c.strategyDiscussion(at, s.id, { referralId: s.flag2 ? s.other : undefined, section47Id: s.flag ? s.other : undefined });
    case 'Section47EnquiryCompleted':
      return c.section47Completed(at, s.id, s.flag);
    case 'AssessmentStarted':
      return c.assessmentStarted(at, s.id, s.other);
    case 'AssessmentAuthorised':
      return c.assessmentAuthorised(at, s.id, { factors: s.flag ? ['21', '3A'] : ['3A'] });
    case 'CaseAllocated':
      return c.allocated(at, s.id);
    case 'SocialWorkerChanged':
      return c.workerChanged(at, s.id, s.other);
    case 'CaseUnallocated':
      return c.unallocated(at, s.id);
    case 'InitialChildProtectionConferenceHeld':
      return c.icpc(at, s.id, { section47Id: s.flag2 ? s.other : undefined, planRequired: s.flag });
    case 'PreBirthConferenceHeld':
      return c.preBirthConference(at, s.id, s.flag);
    case 'PlanStarted':
      return c.planStarted(at, s.id, (['CIN', 'CP', 'CLA', 'PATHWAY'] as const)[s.pick % 4]);
    case 'PlanReviewed':
      return c.planReviewed(at, s.id);
    case 'PlanEnded':
      return c.planEnded(at, s.id);
    case 'BecameLookedAfter':
      return c.becameLookedAfter(at, s.id);
    case 'PlacementChanged':
      return c.placementChanged(at, s.id, s.other);
    case 'LegalStatusChanged':
      return c.legalStatusChanged(at, s.id);
    case 'CeasedToBeLookedAfter':
      return c.ceased(at, s.id);
    case 'StatutoryVisitMade':
      return c.visit(at, s.id, { seen: s.flag, seenAlone: s.flag2 });
    case 'HealthAssessmentCompleted':
      return c.healthAssessment(at, s.id);
    case 'MissingEpisodeStarted':
      return c.missingStarted(at, s.id);
    case 'MissingEpisodeEnded':
      return c.missingEnded(at, s.id);
    case 'ReturnHomeInterviewCompleted':
      return c.returnInterview(at, s.id);
    case 'CaseClosed':
      return c.closed(at);
    case 'EventRetracted':
      return c.retracted(on, earlier.length === 0 || s.flag ? '00000000-0000-4000-8000-00000000abcd' : earlier[s.pick % earlier.length]);
  }
}
