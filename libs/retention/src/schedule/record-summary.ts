import { occurredOnDate, type ChildEvent } from '@csc/contracts';
import { caseFactsOf, evolveChildCase, initialChildCaseState, isCaseOpen } from '@csc/domain';
import type { RecordKind } from './retention-schedule';
import type { RecordSummary } from './retention-judgement';

/** What the retention rules need from a child's events: the date of birth, the kinds of work done, and when it closed. */
export function summariseRecord(childId: string, events: readonly ChildEvent[]): RecordSummary {
  const state = events.reduce(evolveChildCase, initialChildCaseState);
  const facts = caseFactsOf(state);
  const details = facts.childDetails[facts.childDetails.length - 1];
  const plans = [...facts.plans.values()];
  const kinds: RecordKind[] = [];
  // A care leaver's pathway plan is kept as a looked-after child's record: only a child who was looked after has one.
  if (facts.periodsOfCare.size > 0 || plans.some((plan) => plan.planType === 'CLA' || plan.planType === 'PATHWAY')) kinds.push('looked-after');
  if (facts.section47Enquiries.size > 0 || facts.conferences.size > 0 || plans.some((plan) => plan.planType === 'CP')) kinds.push('child-protection');
  kinds.push('child-in-need');
  const open =
    isCaseOpen(state) || plans.some((plan) => plan.end === undefined) || [...facts.periodsOfCare.values()].some((period) => period.end === undefined);
  const lastEpisode = facts.episodes[facts.episodes.length - 1];
  // A record with no referral (a contact, or details only) closed with its last event.
  const lastEventOn = events.reduce((latest, event) => (occurredOnDate(event.occurredAt) > latest ? occurredOnDate(event.occurredAt) : latest), '0000-01-01');
  const closedOn = open ? undefined : (lastEpisode?.closure?.on ?? (lastEpisode ? undefined : lastEventOn));
  return {
    childId,
    ...(details?.dateOfBirth || details?.expectedDateOfBirth ? { dateOfBirth: details.dateOfBirth ?? details.expectedDateOfBirth } : {}),
    kinds,
    open,
    ...(closedOn ? { closedOn } : {}),
  };
}
