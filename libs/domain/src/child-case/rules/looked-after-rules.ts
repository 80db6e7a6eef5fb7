// Periods of care: never overlapping; placements, legal status and ceasing only within an open period.
import type { EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';
import type { PeriodOfCareFact } from '../case-facts';
import { caseNotOpen, idAlreadyUsed, unknownPieceOfWork } from './case-episode-rules';
import type { RuleInput } from './rule-input';

/** The period of care the child is in on the event's date (its last day included, for events recorded that day). */
export function lookedAfterOn(input: RuleInput): PeriodOfCareFact | undefined {
  for (const period of input.facts.periodsOfCare.values()) if (period.end === undefined || period.end.on >= input.on) return period;
  return undefined;
}

export function becameLookedAfterRules(input: RuleInput<EventOfType<'BecameLookedAfter'>>): DomainError | undefined {
  const { periodId } = input.event.data;
  return (
    idAlreadyUsed(input, 'period of care', periodId, input.facts.periodsOfCare.has(periodId), 'data.periodId') ??
    (historyStartsHere(input) ? undefined : caseNotOpen(input, 'a period of care')) ??
    alreadyLookedAfter(input)
  );
}

/**
 * A history may start part-way, with the child already looked after: an SSDA903 return proves periods of care and
 * says nothing of referrals. With no referral on record before it, a period of care is accepted on its own (it opens
 * no case episode: nothing is invented); once a case has been opened and closed, a new referral is still needed.
 */
function historyStartsHere(input: RuleInput<EventOfType<'BecameLookedAfter'>>): boolean {
  return input.facts.episodes.length === 0;
}

function alreadyLookedAfter(input: RuleInput<EventOfType<'BecameLookedAfter'>>): DomainError | undefined {
  const open = input.facts.openPeriodOfCare();
  if (open === undefined || input.mode === 'recorded') return undefined;
  return refusal(
    'PERIODS_OVERLAP',
    `On ${input.on} the child is already looked after in period ${open.periodId} (since ${open.on}); periods of care cannot overlap. ` +
      `Send CeasedToBeLookedAfter for ${open.periodId} on or before ${input.on} first, or PlacementChanged / LegalStatusChanged within it.`,
    'data.periodId',
  );
}

/** PlacementChanged and LegalStatusChanged: the named period must be open on that date. */
export function changeInPeriodRules(input: RuleInput<EventOfType<'PlacementChanged' | 'LegalStatusChanged'>>): DomainError | undefined {
  const { periodId } = input.event.data;
  const period = input.facts.periodsOfCare.get(periodId);
  if (period === undefined) return unknownPieceOfWork(input, 'period of care', periodId, 'PERIOD_NOT_FOUND', 'data.periodId');
  if (period.end === undefined || period.end.on >= input.on) return undefined;
  return refusal(
    'PERIOD_NOT_OPEN',
    `${input.event.type} on ${input.on} names period of care ${periodId}, but ${howItEnded(input, period)}. Check the periodId or the date.`,
    'occurredAt',
  );
}

/** An explicit ceasing may replace an end implied by closure or by the next period, if dated on or before it. */
export function ceasedToBeLookedAfterRules(input: RuleInput<EventOfType<'CeasedToBeLookedAfter'>>): DomainError | undefined {
  const { periodId } = input.event.data;
  const period = input.facts.periodsOfCare.get(periodId);
  if (period === undefined) return unknownPieceOfWork(input, 'period of care', periodId, 'PERIOD_NOT_FOUND', 'data.periodId');
  const { end } = period;
  if (end === undefined || (end.by !== 'recorded' && end.on >= input.on)) return undefined;
  if (end.by === 'superseded') {
    return refusal(
      'PERIODS_OVERLAP',
      `Period of care ${periodId} cannot cease on ${input.on}: ${howItEnded(input, period)}, and periods of care cannot overlap. ` +
        `Send its ceasing dated on or before ${end.on}.`,
      'occurredAt',
    );
  }
  return refusal('PERIOD_NOT_OPEN', `Period of care ${periodId} cannot cease on ${input.on}: ${howItEnded(input, period)}.`, 'occurredAt');
}

/** Health assessments are of looked-after children (the catalogue's meaning of the event). */
export function healthAssessmentCompletedRules(input: RuleInput<EventOfType<'HealthAssessmentCompleted'>>): DomainError | undefined {
  const { healthAssessmentId } = input.event.data;
  const used = idAlreadyUsed(input, 'health assessment', healthAssessmentId, input.facts.healthAssessments.has(healthAssessmentId), 'data.healthAssessmentId');
  if (used !== undefined || lookedAfterOn(input) !== undefined) return used;
  return refusal(
    'NOT_LOOKED_AFTER',
    `A health assessment on ${input.on} is recorded for looked-after children, and the child is not looked after on that date. ` +
      `Send BecameLookedAfter first, or check the date.`,
    'occurredAt',
  );
}

function howItEnded(input: RuleInput, period: PeriodOfCareFact): string {
  const end = period.end!;
  if (end.by === 'recorded') return `it ceased on ${end.on} (CeasedToBeLookedAfter ${end.eventId})`;
  if (end.by === 'case-closed') return `it ended when the case closed on ${end.on}`;
  const next = [...input.facts.periodsOfCare.values()].find((other) => other.eventId === end.eventId);
  return `it ended at the latest on ${end.on}, when period of care ${next?.periodId ?? end.eventId} started`;
}
