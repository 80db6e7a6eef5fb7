// The rules of a case that need its history, one function per event type. The switch is exhaustive: a new event
// type in the contract does not compile until it is given its rules here.
import type { DomainError } from '../../domain-error';
import { ignoreUnknownType } from '../../timeline/dated-timeline';
import { caseAllocatedRules, caseUnallocatedRules, socialWorkerChangedRules } from './allocation-rules';
import { assessmentAuthorisedRules, assessmentStartedRules } from './assessment-rules';
import { childDetailsRecordedRules } from './child-details-rules';
import { caseClosedRules } from './closure-rules';
import { contactReceivedRules, referralDecisionMadeRules, referralReceivedRules } from './front-door-rules';
import { becameLookedAfterRules, ceasedToBeLookedAfterRules, changeInPeriodRules, healthAssessmentCompletedRules } from './looked-after-rules';
import { planEndedRules, planReviewedRules, planStartedRules } from './plan-rules';
import type { RuleInput } from './rule-input';
import { initialConferenceHeldRules, preBirthConferenceHeldRules, section47EnquiryCompletedRules, strategyDiscussionHeldRules } from './safeguarding-rules';
import {
  missingEpisodeEndedRules,
  missingEpisodeStartedRules,
  returnHomeInterviewCompletedRules,
  statutoryVisitMadeRules,
} from './visit-and-missing-episode-rules';

export function caseRules(input: RuleInput): DomainError | undefined {
  const { event } = input;
  switch (event.type) {
    case 'ChildDetailsRecorded':
      return childDetailsRecordedRules({ ...input, event });
    case 'ContactReceived':
      return contactReceivedRules({ ...input, event });
    case 'ReferralReceived':
      return referralReceivedRules({ ...input, event });
    case 'ReferralDecisionMade':
      return referralDecisionMadeRules({ ...input, event });
    case 'StrategyDiscussionHeld':
      return strategyDiscussionHeldRules({ ...input, event });
    case 'Section47EnquiryCompleted':
      return section47EnquiryCompletedRules({ ...input, event });
    case 'AssessmentStarted':
      return assessmentStartedRules({ ...input, event });
    case 'AssessmentAuthorised':
      return assessmentAuthorisedRules({ ...input, event });
    case 'CaseAllocated':
      return caseAllocatedRules({ ...input, event });
    case 'SocialWorkerChanged':
      return socialWorkerChangedRules({ ...input, event });
    case 'CaseUnallocated':
      return caseUnallocatedRules({ ...input, event });
    case 'InitialChildProtectionConferenceHeld':
      return initialConferenceHeldRules({ ...input, event });
    case 'PreBirthConferenceHeld':
      return preBirthConferenceHeldRules({ ...input, event });
    case 'PlanStarted':
      return planStartedRules({ ...input, event });
    case 'PlanReviewed':
      return planReviewedRules({ ...input, event });
    case 'PlanEnded':
      return planEndedRules({ ...input, event });
    case 'BecameLookedAfter':
      return becameLookedAfterRules({ ...input, event });
    case 'PlacementChanged':
    case 'LegalStatusChanged':
      return changeInPeriodRules({ ...input, event });
    case 'CeasedToBeLookedAfter':
      return ceasedToBeLookedAfterRules({ ...input, event });
    case 'StatutoryVisitMade':
      return statutoryVisitMadeRules({ ...input, event });
    case 'HealthAssessmentCompleted':
      return healthAssessmentCompletedRules({ ...input, event });
    case 'MissingEpisodeStarted':
      return missingEpisodeStartedRules({ ...input, event });
    case 'MissingEpisodeEnded':
      return missingEpisodeEndedRules({ ...input, event });
    case 'ReturnHomeInterviewCompleted':
      return returnHomeInterviewCompletedRules({ ...input, event });
    case 'CaseClosed':
      return caseClosedRules({ ...input, event });
    case 'EventRetracted':
      return undefined; // judged against the stream's record of events, in retraction-rules.ts
    default:
      return ignoreUnknownType(event);
  }
}
