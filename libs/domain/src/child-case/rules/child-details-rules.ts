// The child's details: a child who is born cannot become unborn again.
import type { EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';
import type { RuleInput } from './rule-input';

export function childDetailsRecordedRules(input: RuleInput<EventOfType<'ChildDetailsRecorded'>>): DomainError | undefined {
  if (input.event.data.expectedDateOfBirth === undefined) return undefined;
  const born = input.facts.childDetails.find((fact) => fact.dateOfBirth !== undefined);
  if (born === undefined) return undefined;
  return refusal(
    'CHILD_ALREADY_BORN',
    `An expected date of birth is sent on ${input.on}, but the child's date of birth (${born.dateOfBirth}) was recorded on ${born.on}. ` +
      `Send dateOfBirth instead, or retract the earlier ChildDetailsRecorded (${born.eventId}) if it was recorded in error.`,
    'data.expectedDateOfBirth',
  );
}
