import type { LegalStatus, ReasonCeasedToBeLookedAfter, ReasonNewEpisode } from '../codes/ssda903-episode-codes';
import type { PlacementType, ReasonPlaceChange } from '../codes/ssda903-placement-codes';
import { ContractField } from '../fields/contract-field.decorator';
import { flag, nationalCode, optional } from '../fields/field-types';
import { LEGAL_STATUS, PERIOD_ID, PLACEMENT_ID, PLACEMENT_TYPE } from './shared-fields';

const LONG_TERM = flag('Whether the placement is intended to last until the child is 18 (it sets the T6 visit interval after the first year).');

export class BecameLookedAfterData {
  @ContractField(PERIOD_ID)
  periodId!: string;

  @ContractField(PLACEMENT_ID)
  placementId!: string;

  @ContractField(LEGAL_STATUS)
  legalStatus!: LegalStatus;

  @ContractField(PLACEMENT_TYPE)
  placementType!: PlacementType;

  @ContractField(nationalCode('ReasonNewEpisode', 'The reason for the new episode (SSDA903 RNE), optional.'), optional())
  reasonNewEpisode?: ReasonNewEpisode;

  @ContractField(LONG_TERM)
  longTerm!: boolean;
}

export class PlacementChangedData {
  @ContractField(PERIOD_ID)
  periodId!: string;

  @ContractField(PLACEMENT_ID)
  placementId!: string;

  @ContractField(PLACEMENT_TYPE)
  placementType!: PlacementType;

  @ContractField(LONG_TERM)
  longTerm!: boolean;

  /** Optional, as in the SSDA903 schema (REASON_PLACE_CHANGE "canbeblank: yes", SSDA903_schema_2024.yml). */
  @ContractField(nationalCode('ReasonPlaceChange', 'Why the placement changed (SSDA903 REASON_PLACE_CHANGE), where it is recorded.'), optional())
  reason?: ReasonPlaceChange;
}

export class LegalStatusChangedData {
  @ContractField(PERIOD_ID)
  periodId!: string;

  @ContractField(LEGAL_STATUS)
  legalStatus!: LegalStatus;
}

export class CeasedToBeLookedAfterData {
  @ContractField(PERIOD_ID)
  periodId!: string;

  /** SSDA903 REC without X1: X1 means a new episode starts the same day, so the period does not end. */
  @ContractField(nationalCode('ReasonCeasedToBeLookedAfter', 'Why the period of care ended (SSDA903 REC, any code but X1).'))
  reason!: ReasonCeasedToBeLookedAfter;
}
