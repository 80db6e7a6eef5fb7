import { ContractField, PayloadRules } from '../fields/contract-field.decorator';
import { flag, fullTimeEquivalent, oneOf, optional } from '../fields/field-types';
import { TEAM_ID } from './shared-fields';

export const WORKER_ROLES = ['newly-qualified', 'social-worker', 'senior-practitioner', 'practice-supervisor', 'team-manager'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

export const WORKER_LEAVING_REASONS = ['resigned', 'retired', 'dismissed', 'end-of-contract', 'moved-internally', 'died', 'other'] as const;
export type WorkerLeavingReason = (typeof WORKER_LEAVING_REASONS)[number];

const ROLE = oneOf(
  WORKER_ROLES,
  'newly-qualified: in the assessed first year (ASYE); then social-worker, senior-practitioner, practice-supervisor, team-manager.',
);
const FTE = fullTimeEquivalent('Full-time equivalent, above 0 and at most 1, in hundredths.');
const AGENCY = flag('Whether the worker is agency staff (false: permanent).');

export class SocialWorkerJoinedData {
  @ContractField(TEAM_ID)
  teamId!: string;

  @ContractField(ROLE)
  role!: WorkerRole;

  @ContractField(FTE)
  fte!: number;

  @ContractField(AGENCY)
  agency!: boolean;
}

/** Only what changed; at least one field. */
@PayloadRules({ rule: 'atLeastOneOf', fields: ['teamId', 'role', 'fte', 'agency'] })
export class SocialWorkerDetailsChangedData {
  @ContractField(TEAM_ID, optional())
  teamId?: string;

  @ContractField(ROLE, optional())
  role?: WorkerRole;

  @ContractField(FTE, optional())
  fte?: number;

  @ContractField(AGENCY, optional())
  agency?: boolean;
}

export class SocialWorkerLeftData {
  @ContractField(oneOf(WORKER_LEAVING_REASONS, 'Why the worker left.'))
  reason!: WorkerLeavingReason;
}
