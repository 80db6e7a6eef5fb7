import type { SocialWorkerChangeReason } from '../codes/ssda903-social-worker-codes';
import { ContractField } from '../fields/contract-field.decorator';
import { identifier, nationalCode, oneOf } from '../fields/field-types';
import { TEAM_ID, WORKER_ID } from './shared-fields';

export class CaseAllocatedData {
  @ContractField(WORKER_ID)
  workerId!: string;

  @ContractField(TEAM_ID)
  teamId!: string;
}

export class SocialWorkerChangedData {
  @ContractField(identifier("The local authority's id of the worker the case leaves (the current worker)."))
  fromWorkerId!: string;

  @ContractField(identifier("The local authority's id of the worker the case moves to."))
  toWorkerId!: string;

  @ContractField(TEAM_ID)
  teamId!: string;

  @ContractField(nationalCode('SocialWorkerChangeReason', 'Why the worker changed (SSDA903 SW_REASON).'))
  reason!: SocialWorkerChangeReason;
}

export const UNALLOCATION_REASONS = ['worker-left', 'worker-absent', 'awaiting-transfer', 'other'] as const;
export type UnallocationReason = (typeof UNALLOCATION_REASONS)[number];

export class CaseUnallocatedData {
  @ContractField(WORKER_ID)
  workerId!: string;

  @ContractField(oneOf(UNALLOCATION_REASONS, 'Why the case lost its worker.'))
  reason!: UnallocationReason;
}
