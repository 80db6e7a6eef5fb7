// Closure: only an open case closes. What it ends (allocation, plans, periods of care) is in CaseFactsBuilder.
import type { EventOfType } from '@csc/contracts';
import { refusal, type DomainError } from '../../domain-error';
import type { RuleInput } from './rule-input';

export function caseClosedRules(input: RuleInput<EventOfType<'CaseClosed'>>): DomainError | undefined {
  const { episodes } = input.facts;
  const last = episodes[episodes.length - 1];
  if (last !== undefined && last.closure === undefined) return undefined;
  const why = last === undefined ? 'the child has had no referral on or before that date' : `it was already closed on ${last.closure!.on}`;
  return refusal(
    'CASE_NOT_OPEN',
    `The case cannot close on ${input.on}: ${why}. A case is open from a referral until it closes; send ReferralReceived first if it re-opened.`,
    'type',
  );
}
