// Test support: envelopes that break the catalogue's conditional rules, with the violations expected.
import { EVENT_EXAMPLES, type EventType } from '@csc/contracts';
import type { InvalidVariant } from './invalid-envelope-variants';
import type { ViolationAt } from './json-schema-validators';

type Json = Record<string, unknown>;

const at = (code: ViolationAt['code'], field: string): ViolationAt => ({ code, field });

function withData(type: EventType, data: Json, remove: string[] = []): Json {
  const envelope = JSON.parse(JSON.stringify(EVENT_EXAMPLES[type])) as Json;
  const merged = { ...(envelope.data as Json), ...data };
  for (const name of remove) delete merged[name];
  envelope.data = merged;
  return envelope;
}

export const RULE_VARIANTS: InvalidVariant[] = [
  {
    name: 'ChildDetailsRecorded with both dateOfBirth and expectedDateOfBirth',
    envelope: withData('ChildDetailsRecorded', { expectedDateOfBirth: '2026-05-01' }),
    expected: [at('CONFLICTING_FIELDS', 'data.dateOfBirth')],
  },
  {
    name: 'ChildDetailsRecorded with neither dateOfBirth nor expectedDateOfBirth',
    envelope: withData('ChildDetailsRecorded', {}, ['dateOfBirth']),
    expected: [at('MISSING_FIELD', 'data.dateOfBirth')],
  },
  {
    name: 'StrategyDiscussionHeld that started an s47 without section47Id',
    envelope: withData('StrategyDiscussionHeld', {}, ['section47Id']),
    expected: [at('MISSING_FIELD', 'data.section47Id')],
  },
  {
    name: 'StrategyDiscussionHeld that started no s47 but names one',
    envelope: withData('StrategyDiscussionHeld', { section47Started: false }),
    expected: [at('CONFLICTING_FIELDS', 'data.section47Id')],
  },
  {
    name: 'StrategyDiscussionHeld with section47Started missing reports that alone',
    envelope: withData('StrategyDiscussionHeld', {}, ['section47Started']),
    expected: [at('MISSING_FIELD', 'data.section47Started')],
  },
  {
    name: 'InitialChildProtectionConferenceHeld with a plan but no category of abuse',
    envelope: withData('InitialChildProtectionConferenceHeld', {}, ['categoryOfAbuse']),
    expected: [at('MISSING_FIELD', 'data.categoryOfAbuse')],
  },
  {
    name: 'InitialChildProtectionConferenceHeld without a plan but with a category of abuse',
    envelope: withData('InitialChildProtectionConferenceHeld', { planRequired: false }),
    expected: [at('CONFLICTING_FIELDS', 'data.categoryOfAbuse')],
  },
  {
    name: 'PreBirthConferenceHeld with a plan but no category of abuse',
    envelope: withData('PreBirthConferenceHeld', {}, ['categoryOfAbuse']),
    expected: [at('MISSING_FIELD', 'data.categoryOfAbuse')],
  },
  {
    name: 'PlanStarted of a CIN plan with a category of abuse',
    envelope: withData('PlanStarted', { planType: 'CIN' }),
    expected: [at('CONFLICTING_FIELDS', 'data.categoryOfAbuse')],
  },
  {
    name: 'PlanStarted with an unknown planType reports only the planType',
    envelope: withData('PlanStarted', { planType: 'CPP' }),
    expected: [at('INVALID_FIELD', 'data.planType')],
  },
  {
    name: 'SocialWorkerDetailsChanged that changes nothing',
    envelope: withData('SocialWorkerDetailsChanged', {}, ['role', 'fte']),
    expected: [at('MISSING_FIELD', 'data')],
  },
  {
    name: 'CeasedToBeLookedAfter with X1, which continues the period',
    envelope: withData('CeasedToBeLookedAfter', { reason: 'X1' }),
    expected: [at('INVALID_CODE', 'data.reason')],
  },
  {
    name: 'AssessmentAuthorised with two bad factors',
    envelope: withData('AssessmentAuthorised', { factors: ['1A', 'N1', '2B', 'RB'] }),
    expected: [at('INVALID_CODE', 'data.factors[1]'), at('INVALID_CODE', 'data.factors[3]')],
  },
  {
    name: 'an optional field sent as null',
    envelope: withData('StrategyDiscussionHeld', { referralId: null }),
    expected: [at('INVALID_FIELD', 'data.referralId')],
  },
  {
    name: 'several problems at once',
    envelope: {
      ...withData('ReferralReceived', { source: '11', primaryNeed: 'N10', extra: true }, ['referralId']),
      occurredAt: '2024-13-01',
      source: { system: 'lcs', ip: 'x' },
    },
    expected: [
      at('INVALID_FIELD', 'occurredAt'),
      at('UNKNOWN_FIELD', 'source.ip'),
      at('MISSING_FIELD', 'data.referralId'),
      at('INVALID_CODE', 'data.source'),
      at('INVALID_CODE', 'data.primaryNeed'),
      at('UNKNOWN_FIELD', 'data.extra'),
    ],
  },
];
