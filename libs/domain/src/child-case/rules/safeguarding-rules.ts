// Safeguarding: strategy discussions, the section 47 enquiries they start, and child protection conferences.
import type { EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';
import { caseNotOpen, episodeClosedBefore, episodeNotOpen, idAlreadyUsed, unknownPieceOfWork } from './case-episode-rules';
import type { RuleInput } from './rule-input';

export function strategyDiscussionHeldRules(input: RuleInput<EventOfType<'StrategyDiscussionHeld'>>): DomainError | undefined {
  const { strategyDiscussionId, referralId, section47Started, section47Id } = input.event.data;
  const { facts } = input;
  const startsEnquiry = section47Started && section47Id !== undefined;
  return (
    idAlreadyUsed(input, 'strategy discussion', strategyDiscussionId, facts.strategyDiscussions.has(strategyDiscussionId), 'data.strategyDiscussionId') ??
    (startsEnquiry ? idAlreadyUsed(input, 'section 47 enquiry', section47Id, facts.section47Enquiries.has(section47Id), 'data.section47Id') : undefined) ??
    namedReferral(input, referralId) ??
    caseNotOpen(input, 'a strategy discussion')
  );
}

function namedReferral(input: RuleInput, referralId: string | undefined): DomainError | undefined {
  if (referralId === undefined) return undefined;
  const referral = input.facts.referrals.get(referralId);
  if (referral === undefined) return unknownPieceOfWork(input, 'referral', referralId, 'REFERRAL_NOT_FOUND', 'data.referralId');
  return episodeNotOpen(input, referral.episode, 'a strategy discussion', referralId);
}

export function section47EnquiryCompletedRules(input: RuleInput<EventOfType<'Section47EnquiryCompleted'>>): DomainError | undefined {
  const { section47Id } = input.event.data;
  const enquiry = input.facts.section47Enquiries.get(section47Id);
  if (enquiry === undefined) return unknownPieceOfWork(input, 'section 47 enquiry', section47Id, 'SECTION47_NOT_FOUND', 'data.section47Id');
  if (enquiry.completion !== undefined) {
    return refusal(
      'SECTION47_ALREADY_COMPLETED',
      `Section 47 enquiry ${section47Id} was already completed on ${enquiry.completion.on}. ` +
        `To correct the outcome, retract that Section47EnquiryCompleted (${enquiry.completion.eventId}) and send the right one.`,
      'data.section47Id',
    );
  }
  return episodeClosedBefore(input, enquiry.episode, `section 47 enquiry ${section47Id}`);
}

/** An ICPC needs an open case; when it names an enquiry, that enquiry must have started on or before it. */
export function initialConferenceHeldRules(input: RuleInput<EventOfType<'InitialChildProtectionConferenceHeld'>>): DomainError | undefined {
  const { conferenceId, section47Id } = input.event.data;
  const { facts } = input;
  const unknownEnquiry =
    section47Id !== undefined && !facts.section47Enquiries.has(section47Id)
      ? unknownPieceOfWork(input, 'section 47 enquiry', section47Id, 'SECTION47_NOT_FOUND', 'data.section47Id')
      : undefined;
  return (
    idAlreadyUsed(input, 'conference', conferenceId, facts.conferences.has(conferenceId), 'data.conferenceId') ??
    unknownEnquiry ??
    caseNotOpen(input, 'an initial child protection conference')
  );
}

/** A pre-birth conference is for an unborn child: an expected date of birth recorded, and no date of birth by then. */
export function preBirthConferenceHeldRules(input: RuleInput<EventOfType<'PreBirthConferenceHeld'>>): DomainError | undefined {
  const { conferenceId } = input.event.data;
  return (
    idAlreadyUsed(input, 'conference', conferenceId, input.facts.conferences.has(conferenceId), 'data.conferenceId') ??
    notUnborn(input) ??
    caseNotOpen(input, 'a pre-birth conference')
  );
}

function notUnborn(input: RuleInput): DomainError | undefined {
  const details = input.facts.childDetails;
  const born = details.find((fact) => fact.dateOfBirth !== undefined);
  if (born !== undefined) {
    return refusal(
      'NOT_AN_UNBORN_CHILD',
      `A pre-birth conference on ${input.on} is for an unborn child, but a date of birth (${born.dateOfBirth}) was recorded on ${born.on}. ` +
        `Send an InitialChildProtectionConferenceHeld instead.`,
      'type',
    );
  }
  if (details.some((fact) => fact.expectedDateOfBirth !== undefined)) return undefined;
  return refusal(
    'NOT_AN_UNBORN_CHILD',
    `A pre-birth conference on ${input.on} is for an unborn child, but no expected date of birth was recorded on or before that date. ` +
      `Send ChildDetailsRecorded with expectedDateOfBirth first, or check the conference is recorded on the right child.`,
    'childId',
  );
}
