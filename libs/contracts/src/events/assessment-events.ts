import type { AssessmentFactor } from '../codes/cin-census-assessment-factors';
import { ContractField } from '../fields/contract-field.decorator';
import { nationalCodes, oneOf } from '../fields/field-types';
import { ASSESSMENT_ID, REFERRAL_ID } from './shared-fields';

export class AssessmentStartedData {
  @ContractField(ASSESSMENT_ID)
  assessmentId!: string;

  @ContractField(REFERRAL_ID)
  referralId!: string;
}

export const ASSESSMENT_OUTCOMES = ['child-in-need', 'not-in-need'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

export class AssessmentAuthorisedData {
  @ContractField(ASSESSMENT_ID)
  assessmentId!: string;

  @ContractField(oneOf(ASSESSMENT_OUTCOMES, 'Whether the assessment found the child in need.'))
  outcome!: AssessmentOutcome;

  @ContractField(nationalCodes('AssessmentFactor', 0, 'Factors identified at assessment (CIN census), each once; may be empty.'))
  factors!: AssessmentFactor[];
}
