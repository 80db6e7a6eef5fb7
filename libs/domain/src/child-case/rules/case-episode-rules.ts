// Checks many rules share: an id recorded once, a named piece of work that must already exist, an open case.
import { refusal, type DomainError, type DomainErrorCode } from '../../domain-error';
import type { IdKind, RuleInput } from './rule-input';

/** An id that introduces a piece of work is used once per child, on whatever date the other use falls. */
export function idAlreadyUsed(input: RuleInput, kind: IdKind, id: string, knownBefore: boolean, field: string): DomainError | undefined {
  const laterUse = knownBefore ? undefined : input.later.introducing(kind, id, input.event.eventId);
  if (!knownBefore && laterUse === undefined) return undefined;
  const where = laterUse === undefined ? 'earlier' : `by ${laterUse.event.type} ${laterUse.event.eventId} of ${laterUse.on}`;
  return refusal(
    'ID_ALREADY_USED',
    `${capitalised(kind)} ${id} is already recorded for this child (${where}); an id names one ${kind} only. ` +
      `Send a new ${field.replace('data.', '')} for a new ${kind}, or retract the earlier event if it was recorded in error.`,
    field,
  );
}

/**
 * A piece of work named by the event is not among the facts before it: either it starts later on the timeline
 * (the dates run backwards) or it was never recorded.
 */
export function unknownPieceOfWork(input: RuleInput, kind: IdKind, id: string, notFound: DomainErrorCode, field: string): DomainError {
  const later = input.later.introducing(kind, id, input.event.eventId);
  if (later !== undefined) {
    return refusal(
      'DATE_OUT_OF_SEQUENCE',
      `${input.event.type} is dated ${input.on}, before ${kind} ${id} started on ${later.on} (${later.event.type} ${later.event.eventId}); ` +
        `the dates of one piece of work run forwards. Correct occurredAt, or the date of the ${later.event.type}.`,
      'occurredAt',
    );
  }
  return refusal(
    notFound,
    `No ${kind} ${id} was recorded for this child on or before ${input.on}. Send the event that starts ${kind} ${id} first, or correct ${field}.`,
    field,
  );
}

/** Starting a piece of work, or allocating, needs the case open at that point of its timeline. */
export function caseNotOpen(input: RuleInput, doing: string): DomainError | undefined {
  const { episodes } = input.facts;
  const last = episodes[episodes.length - 1];
  if (last === undefined) {
    return refusal(
      'CASE_NOT_OPEN',
      `Cannot record ${doing} on ${input.on}: the child has no referral on or before that date, so the case is not open. Send the ReferralReceived first.`,
      'occurredAt',
    );
  }
  if (last.closure === undefined) return undefined;
  return refusal(
    'CASE_CLOSED',
    `Cannot record ${doing} on ${input.on}: the case was closed on ${last.closure.on} (${last.closure.reason}). ` +
      `A new referral (ReferralReceived) re-opens it; send that first if the child is open to social care again.`,
    'occurredAt',
  );
}

/** A piece of work started from a referral belongs to that referral's episode, which must still be open. */
export function episodeNotOpen(input: RuleInput, episode: number, doing: string, referralId: string): DomainError | undefined {
  const closure = input.facts.episodes[episode]?.closure;
  if (closure === undefined) return undefined;
  return refusal(
    'CASE_CLOSED',
    `Cannot record ${doing} on ${input.on}: referral ${referralId} belongs to the case episode closed on ${closure.on}. ` +
      `Name the referral of the current episode, or send a new ReferralReceived first.`,
    'data.referralId',
  );
}

/** Finishing a piece of work is accepted up to and on the day its episode closed, never after. */
export function episodeClosedBefore(input: RuleInput, episode: number, what: string): DomainError | undefined {
  const closure = input.facts.episodes[episode]?.closure;
  if (closure === undefined || closure.on >= input.on) return undefined;
  return refusal(
    'CASE_CLOSED',
    `${input.event.type} on ${input.on} comes after the case closed on ${closure.on}, which ended ${what}. ` +
      `Send it with its real date (on or before ${closure.on}), or start a new piece of work after a new referral.`,
    'occurredAt',
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
