// Rules inside one payload that the contract left to the domain: they need no history.
import type { ChildEvent, EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';

export function payloadRules(event: ChildEvent, on: string): DomainError | undefined {
  switch (event.type) {
    case 'SocialWorkerChanged':
      return sameWorker(event);
    case 'StatutoryVisitMade':
      return seenAloneWithoutSeen(event);
    case 'ChildDetailsRecorded':
      return disabilityNoneNotAlone(event) ?? dateOfBirthAfterEvent(event, on);
    case 'AssessmentAuthorised':
      return factor21NotAlone(event);
    default:
      return undefined;
  }
}

function sameWorker(event: EventOfType<'SocialWorkerChanged'>): DomainError | undefined {
  if (event.data.fromWorkerId !== event.data.toWorkerId) return undefined;
  return refusal(
    'SAME_WORKER',
    `fromWorkerId and toWorkerId are both ${event.data.toWorkerId}: that is not a change of worker. A change of team alone is not sent as SocialWorkerChanged.`,
    'data.toWorkerId',
  );
}

function seenAloneWithoutSeen(event: EventOfType<'StatutoryVisitMade'>): DomainError | undefined {
  if (!event.data.seenAlone || event.data.seen) return undefined;
  return refusal(
    'SEEN_ALONE_WITHOUT_SEEN',
    `Visit ${event.data.visitId} says the child was seen alone but not seen. Send seen: true, or seenAlone: false.`,
    'data.seenAlone',
  );
}

function disabilityNoneNotAlone(event: EventOfType<'ChildDetailsRecorded'>): DomainError | undefined {
  const { disabilities } = event.data;
  if (!disabilities.includes('NONE') || disabilities.length === 1) return undefined;
  return refusal(
    'DISABILITY_NONE_NOT_ALONE',
    `disabilities combines NONE with ${disabilities.filter((code) => code !== 'NONE').join(', ')}. Send ["NONE"] alone, or the disabilities without NONE.`,
    'data.disabilities',
  );
}

function dateOfBirthAfterEvent(event: EventOfType<'ChildDetailsRecorded'>, on: string): DomainError | undefined {
  const { dateOfBirth } = event.data;
  if (dateOfBirth === undefined || dateOfBirth <= on) return undefined;
  return refusal(
    'DATE_OF_BIRTH_AFTER_EVENT',
    `dateOfBirth ${dateOfBirth} is after the date these details were recorded (${on}). An unborn child is sent with expectedDateOfBirth.`,
    'data.dateOfBirth',
  );
}

function factor21NotAlone(event: EventOfType<'AssessmentAuthorised'>): DomainError | undefined {
  const { factors } = event.data;
  if (!factors.includes('21') || factors.length === 1) return undefined;
  return refusal(
    'ASSESSMENT_FACTOR_21_NOT_ALONE',
    `factors combines 21 ("no factors identified") with ${factors.filter((code) => code !== '21').join(', ')}. Send ["21"] alone, or the factors without 21.`,
    'data.factors',
  );
}
