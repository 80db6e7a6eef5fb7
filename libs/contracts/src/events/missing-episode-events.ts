import { ContractField } from '../fields/contract-field.decorator';
import { MISSING_EPISODE_ID } from './shared-fields';

export class MissingEpisodeStartedData {
  @ContractField(MISSING_EPISODE_ID)
  missingEpisodeId!: string;
}

export class MissingEpisodeEndedData {
  @ContractField(MISSING_EPISODE_ID)
  missingEpisodeId!: string;
}

export class ReturnHomeInterviewCompletedData {
  @ContractField(MISSING_EPISODE_ID)
  missingEpisodeId!: string;
}
