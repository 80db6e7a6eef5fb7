// Statutory visits, and missing episodes with their return home interviews.
import type { EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';
import { instantOf } from '../../timeline/dated-timeline';
import type { MomentFact } from '../case-facts';
import { idAlreadyUsed, unknownPieceOfWork } from './case-episode-rules';
import type { RuleInput } from './rule-input';

export function statutoryVisitMadeRules(input: RuleInput<EventOfType<'StatutoryVisitMade'>>): DomainError | undefined {
  const { visitId } = input.event.data;
  return idAlreadyUsed(input, 'visit', visitId, input.facts.visits.has(visitId), 'data.visitId');
}

export function missingEpisodeStartedRules(input: RuleInput<EventOfType<'MissingEpisodeStarted'>>): DomainError | undefined {
  const { missingEpisodeId } = input.event.data;
  return idAlreadyUsed(input, 'missing episode', missingEpisodeId, input.facts.missingEpisodes.has(missingEpisodeId), 'data.missingEpisodeId');
}

export function missingEpisodeEndedRules(input: RuleInput<EventOfType<'MissingEpisodeEnded'>>): DomainError | undefined {
  const { missingEpisodeId } = input.event.data;
  const episode = input.facts.missingEpisodes.get(missingEpisodeId);
  if (episode === undefined) return unknownPieceOfWork(input, 'missing episode', missingEpisodeId, 'MISSING_EPISODE_NOT_FOUND', 'data.missingEpisodeId');
  if (episode.end !== undefined) {
    return refusal(
      'MISSING_EPISODE_ALREADY_ENDED',
      `Missing episode ${missingEpisodeId} already ended at ${episode.end.occurredAt}. To correct it, retract that MissingEpisodeEnded (${episode.end.eventId}) first.`,
      'data.missingEpisodeId',
    );
  }
  return momentBefore(input, episode, 'the child went missing');
}

export function returnHomeInterviewCompletedRules(input: RuleInput<EventOfType<'ReturnHomeInterviewCompleted'>>): DomainError | undefined {
  const { missingEpisodeId } = input.event.data;
  const episode = input.facts.missingEpisodes.get(missingEpisodeId);
  if (episode === undefined) return unknownPieceOfWork(input, 'missing episode', missingEpisodeId, 'MISSING_EPISODE_NOT_FOUND', 'data.missingEpisodeId');
  if (episode.end === undefined) return notEnded(input, missingEpisodeId);
  if (episode.returnInterview !== undefined) {
    return refusal(
      'RETURN_INTERVIEW_ALREADY_RECORDED',
      `Missing episode ${missingEpisodeId} already has its return home interview (${episode.returnInterview.occurredAt}). ` +
        `To correct it, retract that ReturnHomeInterviewCompleted (${episode.returnInterview.eventId}) first.`,
      'data.missingEpisodeId',
    );
  }
  return momentBefore(input, episode.end, 'the child returned');
}

function notEnded(input: RuleInput, missingEpisodeId: string): DomainError {
  const end = input.later.introducing('missing episode end', missingEpisodeId, input.event.eventId);
  if (end !== undefined) {
    return refusal(
      'DATE_OUT_OF_SEQUENCE',
      `The return home interview is dated ${input.on}, before the child returned from missing episode ${missingEpisodeId} on ${end.on} ` +
        `(MissingEpisodeEnded ${end.event.eventId}). Correct occurredAt.`,
      'occurredAt',
    );
  }
  return refusal(
    'MISSING_EPISODE_NOT_ENDED',
    `Missing episode ${missingEpisodeId} has no recorded return on or before ${input.on}; a return home interview follows the return. ` +
      `Send MissingEpisodeEnded first.`,
    'data.missingEpisodeId',
  );
}

/** On the same London date, timestamps still order the moments of one episode. */
function momentBefore(input: RuleInput, earlier: MomentFact, what: string): DomainError | undefined {
  const earlierInstant = instantOf(earlier.occurredAt);
  const instant = instantOf(input.event.occurredAt);
  if (earlierInstant === undefined || instant === undefined || instant >= earlierInstant) return undefined;
  return refusal(
    'DATE_OUT_OF_SEQUENCE',
    `${input.event.type} at ${input.event.occurredAt} is before ${what} at ${earlier.occurredAt}; the moments of a missing episode run forwards. Correct occurredAt.`,
    'occurredAt',
  );
}
