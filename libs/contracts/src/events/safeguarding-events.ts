import type { CategoryOfAbuse } from '../codes/cin-census-case-codes';
import { ContractField } from '../fields/contract-field.decorator';
import { flag, identifier, optional, requiredWhen } from '../fields/field-types';
import { CATEGORY_OF_ABUSE, CONFERENCE_ID, REFERRAL_ID, SECTION47_ID } from './shared-fields';

export class StrategyDiscussionHeldData {
  @ContractField(identifier('The strategy discussion, as the producing system identifies it.'))
  strategyDiscussionId!: string;

  @ContractField(REFERRAL_ID, optional())
  referralId?: string;

  @ContractField(flag('Whether the discussion started a section 47 enquiry (its date is then the s47 start date).'))
  section47Started!: boolean;

  /** Present exactly when section47Started is true. */
  @ContractField(SECTION47_ID, requiredWhen('section47Started', true))
  section47Id?: string;
}

export class Section47EnquiryCompletedData {
  @ContractField(SECTION47_ID)
  section47Id!: string;

  @ContractField(flag('Whether the enquiry concluded that an initial child protection conference is needed.'))
  icpcRequired!: boolean;
}

export class InitialChildProtectionConferenceHeldData {
  @ContractField(CONFERENCE_ID)
  conferenceId!: string;

  @ContractField(SECTION47_ID, optional())
  section47Id?: string;

  @ContractField(flag('Whether the conference made a child protection plan.'))
  planRequired!: boolean;

  /** Present exactly when planRequired is true. */
  @ContractField(CATEGORY_OF_ABUSE, requiredWhen('planRequired', true))
  categoryOfAbuse?: CategoryOfAbuse;
}

export class PreBirthConferenceHeldData {
  @ContractField(CONFERENCE_ID)
  conferenceId!: string;

  @ContractField(flag('Whether the conference made a child protection plan for the unborn child.'))
  planRequired!: boolean;

  /** Present exactly when planRequired is true. */
  @ContractField(CATEGORY_OF_ABUSE, requiredWhen('planRequired', true))
  categoryOfAbuse?: CategoryOfAbuse;
}
