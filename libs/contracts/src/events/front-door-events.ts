import type { PrimaryNeed, ReferralSource } from '../codes/cin-census-case-codes';
import { ContractField } from '../fields/contract-field.decorator';
import { identifier, nationalCode, oneOf } from '../fields/field-types';
import { REFERRAL_ID, REFERRAL_SOURCE } from './shared-fields';

export class ContactReceivedData {
  @ContractField(identifier('The contact, as the producing system identifies it.'))
  contactId!: string;

  @ContractField(REFERRAL_SOURCE)
  source!: ReferralSource;
}

export class ReferralReceivedData {
  @ContractField(REFERRAL_ID)
  referralId!: string;

  @ContractField(REFERRAL_SOURCE)
  source!: ReferralSource;

  @ContractField(nationalCode('PrimaryNeed', 'The main reason the child may need services (CIN census primary need).'))
  primaryNeed!: PrimaryNeed;
}

export const REFERRAL_DECISIONS = ['no-further-action', 'early-help', 'assessment', 'strategy-discussion'] as const;
export type ReferralDecision = (typeof REFERRAL_DECISIONS)[number];

export class ReferralDecisionMadeData {
  @ContractField(REFERRAL_ID)
  referralId!: string;

  @ContractField(oneOf(REFERRAL_DECISIONS, 'What the front door decided.'))
  decision!: ReferralDecision;
}
