import type { CaseEvent, ChildEvent } from '@csc/contracts';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** One line saying what a child's event records, for a person reading the timeline. */
export function summariseEvent(event: CaseEvent): string {
  if (!('childId' in event) || event.childId === undefined) return `${event.type} (not a child's event)`;
  const child = event as ChildEvent;
  switch (child.type) {
    case 'ChildDetailsRecorded': {
      const { dateOfBirth, expectedDateOfBirth, gender, ethnicity, disabilities } = child.data;
      const born = dateOfBirth ? `born ${dateOfBirth}` : `expected ${expectedDateOfBirth ?? 'unknown'}`;
      return `details: ${born}, gender ${gender}, ethnicity ${ethnicity}, disabilities ${disabilities.join('/')}`;
    }
    case 'ContactReceived':
      return `contact ${child.data.contactId} from source ${child.data.source}`;
    case 'ReferralReceived':
      return `referral ${child.data.referralId} from source ${child.data.source}, primary need ${child.data.primaryNeed}`;
    case 'ReferralDecisionMade':
      return `referral ${child.data.referralId}: decision ${child.data.decision}`;
    case 'StrategyDiscussionHeld':
      return `strategy discussion ${child.data.strategyDiscussionId}${child.data.section47Started ? `, started s47 ${child.data.section47Id}` : ', no s47'}`;
    case 'Section47EnquiryCompleted':
      return `s47 ${child.data.section47Id} completed, ICPC needed: ${yesNo(child.data.icpcRequired)}`;
    case 'AssessmentStarted':
      return `assessment ${child.data.assessmentId} started (referral ${child.data.referralId})`;
    case 'AssessmentAuthorised':
      return `assessment ${child.data.assessmentId} authorised: ${child.data.outcome}, factors ${child.data.factors.join('/') || 'none'}`;
    case 'CaseAllocated':
      return `allocated to worker ${child.data.workerId}, team ${child.data.teamId}`;
    case 'SocialWorkerChanged':
      return `worker ${child.data.fromWorkerId} -> ${child.data.toWorkerId}, team ${child.data.teamId} (${child.data.reason})`;
    case 'CaseUnallocated':
      return `unallocated from worker ${child.data.workerId} (${child.data.reason})`;
    case 'InitialChildProtectionConferenceHeld':
      return `ICPC ${child.data.conferenceId}, plan: ${yesNo(child.data.planRequired)}${child.data.categoryOfAbuse ? ` (${child.data.categoryOfAbuse})` : ''}`;
    case 'PreBirthConferenceHeld':
      return `pre-birth conference ${child.data.conferenceId}, plan: ${yesNo(child.data.planRequired)}`;
    case 'PlanStarted':
      return `${child.data.planType} plan ${child.data.planId} started`;
    case 'PlanReviewed':
      return `plan ${child.data.planId} reviewed`;
    case 'PlanEnded':
      return `plan ${child.data.planId} ended`;
    case 'BecameLookedAfter':
      return `looked after (period ${child.data.periodId}), legal status ${child.data.legalStatus}, placement ${child.data.placementId} ${child.data.placementType}`;
    case 'PlacementChanged':
      return `placement ${child.data.placementId} ${child.data.placementType}${child.data.longTerm ? ' long-term' : ''} (${child.data.reason})`;
    case 'LegalStatusChanged':
      return `legal status ${child.data.legalStatus} (period ${child.data.periodId})`;
    case 'CeasedToBeLookedAfter':
      return `ceased to be looked after (period ${child.data.periodId}, ${child.data.reason})`;
    case 'StatutoryVisitMade':
      return `visit ${child.data.visitId}: seen ${yesNo(child.data.seen)}, seen alone ${yesNo(child.data.seenAlone)}`;
    case 'HealthAssessmentCompleted':
      return `${child.data.assessmentType} health assessment ${child.data.healthAssessmentId}`;
    case 'MissingEpisodeStarted':
      return `went missing (episode ${child.data.missingEpisodeId})`;
    case 'MissingEpisodeEnded':
      return `returned (episode ${child.data.missingEpisodeId})`;
    case 'ReturnHomeInterviewCompleted':
      return `return home interview (episode ${child.data.missingEpisodeId})`;
    case 'CaseClosed':
      return `case closed (${child.data.reason})`;
    case 'EventRetracted':
      return `retracts ${child.data.retractedEventId}: ${child.data.reason}`;
    default:
      return (child as { type: string }).type;
  }
}
