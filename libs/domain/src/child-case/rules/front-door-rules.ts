// The front door: contacts, referrals (which open or re-open the case) and the decision on each referral.
import type { EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';
import { episodeClosedBefore, idAlreadyUsed, unknownPieceOfWork } from './case-episode-rules';
import type { RuleInput } from './rule-input';

export function contactReceivedRules(input: RuleInput<EventOfType<'ContactReceived'>>): DomainError | undefined {
  const { contactId } = input.event.data;
  return idAlreadyUsed(input, 'contact', contactId, input.facts.contacts.has(contactId), 'data.contactId');
}

/** A referral is accepted whether the case is open (another referral) or closed (a re-referral that re-opens it). */
export function referralReceivedRules(input: RuleInput<EventOfType<'ReferralReceived'>>): DomainError | undefined {
  const { referralId } = input.event.data;
  return idAlreadyUsed(input, 'referral', referralId, input.facts.referrals.has(referralId), 'data.referralId');
}

export function referralDecisionMadeRules(input: RuleInput<EventOfType<'ReferralDecisionMade'>>): DomainError | undefined {
  const { referralId } = input.event.data;
  const referral = input.facts.referrals.get(referralId);
  if (referral === undefined) return unknownPieceOfWork(input, 'referral', referralId, 'REFERRAL_NOT_FOUND', 'data.referralId');
  if (referral.decision !== undefined) {
    return refusal(
      'REFERRAL_ALREADY_DECIDED',
      `Referral ${referralId} already has a decision (${referral.decision.decision}, on ${referral.decision.on}). ` +
        `To correct it, retract that ReferralDecisionMade (${referral.decision.eventId}) and send the right one.`,
      'data.referralId',
    );
  }
  return episodeClosedBefore(input, referral.episode, `referral ${referralId} without a decision`);
}
