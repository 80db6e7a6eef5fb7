// Child and family assessments: started from a referral, authorised (completed) once.
import type { EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';
import { caseNotOpen, episodeClosedBefore, episodeNotOpen, idAlreadyUsed, unknownPieceOfWork } from './case-episode-rules';
import type { RuleInput } from './rule-input';

export function assessmentStartedRules(input: RuleInput<EventOfType<'AssessmentStarted'>>): DomainError | undefined {
  const { assessmentId, referralId } = input.event.data;
  const { facts } = input;
  const used = idAlreadyUsed(input, 'assessment', assessmentId, facts.assessments.has(assessmentId), 'data.assessmentId');
  if (used !== undefined) return used;
  const referral = facts.referrals.get(referralId);
  if (referral === undefined) return unknownPieceOfWork(input, 'referral', referralId, 'REFERRAL_NOT_FOUND', 'data.referralId');
  return episodeNotOpen(input, referral.episode, 'an assessment', referralId) ?? caseNotOpen(input, 'an assessment');
}

export function assessmentAuthorisedRules(input: RuleInput<EventOfType<'AssessmentAuthorised'>>): DomainError | undefined {
  const { assessmentId } = input.event.data;
  const assessment = input.facts.assessments.get(assessmentId);
  if (assessment === undefined) return unknownPieceOfWork(input, 'assessment', assessmentId, 'ASSESSMENT_NOT_FOUND', 'data.assessmentId');
  if (assessment.authorisation !== undefined) {
    return refusal(
      'ASSESSMENT_ALREADY_AUTHORISED',
      `Assessment ${assessmentId} was already authorised on ${assessment.authorisation.on}. ` +
        `To correct it, retract that AssessmentAuthorised (${assessment.authorisation.eventId}) and send the right one.`,
      'data.assessmentId',
    );
  }
  return episodeClosedBefore(input, assessment.episode, `assessment ${assessmentId}`);
}
