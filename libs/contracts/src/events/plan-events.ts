import type { CategoryOfAbuse } from '../codes/cin-census-case-codes';
import { ContractField } from '../fields/contract-field.decorator';
import { allowedWhen, oneOf, optional, text } from '../fields/field-types';
import { CATEGORY_OF_ABUSE, PLAN_ID } from './shared-fields';

export const PLAN_TYPES = ['CIN', 'CP', 'CLA', 'PATHWAY'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

export class PlanStartedData {
  @ContractField(PLAN_ID)
  planId!: string;

  @ContractField(oneOf(PLAN_TYPES, 'CIN: child in need; CP: child protection; CLA: looked-after care plan; PATHWAY: care leaver pathway plan.'))
  planType!: PlanType;

  /** Only on a CP plan. */
  @ContractField(CATEGORY_OF_ABUSE, allowedWhen('planType', 'CP'))
  categoryOfAbuse?: CategoryOfAbuse;
}

export class PlanReviewedData {
  @ContractField(PLAN_ID)
  planId!: string;
}

export class PlanEndedData {
  @ContractField(PLAN_ID)
  planId!: string;

  @ContractField(text(1, 500, 'Why the plan ended, in words (optional; no personal data).'), optional())
  reason?: string;
}
