import { ContractField } from '../fields/contract-field.decorator';
import { flag, identifier, oneOf } from '../fields/field-types';

export class StatutoryVisitMadeData {
  @ContractField(identifier('The visit, as the producing system identifies it.'))
  visitId!: string;

  @ContractField(flag('Whether the child was seen (only a visit where the child was seen stops a visit clock).'))
  seen!: boolean;

  @ContractField(flag('Whether the child was seen alone.'))
  seenAlone!: boolean;
}

export const HEALTH_ASSESSMENT_TYPES = ['initial', 'review'] as const;
export type HealthAssessmentType = (typeof HEALTH_ASSESSMENT_TYPES)[number];

export class HealthAssessmentCompletedData {
  @ContractField(identifier('The health assessment, as the producing system identifies it.'))
  healthAssessmentId!: string;

  @ContractField(oneOf(HEALTH_ASSESSMENT_TYPES, 'initial: the first after becoming looked after; review: every later one.'))
  assessmentType!: HealthAssessmentType;
}
